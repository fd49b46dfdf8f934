// Console sessions over time (issue 8): live / expiring / expired, when to refresh, whether a refresh can be
// silent, where each tab goes back to, and the Issuer URL the console's "session expired" page links to.
// Pure functions of the session records and a clock value, so tests drive them with any time they like.
import { isConsoleUrl, isSigninUrl, type CustomEndpoints } from '../aws/partition'
import { isCachedSessionUsable, planLogin, type CachedMfaSessionInfo } from './plan'
import type { LoginPreferences, LoginSubject } from './subject'

export type ConsoleSessionState = 'live' | 'expiring' | 'expired'

/** The part of a tracked session these rules read (the background's record has more). */
export interface SessionTimes {
  profile: string
  /** Console session end, epoch ms. */
  expiresAt: number
  /** Console tabs of this profile, with the last console URL seen in each. */
  tabs: Record<number, { lastUrl?: string }>
}

export const EXPIRING_WITHIN_MS = 10 * 60_000
export const DEFAULT_REFRESH_BEFORE_MS = 5 * 60_000

export function sessionState(
  session: Pick<SessionTimes, 'expiresAt'>,
  now: number,
  expiringWithinMs = EXPIRING_WITHIN_MS,
): ConsoleSessionState {
  if (now >= session.expiresAt) return 'expired'
  return session.expiresAt - now <= expiringWithinMs ? 'expiring' : 'live'
}

/** The toolbar badge: consoles still signed in (live or expiring). */
export function liveSessionCount(sessions: ReadonlyArray<Pick<SessionTimes, 'expiresAt'>>, now: number): number {
  return sessions.filter((s) => now < s.expiresAt).length
}

/** When a refresh should run: `refreshBeforeMs` ahead of expiry. */
export function refreshAt(
  session: Pick<SessionTimes, 'expiresAt'>,
  refreshBeforeMs = DEFAULT_REFRESH_BEFORE_MS,
): number {
  return session.expiresAt - refreshBeforeMs
}

export function isRefreshDue(
  session: Pick<SessionTimes, 'expiresAt'>,
  now: number,
  refreshBeforeMs = DEFAULT_REFRESH_BEFORE_MS,
): boolean {
  return now >= refreshAt(session, refreshBeforeMs) && now < session.expiresAt
}

export interface RefreshSettings {
  silentRefresh: boolean
  vaultUnlocked: boolean
  refreshBeforeMs?: number
}

/**
 * What to do about one session now:
 * - wait: nothing yet (`at` says when to look again);
 * - refresh: sign its tabs in again silently (no code needed);
 * - needs-mfa: a refresh needs a new code (notify, badge, and wait for the popup);
 * - paused: refresh is due but off, or the vault is locked (the popup says so); the console runs on until expiry;
 * - expired: it ended; a tab following the Issuer link (or on the expired page) gets a re-login.
 */
export type RefreshDecision =
  | { action: 'wait'; at: number }
  | { action: 'refresh' }
  | { action: 'needs-mfa'; mfaSerial: string }
  | { action: 'paused'; reason: 'locked' | 'refresh-off' }
  | { action: 'expired' }

export function decideRefresh(
  session: Pick<SessionTimes, 'expiresAt'>,
  now: number,
  mfaDevice: string | undefined,
  settings: RefreshSettings,
): RefreshDecision {
  if (now >= session.expiresAt) return { action: 'expired' }
  const due = refreshAt(session, settings.refreshBeforeMs)
  if (now < due) return { action: 'wait', at: due }
  if (!settings.silentRefresh) return { action: 'paused', reason: 'refresh-off' }
  if (!settings.vaultUnlocked) return { action: 'paused', reason: 'locked' }
  return mfaDevice ? { action: 'needs-mfa', mfaSerial: mfaDevice } : { action: 'refresh' }
}

/**
 * The device a login of this subject would ask a code for right now, or undefined when it would be silent
 * (a cached MFA session that is still usable, or no MFA at all). Uses the planner, so it cannot disagree with
 * what the login then does.
 */
