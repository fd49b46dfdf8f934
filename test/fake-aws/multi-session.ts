// A MODEL of the AWS console's multi-session support (2025: up to 5 identities in one browser), on only when
// the stand-in starts with multiSession: true. Verified: the limit of 5 and session-specific console hosts
// (AWS's multisession guide). Not verified, modelled here: that a federation Action=login joins the browser's
// sessions, that the same identity signing in again refreshes its own session, that logout ends all sessions,
// and the pages' wording. See README.md.
//
// Real AWS gives each session its own host (<account>-<id>.<region>.console.aws.amazon.com); a loopback
// stand-in cannot, so the login redirect puts a session path prefix in front of the page instead:
// Destination …/console/ec2/home → …/console/s/<n>/ec2/home. A multi-session cookie jar's cookie names a jar
// of up to 5 sessions (slots), not one session.
import { randomBytes } from 'node:crypto'
import { clearCookie, setCookie } from './cookies'
import { consolePage, consoleSessionOf, handleConsole, handleSessionExpired, SESSION_EXPIRED_PATH, whoami } from './console'
import { html, isSafeLink, page } from './html'
import { htmlResult, jsonResult, redirect, type HttpResult, type RouteRequest } from './http-types'
import { principalArn } from './iam-model'
import { identityKey, type ConsoleSession, type SigninTokenRecord } from './signin-state'
import type { FakeAwsState } from './state'

export const MAX_CONSOLE_SESSIONS = 5
const SESSION_PATH = /^\/console\/s\/(\d+)(?=\/|$)/

/** Cookie jars holding several console sessions: jar id → session id per slot (slot n at index n - 1). */
export class SessionJars {
  private readonly jars = new Map<string, Array<string | undefined>>()

  create(first?: string): string {
    const id = `jar-${randomBytes(18).toString('base64url')}`
    this.jars.set(id, first ? [first] : [])
    return id
  }

  slots(id: string | undefined): Array<string | undefined> | undefined {
    return id === undefined ? undefined : this.jars.get(id)
  }

  delete(id: string | undefined): void {
    if (id !== undefined) this.jars.delete(id)
  }
}

/** /console/s/<n>/rest → { slot: n, rest: /console/rest }; other paths → undefined. */
export function sessionPathOf(pathname: string): { slot: number; rest: string } | undefined {
  const match = SESSION_PATH.exec(pathname)
  if (!match) return undefined
  return { slot: Number(match[1]), rest: `/console${pathname.slice(match[0].length)}` }
}

/** The Destination with session n's prefix (replacing any other session's). */
export function withSessionPath(destination: URL, slot: number): string {
  const url = new URL(destination.href)
  const rest = sessionPathOf(url.pathname)?.rest ?? url.pathname
  url.pathname = `/console/s/${slot}${rest.replace(/^\/console/, '') || '/'}`
  return url.href
}

function sessionsOf(state: FakeAwsState, slots: ReadonlyArray<string | undefined>): Array<ConsoleSession | undefined> {
  return slots.map((id) => state.consoleSessions.find(id))
}

/** Action=login with multi-session on: join the jar (or refresh this identity's session), up to 5. */
export function multiSessionLogin(state: FakeAwsState, req: RouteRequest, record: SigninTokenRecord, destination: URL, issuer: string): HttpResult {
  // A jar that so far held one session (a single-session cookie) keeps it as session 1.
  const jarId = state.jars.slots(req.sessionId) ? req.sessionId! : state.jars.create(consoleSessionOf(state, req)?.id)
  const slots = state.jars.slots(jarId)!
  const sessions = sessionsOf(state, slots)
  const now = state.now()
  let index = sessions.findIndex((s) => s && identityKey(s.credentials) === identityKey(record.credentials))
  if (index < 0) {
    if (sessions.filter((s) => s && now < s.expiresAtMs).length >= MAX_CONSOLE_SESSIONS) {
      // The token is not spent: after signing out of a session, the same sign-in URL still works.
      return sessionLimitPage(sessions)
    }
    index = sessions.findIndex((s) => !s || now >= s.expiresAtMs)
    if (index < 0) index = slots.length
  }
  record.used = true
  state.consoleSessions.delete(slots[index])
  const session = state.consoleSessions.create({ credentials: record.credentials, issuer, signedInAtMs: now, expiresAtMs: record.consoleExpiresAtMs })
  slots[index] = session.id
  return redirect(withSessionPath(destination, index + 1), { 'set-cookie': setCookie(req.cookieName, jarId) })
}

