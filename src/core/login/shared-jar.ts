// Chrome has no containers: every console tab shares one cookie jar. Either the jar holds one console identity
// (a sign-in replaces it, and the user is asked before a live one is replaced), or, where the user turned on the
// console's own multi-session support, up to five side by side (a sign-in joins them; a sixth asks first, and
// nothing in that mode ever goes through the logout hop).
// Pure: the background gathers what it tracks and acts on the decision.

/** The AWS console's multi-session limit: identities one browser may hold at once (AWS docs, 2025). */
export const CONSOLE_SESSION_LIMIT = 5

/** What Rolecall tracks of one profile's console session in the shared jar. */
export interface JarSession {
  profile: string
  /** The identity the console shows (assumed-role or federated-user ARN), once signed in. */
  identityArn?: string
  expiresAt: number
  signedInAt: number
  /** Whether one of its console tabs is still open (and the session not expired). */
  liveTabOpen: boolean
}

export interface SharedJarRequest {
  multiSession: boolean
  profile: string
  /** The profile's role; undefined for a federation profile (its identity is known only after sign-in). */
  roleArn: string | undefined
  /** The user already agreed to replace (single session) or to go on past the console's limit (multi-session). */
  replace: boolean
  now: number
  sessions: readonly JarSession[]
}

export type SharedJarDecision =
  /** switchIdentity: log out and in, in one hop; keepOthers: other profiles' consoles stay signed in. */
  | { action: 'sign-in'; switchIdentity: boolean; keepOthers: boolean }
  /** Single session: another profile's console is open and live; signing in replaces it. */
  | { action: 'confirm-replace'; current: string }
  /** Multi-session: the console holds its limit; `held` lists the profiles holding it, oldest first. */
  | { action: 'confirm-limit'; oldest: string; held: string[] }

/**
 * The role a profile's console identity is judged by: its role_arn, or for the portal's own role of an Identity
 * Center profile the account and permission set (the login records that identity as assumed-role/<set>/…).
 */
export function consoleRoleArn(row: {
  roleArn?: string
  partition: string
  access: { kind: string; sso?: { accountId: string; roleName: string } }
}): string | undefined {
  if (row.roleArn) return row.roleArn
  const sso = row.access.kind === 'sso' ? row.access.sso : undefined
  return sso ? `arn:${row.partition}:iam::${sso.accountId}:role/${sso.roleName}` : undefined
}

/** Whether a console identity (assumed-role or federated-user ARN) is the one a profile's role gives. */
export function sameIdentity(identityArn: string, roleArn: string | undefined): boolean {
  const assumed = /^arn:[\w-]+:sts::(\d{12}):assumed-role\/([^/]+)\//.exec(identityArn)
  if (!roleArn) return !assumed
  const role = /^arn:[\w-]+:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(roleArn)
  return Boolean(assumed && role && assumed[1] === role[1] && assumed[2] === role[2])
}

/** One console session per identity: a role (any session name) or a federated user. */
function identityKey(session: JarSession): string {
  const arn = session.identityArn
  if (!arn) return `profile:${session.profile}`
  const assumed = /^arn:[\w-]+:sts::(\d{12}):assumed-role\/([^/]+)\//.exec(arn)
  return assumed ? `role:${assumed[1]}:${assumed[2]}` : `arn:${arn}`
}

export function decideSharedJarSignIn(request: SharedJarRequest): SharedJarDecision {
  const { profile, roleArn, now, sessions } = request
  const own = sessions.find((s) => s.profile === profile)
  const ownLive = own !== undefined && own.expiresAt > now
  // The role changed on re-import while the old identity's session still lives.
  const identityChanged = ownLive && own.identityArn !== undefined && !sameIdentity(own.identityArn, roleArn)

  if (!request.multiSession) {
    const other = sessions.find((s) => s.profile !== profile && s.liveTabOpen)
    if (other && !request.replace) return { action: 'confirm-replace', current: other.profile }
    // The one jar may hold another identity even with no tab open (it lives until it expires), so unless it
    // is this profile's own live session, log out and in, in one hop.
    return { action: 'sign-in', switchIdentity: identityChanged || !ownLive, keepOthers: false }
  }

  // Multi-session: signing in as an identity the console already holds refreshes that session in place.
  const sameAsThis = (s: JarSession) =>
    s.profile === profile ||
    (roleArn !== undefined && s.identityArn !== undefined && sameIdentity(s.identityArn, roleArn))
  // Counted by open tabs, as with one session: Rolecall cannot see a session the user signed out of in the
  // console, but closing its tabs tells it. One it cannot see ends in the console's own limit page instead.
  const others = sessions.filter((s) => s.liveTabOpen && !sameAsThis(s)).sort((a, b) => a.signedInAt - b.signedInAt)
  const held = new Set(others.map(identityKey))
  if (held.size < CONSOLE_SESSION_LIMIT) return { action: 'sign-in', switchIdentity: false, keepOthers: true }
  // Never the logout hop here: in this mode logout-then-login fails with HTTP 400 (docs/aws-protocol.md §1.6),
  // and Rolecall cannot end one chosen session (no documented per-session logout). So it asks; going on is a
  // plain sign-in, and the console decides what a sixth identity gets (past 5 is undocumented).
  if (request.replace) return { action: 'sign-in', switchIdentity: false, keepOthers: true }
  return { action: 'confirm-limit', oldest: others[0]!.profile, held: others.map((s) => s.profile) }
}
