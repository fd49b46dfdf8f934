// The AWS console's multi-session support (2025: up to 5 identities in one browser), on only when the stand-in
// starts with multiSession: true. Documented (README.md, with sources): the limit of 5, a console host per session
// <account>-<8 characters>.<region>.console.aws.amazon.com, a plain federation Action=login joining the browser's
// sessions, the logout-then-login hop failing with HTTP 400, the opt-in cookie aws-prism-opt-in=true and the
// pages' awsc-session-data meta. Modelled, not verified: that the same identity signing in again refreshes its
// own session, that a plain logout ends all sessions, what a sixth identity gets, and the pages' wording.
//
// A loopback stand-in cannot have per-session hosts, so the login redirect puts the session's id in a path
// prefix instead: Destination …/console/ec2/home → …/console/s/<account>-<8 hex>/ec2/home. Like AWS's host
// (the same across sign-ins, as reported), the id is derived from the identity, so a tab of one identity never
// shows another. A multi-session cookie jar's cookie names a jar of sessions, not one session.
import { createHash, randomBytes } from 'node:crypto'
import { clearCookie, setCookie } from './cookies'
import {
  consolePage,
  consoleSessionOf,
  handleConsole,
  handleLogout,
  handleSessionExpired,
  SESSION_EXPIRED_PATH,
  whoami,
} from './console'
import type { IssuedCredentials } from './credential-store'
import { html, isSafeLink, page } from './html'
import { htmlResult, jsonResult, redirect, type HttpResult, type RouteRequest } from './http-types'
import { principalAccount, principalArn } from './iam-model'
import { identityKey, type ConsoleSession, type SigninTokenRecord } from './signin-state'
import type { FakeAwsState } from './state'
import { consolePrefix, cookieDomain, signinOrigin } from './site'
import { consoleHost, partitionOfRegion, WEB_DOMAINS, type Partition } from './regions'

export const MAX_CONSOLE_SESSIONS = 5
const SESSION_PATH = /^\/console\/s\/(\d{12}-[0-9a-f]{8})(?=\/|$)/

/** Cookie jars holding several console sessions: jar id → its sessions' ids (expired ones included). */
export class SessionJars {
  private readonly jars = new Map<string, string[]>()

  create(first?: string): string {
    const id = `jar-${randomBytes(18).toString('base64url')}`
    this.jars.set(id, first ? [first] : [])
    return id
  }

  sessionIds(id: string | undefined): string[] | undefined {
    return id === undefined ? undefined : this.jars.get(id)
  }

  delete(id: string | undefined): void {
    if (id !== undefined) this.jars.delete(id)
  }
}

/** The session id in console paths: the identity's account and a stable 8-character digest of the identity. */
export function sessionIdOf(credentials: IssuedCredentials): string {
  return `${principalAccount(credentials.principal)}-${createHash('sha256').update(identityKey(credentials)).digest('hex').slice(0, 8)}`
}

/** /console/s/<id>/rest → { id, rest: /console/rest }; other paths → undefined. */
export function sessionPathOf(pathname: string): { id: string; rest: string } | undefined {
  const match = SESSION_PATH.exec(pathname)
  if (!match) return undefined
  return { id: match[1]!, rest: `/console${pathname.slice(match[0].length)}` }
}

/**
 * The Destination as session `id`'s (replacing any other session's): on the stand-in, under its path prefix; on
 * a real console host, on the session's own host `<id>.<region>.console.<domain>` as AWS does, the region being
 * the host's, else the page's ?region=, else the partition's home region (that last choice is the stand-in's).
 */
export function withSessionPath(destination: URL, id: string): string {
  const url = new URL(destination.href)
  const real = consoleHost(url.hostname)
  if (real) {
    const query = url.searchParams.get('region')
    const region =
      real.region ??
      (query !== null && partitionOfRegion(query) === real.partition ? query : HOME_REGION[real.partition])
    url.hostname = `${id}.${region}.console.${WEB_DOMAINS[real.partition]}`
    return url.href
  }
  const rest = sessionPathOf(url.pathname)?.rest ?? url.pathname
  url.pathname = `/console/s/${id}${rest.replace(/^\/console/, '') || '/'}`
  return url.href
}

const HOME_REGION: Record<Partition, string> = {
  aws: 'us-east-1',
  'aws-cn': 'cn-north-1',
  'aws-us-gov': 'us-gov-west-1',
}

function sessionsOf(state: FakeAwsState, jarId: string | undefined): ConsoleSession[] | undefined {
  return state.jars.sessionIds(jarId)?.flatMap((id) => state.consoleSessions.find(id) ?? [])
}