function sessionLimitPage(sessions: Array<ConsoleSession | undefined>): HttpResult {
  const items = sessions.flatMap((s, i) => (s ? [html`<li data-testid="held-session">${principalArn(s.credentials.principal)} — <a href="/oauth?Action=logout&amp;session=${i + 1}">sign out of this session</a></li>`] : []))
  return htmlResult(200, page('Amazon Web Services Sign-In', html`<main>
<h1 data-testid="session-limit">You have reached the limit of ${MAX_CONSOLE_SESSIONS} sessions in this browser.</h1>
<p>Sign out of a session to sign in to another one. (Stand-in wording: AWS's own text is not known here.)</p>
<ul>${items}</ul></main>`, { testId: 'session-limit-page' }))
}

/** Console pages of a multi-session jar; undefined when the request's cookie names no jar. */
export function handleMultiSessionConsole(state: FakeAwsState, req: RouteRequest): HttpResult | undefined {
  const slots = state.jars.slots(req.sessionId)
  if (!slots) return undefined
  const sessions = sessionsOf(state, slots)
  const at = sessionPathOf(req.url.pathname)
  if (!at) {
    if (req.url.pathname === '/console/__whoami') {
      const list = sessions.flatMap((s, i) => (s ? [{ session: i + 1, ...whoami(state, s) }] : []))
      return jsonResult(200, { signedIn: list.length > 0, multiSession: true, sessions: list })
    }
    return sessionChooser(req, sessions)
  }
  const session = sessions[at.slot - 1]
  const pathOnly = { ...req, sessionId: undefined }
  if (at.rest === '/console/__whoami') return jsonResult(200, session ? { session: at.slot, ...whoami(state, session) } : { signedIn: false })
  if (!session) return handleConsole(state, pathOnly)
  if (state.now() >= session.expiresAtMs) return redirect(`${SESSION_EXPIRED_PATH}?session=${at.slot}`)
  return htmlResult(200, consolePage(state, session, req, at.slot))
}

/** The bare console address with several sessions: pick one (where real AWS would ask which session). */
function sessionChooser(req: RouteRequest, sessions: Array<ConsoleSession | undefined>): HttpResult {
  const rest = req.url.pathname.replace(/^\/console/, '') + req.url.search
  const items = sessions.flatMap((s, i) => (s ? [html`<li><a data-testid="choose-session" href="/console/s/${i + 1}${rest}">${principalArn(s.credentials.principal)}</a></li>`] : []))
  return htmlResult(200, page('AWS Console (stand-in) — choose a session', html`<main>
<h1 data-testid="session-chooser">Choose a session</h1><ul>${items}</ul></main>`, { testId: 'session-chooser-page' }))
}

/** /session-expired?session=n of a multi-session jar: links to that session's Issuer. */
export function handleMultiSessionExpired(state: FakeAwsState, req: RouteRequest): HttpResult | undefined {
  const slots = state.jars.slots(req.sessionId)
  if (!slots) return undefined
  const slot = Number(req.url.searchParams.get('session'))
  return handleSessionExpired(state, req, state.consoleSessions.find(slots[slot - 1]))
}

/** /oauth?Action=logout for a multi-session jar: every session ends, or with &session=n only that one. */
export function handleMultiSessionLogout(state: FakeAwsState, req: RouteRequest): HttpResult | undefined {
  const slots = state.jars.slots(req.sessionId)
  if (!slots || req.params.get('Action') !== 'logout') return undefined
  const one = req.params.get('session')
  let headers: Record<string, string> = {}
  if (one !== null) {
    const index = Number(one) - 1
    state.consoleSessions.delete(slots[index])
    if (index >= 0 && index < slots.length) slots[index] = undefined
  } else {
    for (const id of slots) state.consoleSessions.delete(id)
    state.jars.delete(req.sessionId)
    headers = { 'set-cookie': clearCookie(req.cookieName) }
  }
  const target = req.params.get('redirect_uri')
  if (target !== null && isSafeLink(target)) return redirect(new URL(target, req.url).href, headers)
  return htmlResult(200, page('Signed out', html`<main><h1 data-testid="signed-out">${one !== null ? 'You have signed out of this session.' : 'You have signed out of every session.'}</h1></main>`), headers)
}
