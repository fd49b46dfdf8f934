// A console's sign-in is a session cookie, so where the browser keeps cookies decides how consoles of different
// profiles live together: which opens must wait for each other, whether a sign-in must first log another
// identity out, what a sign-in does to the other consoles, and which tabs hold a profile's session. Each
// browser has one answer, chosen once at start-up (src/background/services.ts):
// - Firefox, containerPolicy (container-policy.ts): every profile has its own container, so its own cookies;
// - Chrome, sharedJarPolicy (shared-jar-policy.ts): every console tab shares one cookie jar.
import type { TabInfo } from '../../platform/tabs'
import type { LoginOutcome } from '../../shared/messages/login'
import type { ConsoleTarget } from '../console/places'
import type { LoginInput } from '../login/subject'

export interface CookieJarPolicy {
  /**
   * The lock under which opens run one after another: those that share a cookie jar. Each then sees what the one
   * before left (a live tab to focus, a session that needs no logout first), instead of five logins at once
   * logging one another out or leaving tabs no session tracks.
   */
  lockName(profile: string): string
  /** Before a login the user started: sign in (and how), or ask the user first. */
  beforeOpen(request: OpenRequest): Promise<OpenDecision>
  /** Before a profile's tabs are signed in again where they are (refresh, Issuer link). */
  beforeResignIn(profile: string): Promise<JarSignIn>
  /** After a sign-in; `loggedOut`: it went through logout-then-login, so the jar holds this identity alone. */
  afterSignIn(profile: string, loggedOut: boolean): Promise<void>
  /** Opens a new console tab for the profile in its own place (container or tab group). */
  openConsoleTab(target: ConsoleTarget, url: string): Promise<TabInfo>
  /** Whether the tab uses the profile's cookies: the Issuer gate signs no other tab in. */
  holdsTab(profile: string, tab: TabInfo): Promise<boolean>
}

export interface OpenRequest {
  profile: string
  /** The user already agreed to replace the identity the jar holds (or to sign every session out). */
  replace: boolean
  /** Reads the profile's login input; only a decision that needs it calls it. */
  input(): Promise<LoginInput>
}

/** How the jar wants the sign-in done. */
export interface JarSignIn {
  /** The login input, when the decision has read it already (the sign-in then does not read it again). */
  input?: LoginInput
  /** Log the jar's current identity out and sign in, in one hop (never AWS's "You must first log out" page). */
  switchIdentity?: true
}

export type OpenDecision =
  | { action: 'sign-in'; run: JarSignIn }
  /** Signing in would end consoles the user may be using: the popup asks, and opens again with `replace`. */
  | { action: 'ask'; outcome: Extract<LoginOutcome, { status: 'confirm-replace' }> }
