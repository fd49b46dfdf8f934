// Chrome's one cookie jar: is the console's multi-session mode on? The user's setting, or what Rolecall sees
// itself (the console's opt-in cookie, a tab on a per-session console host): src/core/login/multi-session-mode.ts.
import { consoleMode, MULTI_SESSION_OPT_IN_COOKIE, optInCookieUrls } from '../../core/login/multi-session-mode'
import type { ConsoleMode } from '../../core/login/multi-session-mode'
import { cookieValues } from '../../platform/cookies'
import { allTabUrls } from '../../platform/tabs'
import { readSettings } from '../settings'

export async function readConsoleMode(): Promise<ConsoleMode> {
  const settings = await readSettings()
  const [optInCookies, tabUrls] = await Promise.all([
    cookieValues(optInCookieUrls(settings.endpoints), MULTI_SESSION_OPT_IN_COOKIE).catch(() => []),
    allTabUrls().catch(() => []),
  ])
  return consoleMode(settings.consoleMultiSession, { optInCookies, tabUrls })
}
