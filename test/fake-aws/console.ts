// A minimal console: every page under /console/ shows who is signed in (for people and, through data-testid
// attributes and /console/__whoami, for tests), the page asked for, and when the session ends.
import { isoTime } from './clock'
import { clearCookie } from './cookies'
import { html, isSafeLink, page, type RawHtml } from './html'
import { htmlResult, jsonResult, redirect, type HttpResult, type RouteRequest } from './http-types'
import { consolePrefix, cookieDomain, signinOrigin } from './site'
import { principalAccount, principalArn } from './iam-model'
import type { ConsoleSession } from './signin-state'
import type { FakeAwsState } from './state'

export const SESSION_EXPIRED_PATH = '/session-expired'

export function consoleSessionOf(state: FakeAwsState, req: RouteRequest): ConsoleSession | undefined {
  return state.consoleSessions.find(req.sessionId)
}

/** Everything a test may want to know about the console identity in this cookie jar. */
export function whoami(state: FakeAwsState, session: ConsoleSession | undefined) {
  if (!session) return { signedIn: false as const }
  const c = session.credentials
  const p = c.principal
  return {
    signedIn: true as const,
    expired: state.now() >= session.expiresAtMs,
    account: principalAccount(p),
    accountAlias: state.model.account(principalAccount(p))?.alias ?? null,
    arn: principalArn(p),
    principalType: p.type,
    roleName: p.type === 'assumed-role' ? p.role.name : null,
    roleArn: p.type === 'assumed-role' ? p.role.arn : null,
    federatedUser: p.type === 'federated-user' ? p.name : null,
    sessionName: p.type === 'assumed-role' ? p.sessionName : p.type === 'federated-user' ? p.name : p.user.name,
    /** 'role' for role sessions; for federated users the session policy: 'none' means no permissions at all. */
    permissions: c.sessionPolicy ?? 'role',
    credentialsIssuedBy: c.issuedBy,
    baseUser: c.baseUser.arn,
    mfaPresent: c.mfaPresent,
    issuer: session.issuer,
    signedInAt: isoTime(session.signedInAtMs),
    expiresAt: isoTime(session.expiresAtMs),
    expiresAtMs: session.expiresAtMs,
  }
}

export function handleConsole(state: FakeAwsState, req: RouteRequest): HttpResult {
  const session = consoleSessionOf(state, req)
  if (req.url.pathname === `${consolePrefix(req.site)}/__whoami`) return jsonResult(200, whoami(state, session))
  if (!session)
    return htmlResult(
      200,
      page(
        'AWS Console (stand-in) — not signed in',
        html`<main>
          <h1 data-testid="not-signed-in">You are not signed in</h1>
          <p>
            Asked for <code data-testid="requested-path">${req.url.pathname + req.url.search}</code>. Sign in through
            the federation endpoint first.
          </p>
        </main>`,
        { testId: 'console-not-signed-in' },
      ),
    )
  // The expired page lives elsewhere (modelled on the sign-in host; AWS's own URL is unverified) and does not
  // carry the page asked for: whoever wants to come back must remember it (docs/aws-protocol.md §1.4).
  if (state.now() >= session.expiresAtMs) return redirect(`${signinOrigin(req.site)}${SESSION_EXPIRED_PATH}`)
  return htmlResult(200, consolePage(state, session, req), {})
}

