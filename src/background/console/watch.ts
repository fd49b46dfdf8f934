// Watches console tabs and the clock (issue 8): remembers each tracked tab's last console page, signs
// sessions in again shortly before they expire (silently while the MFA session lives), and catches the
// console's "session expired" link (the login's Issuer) to sign that tab in again where it was, in the tab
// Rolecall opened for that profile only (issuer-gate.ts).
// Registered synchronously at background start, so an alarm or tab event that wakes the worker finds it.
import { nextWakeUp, parseIssuerUrl, recordTabUrl, tabPlace, type IssuerLink } from '../../core/login/sessions'
import { clearAlarm, onAlarm, scheduleAlarm } from '../../platform/alarms'
import { getTab, navigateTab, onTabNavigated, onTabRemoved } from '../../platform/tabs'
import { extensionPageUrl } from '../../platform/runtime'
import { isReportOfLastSignIn, issuerRefusal } from './issuer-gate'
import { withLock } from '../locks'
import type { LoginService } from '../login/service'
import type { CookieJarPolicy } from '../jars/policy'
import { openTabsOf } from './live-tabs'
import { readSettings } from '../settings'
import { timeScale } from '../test-knobs'
import type { VaultService } from '../vault'
import { updateBadge } from './badge'
import { forgetTab, listTracked, profileOfTab, updateTracked } from './tracked'

export const REFRESH_ALARM = 'rolecall-console-refresh'
const EXPIRING_WITHIN_MS = 10 * 60_000

export function watchConsoles(login: LoginService, vault: VaultService, jars: CookieJarPolicy) {
  async function timing() {
    const [settings, scale] = await Promise.all([readSettings(), timeScale()])
    return {
      settings,
      refreshBeforeMs: settings.refreshBeforeMinutes * 60_000 * scale,
      expiringMs: EXPIRING_WITHIN_MS * scale,
    }
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
      // A refresh navigates only tabs still on the console (or passing through sign-in): a tab that shows
      // something else now is forgotten, never taken back.
      const open = await openTabsOf(session.profile)
      const tabIds = open
        .filter((t) => t.url !== undefined && tabPlace(t.url, settings.endpoints) !== 'elsewhere')
        .map((t) => t.id)
      for (const tab of open) if (!tabIds.includes(tab.id)) await forgetTab(tab.id)
      if (tabIds.length === 0) {
        await updateTracked(session.profile, () => undefined)
        continue
      }
      // Locked or refresh off: consoles run on until they expire; the popup says refresh is paused.
      if (!unlocked || !settings.silentRefresh) continue
      try {
        await login.resignIn(session.profile, tabIds, now < session.expiresAt ? 'refresh' : 'issuer')
      } catch (error) {
        console.warn(
          `Rolecall: refreshing "${session.profile}" failed:`,
          error instanceof Error ? error.message : 'error',
        )
      }
    }
    await reschedule()
  }

  /**
   * A tab reached the Issuer address: the console's "session expired" link, or any page that navigated there.
   * Only a tab that passes the gate (issuer-gate.ts) is signed in again; any other is shown why not, and
   * nothing else happens: no AWS call, no prompt, no change to what is tracked.
   */
  function issuerVisited(tabId: number, link: IssuerLink): Promise<void> {
    // A browser may report one visit more than once (as the URL is set, then as its error page loads): one
    // at a time per tab, and a report that comes after the tab moved on (to its sign-in) is ignored.
    return withLock(`issuer:${tabId}`, async () => {
      const [tab, tracked, state] = await Promise.all([getTab(tabId), profileOfTab(tabId), vault.state()])
      const at = tab?.pendingUrl ?? tab?.url
      if (at === undefined || parseIssuerUrl(at) === undefined) return
      // The same visit reported again after it signed this tab in (the value it carried was just replaced).
      if (tracked && isReportOfLastSignIn(tracked, link, Date.now())) return
      const refusal = await issuerRefusal({ link, tab, tracked, unlocked: state === 'unlocked' }, jars)
      if (refusal) {
        await navigateTab(
          tabId,
          extensionPageUrl(`src/relogin/refused.html?reason=${encodeURIComponent(refusal)}`),
        ).catch(() => undefined)
        return
      }
      const outcome = await login
        .resignIn(link.profile, [tabId], 'issuer')
        .catch((error) =>
          console.warn(
            `Rolecall: signing "${link.profile}" in again failed:`,
            error instanceof Error ? error.message : 'error',
          ),
        )
      // Remember which value this visit spent, so a second report of it is known for what it is.
      if (outcome?.status === 'opened')
        await updateTracked(link.profile, (current) => current && { ...current, replacedIssuerToken: link.token })
      await reschedule()
    })
  }

  async function tabChanged(tabId: number, url: string): Promise<void> {
    const link = parseIssuerUrl(url)
    if (link) return issuerVisited(tabId, link)
    const tracked = await profileOfTab(tabId)
    if (!tracked) return
    const { settings } = await timing()
    const place = tabPlace(url, settings.endpoints)
    if (place === 'console')
      await updateTracked(
        tracked.profile,
        (current) => current && recordTabUrl(current, tabId, url, settings.endpoints),
      )
    // The tab left the console (the user went to another site, or a page took it there): it is no longer a
    // console Rolecall may refresh or sign in again.
    if (place === 'elsewhere') {
      await forgetTab(tabId)
      await reschedule()
    }
  }

  onAlarm(REFRESH_ALARM, refreshDue)
  // Only real navigations: a tab's other updates (status, title) must not start a second re-login.
  onTabNavigated((tabId, url) => void tabChanged(tabId, url).catch(() => undefined))
  onTabRemoved(
    (tabId) =>
      void forgetTab(tabId)
        .then(reschedule)
        .catch(() => undefined),
  )

  return { reschedule }
}