/** Action=login with multi-session on: join the jar (or refresh this identity's session), up to 5 live. */
export function multiSessionLogin(
  state: FakeAwsState,
  req: RouteRequest,
  record: SigninTokenRecord,
  destination: URL,
  issuer: string,
): HttpResult {
  // A jar that so far held one session (a single-session cookie) keeps it.
  const jarId = state.jars.sessionIds(req.sessionId)
    ? req.sessionId!
    : state.jars.create(consoleSessionOf(state, req)?.id)
  const ids = state.jars.sessionIds(jarId)!
  const sessions = sessionsOf(state, jarId)!
  const now = state.now()
  const same = sessions.find((s) => identityKey(s.credentials) === identityKey(record.credentials))
  if (!same && sessions.filter((s) => now < s.expiresAtMs).length >= MAX_CONSOLE_SESSIONS) {
    // The token is not spent: after signing out of a session, the same sign-in URL still works.
    return sessionLimitPage(sessions)
  }
  record.used = true
  const session = state.consoleSessions.create({
    credentials: record.credentials,
    issuer,
    signedInAtMs: now,
    expiresAtMs: record.consoleExpiresAtMs,
  })
  if (same) {
    state.consoleSessions.delete(same.id)
    ids.splice(ids.indexOf(same.id), 1, session.id)
  } else {
    ids.push(session.id)
  }
  return redirect(withSessionPath(destination, sessionIdOf(record.credentials)), {
    'set-cookie': setCookie(req.cookieName, jarId, cookieDomain(req.site)),
  })
}

function sessionLimitPage(sessions: ConsoleSession[]): HttpResult {
  const items = sessions.map(
    (s) =>
      html`<li data-testid="held-session">
        ${principalArn(s.credentials.principal)} —
        <a href="/oauth?Action=logout&amp;session=${sessionIdOf(s.credentials)}">sign out of this session</a>
      </li>`,
  )
  return htmlResult(
    200,
    page(
      'Amazon Web Services Sign-In',
      html`<main>
        <h1 data-testid="session-limit">
          You have reached the limit of ${MAX_CONSOLE_SESSIONS} sessions in this browser.
        </h1>
        <p>Sign out of a session to sign in to another one. (Stand-in wording: AWS's own text is not known here.)</p>
        <ul>
          ${items}
        </ul>
      </main>`,
      { testId: 'session-limit-page' },
    ),
  )
}

/** Console pages of a multi-session jar; undefined when the request's cookie names no jar. */
export function handleMultiSessionConsole(state: FakeAwsState, req: RouteRequest): HttpResult | undefined {
  const sessions = sessionsOf(state, req.sessionId)
  if (!sessions) return undefined
  const at = sessionAt(req)
  if (!at) {
    if (req.url.pathname === `${consolePrefix(req.site)}/__whoami`) {
      const list = sessions.map((s) => ({ session: sessionIdOf(s.credentials), ...whoami(state, s) }))
      return jsonResult(200, { signedIn: list.length > 0, multiSession: true, sessions: list })
    }
    return sessionChooser(req, sessions)
  }
  const session = sessions.find((s) => sessionIdOf(s.credentials) === at.id)
  if (at.rest === '/console/__whoami')
    return jsonResult(200, session ? { session: at.id, ...whoami(state, session) } : { signedIn: false })
  if (!session) return handleConsole(state, { ...req, sessionId: undefined })
  if (state.now() >= session.expiresAtMs)
    return redirect(`${signinOrigin(req.site)}${SESSION_EXPIRED_PATH}?session=${at.id}`)
  return htmlResult(200, consolePage(state, session, req, at.id))
}

/**
 * The session a console request is for: the session label of a multi-session host
 * (`<id>.<region>.console.aws.amazon.com/rest` → rest under /console), or the path prefix at the loopback address.
 */
function sessionAt(req: RouteRequest): { id: string; rest: string } | undefined {
  if (req.site.kind === 'console') {
    const id = req.site.host.session
    return id === undefined ? undefined : { id, rest: `/console${req.url.pathname}` }
  }
  return sessionPathOf(req.url.pathname)
}

/** The page asked for, in session `id`: a path at the loopback address, the session's own host on AWS's names. */
function chosenSessionLink(req: RouteRequest, id: string): string {
  const target = new URL(withSessionPath(req.url, id))
  return req.site.kind === 'loopback' ? target.pathname + target.search : target.href
}

