// The federation endpoint: getSigninToken (step 1) and login (step 2), docs/aws-protocol.md §1.2–1.3.
import type { IssuedCredentials } from './credential-store'
import { html, page } from './html'
import { htmlResult, jsonResult, redirect, type HttpResult, type RouteRequest } from './http-types'
import { identityKey } from './signin-state'
import type { FakeAwsState } from './state'
import { setCookie } from './cookies'
import { cookieDomain } from './site'
import { consoleSessionOf, mustLogOutPage } from './console'
import { multiSessionLogin } from './multi-session'
import { consoleHost, signinHostPartition } from './regions'

const SIGNIN_TOKEN_LIFETIME_SECONDS = 15 * 60

/** AWS answers a bad getSigninToken with a bare HTTP 400 (reports quote this Tomcat-style text). */
function badRequest(reason: string): HttpResult {
  return htmlResult(
    400,
    page(
      'HTTP Status 400 - Bad Request',
      html`<main>
        <h1>HTTP Status 400 - ${reason}</h1>
        <p><b>description</b> The request sent by the client was syntactically incorrect.</p>
      </main>`,
      { testId: 'bad-request' },
    ),
  )
}

export function handleFederation(state: FakeAwsState, req: RouteRequest): HttpResult {
  const action = req.params.get('Action')
  if (action === 'getSigninToken') return counted(state, 'getSigninToken', getSigninToken(state, req))
  if (action === 'login') return counted(state, 'login', login(state, req))
  return badRequest('Invalid Action parameter')
}

function counted(state: FakeAwsState, action: 'getSigninToken' | 'login', result: HttpResult): HttpResult {
  state.count(action, result.status >= 400)
  return result
}

function sessionCredentials(state: FakeAwsState, json: string | null): IssuedCredentials | string {
  if (json === null) return 'Session parameter is missing'
  let session: unknown
  try {
    session = JSON.parse(json)
  } catch {
    return 'Invalid credentials parameter'
  }
  const { sessionId, sessionKey, sessionToken } = (session ?? {}) as Record<string, unknown>
  if (typeof sessionId !== 'string' || typeof sessionKey !== 'string') return 'Invalid credentials parameter'
  const issued = state.credentials.find(sessionId)
  // Long-term keys (no token, or an AKIA id) are not accepted here: only temporary credentials are.
  if (!issued || issued.secretAccessKey !== sessionKey || issued.sessionToken !== sessionToken)
    return 'Invalid credentials parameter'
  if (state.now() >= issued.expiresAtMs) return 'Invalid credentials parameter'
  // GetSessionToken credentials cannot open the console ("SSO to console: not allowed").
  if (issued.issuedBy === 'GetSessionToken') return 'Invalid credentials parameter'
  return issued
}

function getSigninToken(state: FakeAwsState, req: RouteRequest): HttpResult {
  const credentials = sessionCredentials(state, req.params.get('Session'))
  if (typeof credentials === 'string') return badRequest(credentials)
  let consoleExpiresAtMs = credentials.expiresAtMs
  const durationText = req.params.get('SessionDuration')
  if (durationText !== null) {
    const duration = Number(durationText)
    if (!/^\d+$/.test(durationText) || duration < 900 || duration > 43200)
      return badRequest('Invalid SessionDuration parameter')
    // Only for a role assumed with long-term keys: not federation tokens, not role chaining (incl. MFA sessions).
    // Identity Center's role credentials are not role chaining either (docs/aws-protocol.md §7.3).
    const unchainedRole =
      (credentials.issuedBy === 'AssumeRole' && credentials.issuedWithLongTermKeys) ||
      credentials.issuedBy === 'GetRoleCredentials'
    if (!unchainedRole) return badRequest('Invalid credentials parameter')
    consoleExpiresAtMs = state.endOfLifetime(duration)
  }
  const record = state.signinTokens.issue(
    credentials,
    consoleExpiresAtMs,
    state.endOfLifetime(SIGNIN_TOKEN_LIFETIME_SECONDS),
  )
  return jsonResult(200, { SigninToken: record.token })
}

function signinError(reason: string): HttpResult {
  return htmlResult(
    400,
    page(
      'Amazon Web Services Sign-In',
      html`<main>
        <h1>Sign-in failed</h1>
        <p data-testid="signin-error">${reason}</p>
      </main>`,
      { testId: 'signin-error-page' },
    ),
  )
}

function login(state: FakeAwsState, req: RouteRequest): HttpResult {
  const token = req.params.get('SigninToken')
  const destinationText = req.params.get('Destination')
  const issuer = req.params.get('Issuer') ?? ''
  const record = token === null ? undefined : state.signinTokens.find(token)
  if (!record) return signinError('The sign-in token is not valid.')
  if (record.used) return signinError('The sign-in token has already been used.')
  if (state.now() >= record.expiresAtMs)
    return signinError('The sign-in token has expired (sign-in tokens are valid for 15 minutes).')
  let destination: URL
  try {
    destination = new URL(destinationText ?? '')
  } catch {
    return signinError('Destination is missing or not a URL.')
  }
  // Like AWS, only send the browser on to the console itself: a real console host of the partition, or this
  // stand-in's own /console/ pages.
  if (!isConsoleDestination(req, destination)) {
    return signinError(
      `Destination must be a console URL (https://console.aws.amazon.com/…, https://<region>.console.aws.amazon.com/…, the aws-cn and aws-us-gov equivalents, or ${req.url.origin}/console/…), got ${destination.href}`,
    )
  }
  // Modelled, unverified: with the console's multi-session on, a login joins the browser's sessions.
  if (state.multiSession) return multiSessionLogin(state, req, record, destination, issuer)
  const current = consoleSessionOf(state, req)
  if (
    current &&
    state.now() < current.expiresAtMs &&
    identityKey(current.credentials) !== identityKey(record.credentials)
  ) {
    // The token is not spent: after logging out, the same sign-in URL still works.
    return mustLogOutPage(req)
  }
  record.used = true
  state.consoleSessions.delete(req.sessionId)
  const session = state.consoleSessions.create({
    credentials: record.credentials,
    issuer,
    signedInAtMs: state.now(),
    expiresAtMs: record.consoleExpiresAtMs,
  })
  return redirect(destination.href, { 'set-cookie': setCookie(req.cookieName, session.id, cookieDomain(req.site)) })
}

/**
 * A console page the login may send the browser to: this stand-in's own /console/ pages, or a real console host
 * (regional, bare or multi-session) of the sign-in host's partition; reached at the stand-in's own address (no
 * partition of its own), a console host of any of the three partitions.
 */
export function isConsoleDestination(req: RouteRequest, destination: URL): boolean {
  if (destination.origin === req.url.origin) return /^\/console(\/|$)/.test(destination.pathname)
  if (destination.protocol !== 'https:' || destination.username !== '' || destination.password !== '') return false
  const host = consoleHost(destination.hostname)
  if (!host) return false
  const partition = signinHostPartition(req.url.host)
  return partition === undefined || partition === host.partition
}
