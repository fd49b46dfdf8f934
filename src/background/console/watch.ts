// Watches console tabs and the clock (issue 8): remembers each tracked tab's last console page, signs
// sessions in again shortly before they expire (silently while the MFA session lives), and catches the
// console's "session expired" link (the login's Issuer) to sign that tab in again where it was.
// Registered synchronously at background start, so an alarm or tab event that wakes the worker finds it.
import { isConsoleUrl } from '../../core/aws/partition'
import { nextWakeUp, parseIssuerUrl, recordTabUrl } from '../../core/login/sessions'
import { clearAlarm, onAlarm, scheduleAlarm } from '../../platform/alarms'
import { onTabNavigated, onTabRemoved } from '../../platform/tabs'
import type { LoginService } from '../login/service'
import { readSettings } from '../settings'
import { timeScale } from '../test-knobs'
import type { VaultService } from '../vault'
import { updateBadge } from './badge'
import { forgetTab, listTracked, profileOfTab, updateTracked } from './tracked'

export const REFRESH_ALARM = 'rolecall-console-refresh'
const EXPIRING_WITHIN_MS = 10 * 60_000

export function watchConsoles(login: LoginService, vault: VaultService) {
  async function timing() {
    const [settings, scale] = await Promise.all([readSettings(), timeScale()])
    return { settings, refreshBeforeMs: settings.refreshBeforeMinutes * 60_000 * scale, expiringMs: EXPIRING_WITHIN_MS * scale }
  }

  /** Badge, and the next alarm at the earliest moment a session changes state or is due a refresh. */
  async function reschedule(): Promise<void> {
    await updateBadge()
    const { refreshBeforeMs, expiringMs } = await timing()
    const sessions = (await listTracked()).filter((s) => !s.waitingForMfa)
    const at = nextWakeUp(sessions, Date.now(), refreshBeforeMs, expiringMs)
    if (at === undefined) await clearAlarm(REFRESH_ALARM)
    else await scheduleAlarm(REFRESH_ALARM, at)
  }

  async function refreshDue(): Promise<void> {
    const { settings, refreshBeforeMs } = await timing()
    const unlocked = (await vault.state()) === 'unlocked'
    const now = Date.now()
    for (const session of await listTracked()) {
      if (session.waitingForMfa || now < session.expiresAt - refreshBeforeMs) continue
      const tabIds = await login.openTabsOf(session.profile)
      if (tabIds.length === 0) {
        await updateTracked(session.profile, () => undefined)
        continue
      }
      // Locked or refresh off: consoles run on until they expire; the popup says refresh is paused.
      if (!unlocked || !settings.silentRefresh) continue
      try {
        await login.resignIn(session.profile, tabIds, now < session.expiresAt ? 'refresh' : 'issuer')
      } catch (error) {
        console.warn(`Rolecall: refreshing "${session.profile}" failed:`, error instanceof Error ? error.message : 'error')
      }
    }
    await reschedule()
  }

  async function tabChanged(tabId: number, url: string): Promise<void> {
    const issuer = parseIssuerUrl(url)
    if (issuer) {
      // The console's "session expired" page linked here: sign this tab in again, back to its last page.
      const tracked = await profileOfTab(tabId)
      if (tracked && tracked.profile !== issuer.profile) return
      if (!tracked) await updateTracked(issuer.profile, (current) => current && { ...current, tabs: { ...current.tabs, [tabId]: {} } })
      if ((await vault.state()) !== 'unlocked') return
      await login.resignIn(issuer.profile, [tabId], 'issuer').catch((error) =>
        console.warn(`Rolecall: signing "${issuer.profile}" in again failed:`, error instanceof Error ? error.message : 'error'))
      await reschedule()
      return
    }
    const tracked = await profileOfTab(tabId)
    if (!tracked) return
    const { settings } = await timing()
    if (!isConsoleUrl(url, settings.endpoints)) return
    await updateTracked(tracked.profile, (current) => current && recordTabUrl(current, tabId, url, settings.endpoints))
  }

  onAlarm(REFRESH_ALARM, refreshDue)
  // Only real navigations: a tab's other updates (status, title) must not start a second re-login.
  onTabNavigated((tabId, url) => void tabChanged(tabId, url).catch(() => undefined))
  onTabRemoved((tabId) => void forgetTab(tabId).then(reschedule).catch(() => undefined))

  return { reschedule }
}