/** `multiSessionId`: the session's id in a multi-session jar (multi-session.ts); absent with one session per jar. */
export function consolePage(
  state: FakeAwsState,
  session: ConsoleSession,
  req: RouteRequest,
  multiSessionId?: string,
): string {
  const who = whoami(state, session) as Extract<ReturnType<typeof whoami>, { signedIn: true }>
  const label = `${who.roleName ?? who.federatedUser ?? ''}/${who.sessionName} @ ${who.accountAlias ?? who.account}`
  const permissions: RawHtml =
    who.permissions === 'none'
      ? html`<span class="warn"
          >No permissions: this federated session was created without a session policy, so it may do nothing.</span
        >`
      : html`${who.permissions === 'role' ? "The role's permissions" : who.permissions === 'allow-all' ? "The IAM user's own permissions (allow-all session policy)" : 'Limited by a session policy'}`
  // Reload when the session ends, as the real console notices expiry without a click.
  const msLeft = Math.max(0, session.expiresAtMs - state.now())
  // Logout lives on the partition's sign-in host (at the loopback address, on the same origin).
  const oauth = `${signinOrigin(req.site)}/oauth`
  const signOut =
    multiSessionId === undefined
      ? html`<a data-testid="sign-out" style="color:#fff" href="${oauth}?Action=logout">Sign out</a>`
      : html`session ${multiSessionId} ·
          <a data-testid="sign-out" style="color:#fff" href="${oauth}?Action=logout&amp;session=${multiSessionId}"
            >Sign out</a
          >
          · <a data-testid="sign-out-all" style="color:#fff" href="${oauth}?Action=logout">Sign out of all sessions</a>`
  return page(
    // The account ends the title: what a tab list (tabs.query) shows of the identity.
    `AWS Console (stand-in) — ${label} — ${who.account}`,
    html`<header><span data-testid="identity-label">${label}</span> · ${signOut}</header>
      <main
        data-testid="console-identity"
        data-console-session="${multiSessionId ?? ''}"
        data-account="${who.account}"
        data-arn="${who.arn}"
        data-session-name="${who.sessionName}"
        data-expires-at="${who.expiresAt}"
      >
        <dl>
          <dt>Account</dt>
          <dd data-testid="account">${who.account}</dd>
          <dt>Account alias</dt>
          <dd data-testid="account-alias">${who.accountAlias ?? ''}</dd>
          <dt>Signed in as</dt>
          <dd data-testid="principal-type">${who.principalType}</dd>
          ${
            who.roleName !== null
              ? html`<dt>Role</dt>
                  <dd data-testid="role-name">${who.roleName}</dd>`
              : html`<dt>Federated user</dt>
                  <dd data-testid="federated-user">${who.federatedUser}</dd>`
          }
          <dt>Session name</dt>
          <dd data-testid="session-name">${who.sessionName}</dd>
          <dt>ARN</dt>
          <dd data-testid="arn">${who.arn}</dd>
          <dt>Session expires</dt>
          <dd data-testid="expires-at">${who.expiresAt}</dd>
          <dt>Region</dt>
          <dd data-testid="region">${req.url.searchParams.get('region') ?? ''}</dd>
          <dt>Permissions</dt>
          <dd data-testid="permissions" data-permissions="${who.permissions}">${permissions}</dd>
          <dt>Page asked for</dt>
          <dd data-testid="requested-path">${req.url.pathname + req.url.search}</dd>
        </dl>
      </main>`,
    {
      testId: 'console-page',
      script: `setTimeout(function(){location.reload()},${Math.ceil(msLeft) + 250})`,
      // What the real console's pages carry (read by AESR's content script, docs/aws-protocol.md §1.6): whether
      // this is one session of a multi-session browser, and that session's host label.
      meta: {
        'awsc-session-data': JSON.stringify({
          prismModeEnabled: multiSessionId !== undefined,
          ...(multiSessionId !== undefined ? { sessionDifferentiator: multiSessionId } : {}),
          signInEndpoint: req.url.host,
        }),
      },
    },
  )
}

export function handleSessionExpired(
  state: FakeAwsState,
  req: RouteRequest,
  session = consoleSessionOf(state, req),
): HttpResult {
  const issuer = session?.issuer ?? ''
  const link = isSafeLink(issuer)
    ? html`<p>
        To sign in again, use the link provided by your administrator:
        <a data-testid="issuer-link" href="${issuer}">${issuer}</a>
      </p>`
    : html`<p>To sign in again, use the link provided by your administrator.</p>`
  return htmlResult(
    200,
    page(
      'Session expired',
      html`<main>
        <h1 data-testid="session-expired">Your session has expired</h1>
        ${link}
      </main>`,
      { testId: 'session-expired-page' },
    ),
  )
}

export function mustLogOutPage(req: RouteRequest): HttpResult {
  const logout = `/oauth?Action=logout&redirect_uri=${encodeURIComponent(req.url.href)}`
  return htmlResult(
    200,
    page(
      'Amazon Web Services Sign-In',
      html`<main>
        <h1 data-testid="must-log-out">You must first log out before logging into a different AWS account.</h1>
        <p>To logout, <a data-testid="logout-link" href="${logout}">click here</a></p>
      </main>`,
      { testId: 'must-log-out-page' },
    ),
  )
}

/** /oauth?Action=logout[&redirect_uri=…]: ends this jar's console session. */
export function handleLogout(state: FakeAwsState, req: RouteRequest): HttpResult {
  if (req.params.get('Action') !== 'logout')
    return htmlResult(400, page('Bad request', html`<main>Unknown Action</main>`))
  state.consoleSessions.delete(req.sessionId)
  const cleared = { 'set-cookie': clearCookie(req.cookieName, cookieDomain(req.site)) }
  const target = req.params.get('redirect_uri')
  if (target !== null && isSafeLink(target)) return redirect(new URL(target, req.url).href, cleared)
  return htmlResult(
    200,
    page('Signed out', html`<main><h1 data-testid="signed-out">You have signed out.</h1></main>`),
    cleared,
  )
}
