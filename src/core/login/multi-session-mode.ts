// Whether the AWS console's multi-session mode is on in this browser (docs/aws-protocol.md §1.6). The user may
// say so in the settings; Rolecall also sees it for itself where it can, since a multi-session browser sent
// through the logout-then-login hop gets HTTP 400 instead of a console:
// - the console's opt-in cookie, `aws-prism-opt-in` = `true`, set when the user turns the mode on: read with the
//   cookies API as the sign-in endpoint would receive it (AWS's sign-in hosts, or the custom one);
// - a console tab on a per-session host, `<account>-<8 characters>.<region>.console.<domain>`.
// The console page's `awsc-session-data` meta also carries `prismModeEnabled`, but reading a page needs script
// injection and console host permissions that Rolecall does not hold. Pure: the background gathers the evidence.
import { isMultiSessionConsoleUrl, signinOrigins, type CustomEndpoints } from '../aws/partition'
import type { ConsoleMode, MultiSessionEvidence } from '../settings'

export type { ConsoleMode, MultiSessionEvidence }

/** The console's opt-in cookie for multi-session (seen set to `true` once the mode is on, January 2025). */
export const MULTI_SESSION_OPT_IN_COOKIE = 'aws-prism-opt-in'

export interface ModeEvidence {
  /** Values of the opt-in cookie the sign-in endpoints would receive (optInCookieUrls). */
  optInCookies: readonly string[]
  /** URLs of the open tabs. */
  tabUrls: ReadonlyArray<string | undefined>
}

/** Where to read the opt-in cookie: each partition's sign-in host, and the custom sign-in endpoint. */
export function optInCookieUrls(custom?: CustomEndpoints): string[] {
  return signinOrigins(custom).map((origin) => `${origin}/`)
}

export function detectMultiSession({ optInCookies, tabUrls }: ModeEvidence): MultiSessionEvidence | null {
  if (optInCookies.some((value) => value.trim().toLowerCase() === 'true')) return 'opt-in-cookie'
  if (tabUrls.some((url) => url !== undefined && isMultiSessionConsoleUrl(url))) return 'session-host'
  return null
}

/** The setting or the evidence: either one is enough, since the logout hop breaks a multi-session browser. */
export function consoleMode(setting: boolean, evidence: ModeEvidence): ConsoleMode {
  const detected = detectMultiSession(evidence)
  return { multiSession: setting || detected !== null, setting, detected }
}
