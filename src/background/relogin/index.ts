// Re-login (issue 8), wired to the browser: the refresh alarm signs sessions in again shortly before they
// expire (refresh.ts), and console tabs are watched (tab-events.ts) for the pages to come back to and for the
// console's "session expired" link, the login's Issuer (issuer-visit.ts, behind issuer-gate.ts).
// Registered synchronously at background start, so an alarm or tab event that wakes the worker finds it.
import { onAlarm } from '../../platform/alarms'
import { onTabNavigated, onTabRemoved } from '../../platform/tabs'
import type { LoginContext } from '../login/sign-in-tabs'
import { refreshDue } from './refresh'
import { REFRESH_ALARM } from './schedule'
import { tabClosed, tabNavigated } from './tab-events'

export { rescheduleRefresh } from './schedule'

export function watchConsolesForRelogin(ctx: LoginContext): void {
  onAlarm(REFRESH_ALARM, () => refreshDue(ctx))
  // Only real navigations: a tab's other updates (status, title) must not start a second re-login.
  onTabNavigated((tabId, url) => void tabNavigated(ctx, tabId, url).catch(() => undefined))
  onTabRemoved((tabId) => void tabClosed(tabId).catch(() => undefined))
}