/** The bare console address with several sessions: pick one (where real AWS would ask which session). */
function sessionChooser(req: RouteRequest, sessions: ConsoleSession[]): HttpResult {
  const items = sessions.map(
    (s) =>
      html`<li>
        <a data-testid="choose-session" href="${chosenSessionLink(req, sessionIdOf(s.credentials))}"
          >${principalArn(s.credentials.principal)}</a
        >
      </li>`,
  )
  return htmlResult(
    200,
    page(
      'AWS Console (stand-in) — choose a session',
      html`<main>
        <h1 data-testid="session-chooser">Choose a session</h1>
        <ul>
          ${items}
        </ul>
      </main>`,
      { testId: 'session-chooser-page' },
    ),
  )
}

/** /session-expired?session=<id> of a multi-session jar: links to that session's Issuer. */
export function handleMultiSessionExpired(state: FakeAwsState, req: RouteRequest): HttpResult | undefined {
  const sessions = sessionsOf(state, req.sessionId)
  if (!sessions) return undefined
  const id = req.url.searchParams.get('session')
  return handleSessionExpired(
    state,
    req,
    sessions.find((s) => sessionIdOf(s.credentials) === id),
  )
}

/** /oauth?Action=logout for a multi-session jar: every session ends, or with &session=<id> only that one. */
export function handleMultiSessionLogout(state: FakeAwsState, req: RouteRequest): HttpResult | undefined {
  const ids = state.jars.sessionIds(req.sessionId)
  if (!ids || req.params.get('Action') !== 'logout') return undefined
  const one = req.params.get('session')
  let headers: Record<string, string> = {}
  if (one !== null) {
    const ending = sessionsOf(state, req.sessionId)!.find((s) => sessionIdOf(s.credentials) === one)
    if (ending) {
      state.consoleSessions.delete(ending.id)
      ids.splice(ids.indexOf(ending.id), 1)
    }
  } else {
    for (const id of ids) state.consoleSessions.delete(id)
    state.jars.delete(req.sessionId)
    headers = { 'set-cookie': clearCookie(req.cookieName, cookieDomain(req.site)) }
  }
  const target = req.params.get('redirect_uri')
  if (target !== null && isSafeLink(target)) return redirect(new URL(target, req.url).href, headers)
  return htmlResult(
    200,
    page(
      'Signed out',
      html`<main>
        <h1 data-testid="signed-out">
          ${one !== null ? 'You have signed out of this session.' : 'You have signed out of every session.'}
        </h1>
      </main>`,
    ),
    headers,
  )
}

/** The cookie the console sets once the user turns multi-session on in this browser (README.md, sources). */
export const OPT_IN_COOKIE = 'aws-prism-opt-in'

/**
 * With multi-session on, every response of the sign-in domain carries the opt-in cookie (host-only, on that
 * domain, as README.md's sources describe it), as a browser where the user turned the mode on holds it.
 * (Turning it off again is not modelled: the cookie stays.)
 */
export function withOptInCookie(state: FakeAwsState, req: RouteRequest, result: HttpResult): HttpResult {
  if (!state.multiSession) return result
  const optIn = `${OPT_IN_COOKIE}=true; Path=/; Max-Age=31536000; SameSite=Lax${req.site.kind === 'loopback' ? '' : '; Secure'}`
  const existing = result.headers['set-cookie']
  const cookies = existing === undefined ? [optIn] : [...(Array.isArray(existing) ? existing : [existing]), optIn]
  return { ...result, headers: { ...result.headers, 'set-cookie': cookies } }
}

/**
 * /oauth: counted as `logout`. With multi-session on, the logout-then-login hop (a logout with redirect_uri) fails
 * with HTTP 400 and changes nothing, as reported of AWS (README.md); otherwise the jar's sessions, or its one
 * session, end.
 */
export function handleOauth(state: FakeAwsState, req: RouteRequest): HttpResult {
  const hop = state.multiSession && req.params.get('Action') === 'logout' && req.params.has('redirect_uri')
  const result = hop
    ? htmlResult(
        400,
        page(
          'HTTP Status 400 - Bad Request',
          html`<main>
            <h1 data-testid="logout-hop-refused">HTTP Status 400 - Bad Request</h1>
            <p>Multi-session is on in this browser: sign in without logging out first. (Stand-in wording.)</p>
          </main>`,
          { testId: 'bad-request' },
        ),
      )
    : (handleMultiSessionLogout(state, req) ?? handleLogout(state, req))
  state.count('logout', result.status >= 400)
  return result
}
