// The refresh alarm went off: every tracked session due a refresh is signed in again in its tabs, before it
// expires. Only the browser can fire the alarm, and only Rolecall sets it; still, a refresh navigates only tabs
// still on a console page (or passing through sign-in), and only while the vault is unlocked.
import { tabPlace } from '../../core/login/sessions'
import { openTabsOf } from '../console/live-tabs'
import { forgetTab, listTracked, updateTracked } from '../console/tracked'
import type { LoginContext } from '../login/sign-in-tabs'
import { resignIn } from './resign-in'
import { refreshTiming, rescheduleRefresh } from './schedule'

export async function refreshDue(ctx: LoginContext): Promise<void> {
  const { settings, refreshBeforeMs } = await refreshTiming()
  const unlocked = (await ctx.vault.state()) === 'unlocked'
  const now = Date.now()
  for (const session of await listTracked()) {
    if (session.waitingForMfa || now < session.expiresAt - refreshBeforeMs) continue
    // A tab that shows something else now is forgotten, never taken back.
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
      await resignIn(ctx, session.profile, tabIds, now < session.expiresAt ? 'refresh' : 'issuer')
    } catch (error) {
      console.warn(
        `Rolecall: refreshing "${session.profile}" failed:`,
        error instanceof Error ? error.message : 'error',
      )
    }
  }
  await rescheduleRefresh()
}