export function mfaNeededForLogin(
  subject: LoginSubject,
  now: number,
  cached: CachedMfaSessionInfo | undefined,
  preferences: LoginPreferences = {},
): string | undefined {
  return planLogin(subject, { now, ...(cached ? { cached } : {}) }, preferences).mfaCodesNeeded[0]
}

/** Whether a cached MFA session will still be usable at a future refresh time (to warn ahead of it). */
export function mfaSessionCoversRefresh(
  cached: CachedMfaSessionInfo | undefined,
  refreshTime: number,
  preferences: LoginPreferences = {},
): boolean {
  return isCachedSessionUsable(cached, refreshTime, preferences)
}

/** The earliest future moment any session changes state or needs a refresh: when to set the next alarm. */
export function nextWakeUp(
  sessions: ReadonlyArray<Pick<SessionTimes, 'expiresAt'>>,
  now: number,
  refreshBeforeMs = DEFAULT_REFRESH_BEFORE_MS,
  expiringWithinMs = EXPIRING_WITHIN_MS,
): number | undefined {
  const moments = sessions
    .flatMap((s) => [s.expiresAt - expiringWithinMs, refreshAt(s, refreshBeforeMs), s.expiresAt])
    .filter((t) => t > now)
  return moments.length ? Math.min(...moments) : undefined
}

/** Remembers a tab's console URL; sign-in pages, the logout page and other sites are ignored. */
export function recordTabUrl<S extends SessionTimes>(
  session: S,
  tabId: number,
  url: string,
  custom?: CustomEndpoints,
): S {
  if (!isConsoleUrl(url, custom) || isSigninPage(url)) return session
  return { ...session, tabs: { ...session.tabs, [tabId]: { ...session.tabs[tabId], lastUrl: url } } }
}

/**
 * Where a tab is, for tracking: on a console page; on a sign-in host it passes through during a login (the
 * federation endpoint, the logout hop, the "session expired" page); or elsewhere, where Rolecall stops
 * tracking it, so that no refresh or Issuer link ever navigates a tab that now shows something else.
 */
export function tabPlace(url: string, custom?: CustomEndpoints): 'console' | 'signin' | 'elsewhere' {
  if (isConsoleUrl(url, custom) && !isSigninPage(url)) return 'console'
  return isSigninUrl(url, custom) ? 'signin' : 'elsewhere'
}

/** Where a re-login sends the tab: its last console URL, else the profile's default destination. */
export function reloginDestination(session: SessionTimes, tabId: number, fallback: string): string {
  return session.tabs[tabId]?.lastUrl ?? fallback
}

function isSigninPage(url: string): boolean {
  try {
    const { hostname, pathname } = new URL(url)
    return hostname.includes('signin.') || /\/(federation|oauth|signin)\b/.test(pathname)
  } catch {
    return true
  }
}

/**
 * The login's Issuer. `.invalid` never resolves (RFC 2606), so without Rolecall there to intercept it the link
 * goes nowhere rather than to someone else's site. It names the profile and carries `token`, a random value
 * Rolecall stores with that login's tracked session: any web page can navigate a tab here, so reaching this URL
 * proves nothing by itself; only a tab Rolecall tracks for that profile, carrying that login's token, is
 * signed in again (src/background/relogin). The token is not a credential: it opens no console by itself.
 */
export const DEFAULT_ISSUER_BASE = 'https://rolecall.invalid/relogin'

export interface IssuerLink {
  profile: string
  /** The per-login value; empty when the link carries none (a forged or pre-token link). */
  token: string
}

export function issuerUrl(profile: string, token: string, base = DEFAULT_ISSUER_BASE): string {
  return `${base}?profile=${encodeURIComponent(profile)}&t=${encodeURIComponent(token)}`
}

/** The profile and token an Issuer link (or a navigation to it) carries; undefined for other URLs. */
export function parseIssuerUrl(url: string, base = DEFAULT_ISSUER_BASE): IssuerLink | undefined {
  let parsed: URL
  let expected: URL
  try {
    parsed = new URL(url)
    expected = new URL(base)
  } catch {
    return undefined
  }
  if (parsed.origin !== expected.origin || parsed.pathname !== expected.pathname) return undefined
  const profile = parsed.searchParams.get('profile')
  return profile ? { profile, token: parsed.searchParams.get('t') ?? '' } : undefined
}
