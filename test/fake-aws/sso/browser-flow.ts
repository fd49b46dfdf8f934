// The browser steps of IAM Identity Center: /authorize on the OIDC host (authorisation code with PKCE, ending in
// a 302 to the client's loopback redirect URI) and the device verification page (the user code the CLI prints).
// Both sign the demo user in once (a cookie naming the portal session) and then ask for consent.
import { readCookie, setCookie } from '../cookies'
import { htmlResult, redirect, type HttpResult } from '../http-types'
import { html, page } from '../html'
import type { IdentityCenter, PortalSession } from './identity-center'
import { redirectRegistered } from './oidc'
import { consentPage, resultPage, signInPage, userCodePage } from './pages'
import { formFields, type SsoRequest } from './request'

const AUTHORIZE_PARAMS = [
  'response_type',
  'client_id',
  'redirect_uri',
  'state',
  'code_challenge',
  'code_challenge_method',
  'scopes',
  'scope',
] as const

function signedIn(sso: IdentityCenter, req: SsoRequest): PortalSession | undefined {
  const session = sso.liveSession(readCookie(req.headers.cookie, req.cookieName))
  return session?.region === req.region ? session : undefined
}

function sessionCookie(req: SsoRequest, session: PortalSession): string {
  const cookie = setCookie(req.cookieName, session.id)
  return req.secure ? `${cookie}; Secure` : cookie
}

/** Checks the demo user's name and password; a new portal session and its cookie, or the sign-in page again. */
function signIn(
  sso: IdentityCenter,
  req: SsoRequest,
  fields: URLSearchParams,
): { session: PortalSession; cookie: string } | undefined {
  const { name, password } = sso.fixture.user
  if (fields.get('username') !== name || fields.get('password') !== password) return undefined
  const session = sso.startSession(req.region)
  return { session, cookie: sessionCookie(req, session) }
}

function badAuthorizeRequest(reason: string): HttpResult {
  return htmlResult(
    400,
    page(
      'Invalid request',
      html`<main>
        <h1>Invalid request</h1>
        <p data-testid="sso-error">${reason}</p>
      </main>`,
      {
        testId: 'sso-invalid-request',
      },
    ),
  )
}

/** GET/POST /authorize on the OIDC host. */
export function handleAuthorize(sso: IdentityCenter, req: SsoRequest): HttpResult {
  const result = authorize(sso, req)
  sso.count('Authorize', result.status >= 400)
  return result
}

function authorize(sso: IdentityCenter, req: SsoRequest): HttpResult {
  const fields = formFields(req)
  const carry = Object.fromEntries(AUTHORIZE_PARAMS.flatMap((p) => (fields.has(p) ? [[p, fields.get(p)!]] : [])))
  const client = sso.registrations.get(carry.client_id ?? '')
  // Until the redirect URI is known good, errors are shown here, never sent on (RFC 6749 §4.1.2.1).
  if (!client || client.region !== req.region || sso.nowMs() >= client.expiresAtMs)
    return badAuthorizeRequest('Invalid client')
  const redirectUri = carry.redirect_uri ?? ''
  if (!redirectRegistered(client, redirectUri)) return badAuthorizeRequest('Invalid redirect URI')
  const back = (params: Record<string, string>) => {
    const url = new URL(redirectUri)
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v)
    if (carry.state !== undefined) url.searchParams.set('state', carry.state)
    return redirect(url.href)
  }
  if (carry.response_type !== 'code' || !client.grantTypes.includes('authorization_code'))
    return back({ error: 'unsupported_response_type' })
  if (!carry.code_challenge || carry.code_challenge_method !== 'S256') return back({ error: 'invalid_request' })
  const grant = (session: PortalSession) => {
    const code = sso.issueCode({
      clientId: client.clientId,
      redirectUri,
      codeChallenge: carry.code_challenge!,
      // The AWS CLI sends `scopes`, granted and aws-sso-cli send `scope` (docs/aws-protocol.md §7.1): both count.
      scopes: `${carry.scopes ?? ''} ${carry.scope ?? ''}`.split(/[ ,]+/).filter(Boolean),
      sessionId: session.id,
    })
    return back({ code: code.code })
  }

  const action = `${req.bases.oidc}/authorize`
  const what = client.clientName
  const session = signedIn(sso, req)
  if (sso.autoApprove) {
    if (session) return grant(session)
    const fresh = sso.startSession(req.region)
    const result = grant(fresh)
    return { ...result, headers: { ...result.headers, 'set-cookie': sessionCookie(req, fresh) } }
  }
  const step = req.method === 'POST' ? fields.get('step') : null
  if (step === 'signin') {
    const done = signIn(sso, req, fields)
    if (!done) return htmlResult(401, signInPage(action, carry, 'Incorrect username or password.'))
    return htmlResult(200, consentPage(action, carry, what, sso.fixture.user.name), { 'set-cookie': done.cookie })
  }
  if (!session) return htmlResult(200, signInPage(action, carry))
  if (step === 'consent') return fields.get('decision') === 'allow' ? grant(session) : back({ error: 'access_denied' })
  return htmlResult(200, consentPage(action, carry, what, sso.fixture.user.name))
}

/** The device verification page (GET/POST / on the device host): code, sign-in, Allow. */
export function handleDevicePage(sso: IdentityCenter, req: SsoRequest): HttpResult | undefined {
  if (req.path !== '/' || (req.method !== 'GET' && req.method !== 'POST')) return undefined
  const fields = formFields(req)
  const action = `${req.bases.device}/`
  const code = fields.get('user_code') ?? ''
  const step = req.method === 'POST' ? fields.get('step') : null
  if (!step) return htmlResult(200, userCodePage(action, code))
  const device = sso.pendingDevice(code)
  if (!device || device.region !== req.region)
    return htmlResult(400, userCodePage(action, code, 'That code is not valid or has expired.'))
  const carry = { user_code: device.userCode }
  const what = `the application asking with code ${device.userCode}`
  let session = signedIn(sso, req)
  let cookie: string | undefined
  if (step === 'signin') {
    const done = signIn(sso, req, fields)
    if (!done) return htmlResult(401, signInPage(action, carry, 'Incorrect username or password.'))
    session = done.session
    cookie = done.cookie
  }
  if (!session) return htmlResult(200, signInPage(action, carry))
  const headers: Record<string, string> = cookie ? { 'set-cookie': cookie } : {}
  if (step !== 'consent') return htmlResult(200, consentPage(action, carry, what, sso.fixture.user.name), headers)
  if (fields.get('decision') !== 'allow') {
    device.status = 'denied'
    return htmlResult(200, resultPage('Request denied', 'You can close this window.', 'sso-denied'), headers)
  }
  sso.approveDevice(device, session.id)
  return htmlResult(
    200,
    resultPage('Request approved', 'You can close this window and return to the application.', 'sso-approved'),
    headers,
  )
}
