// A tab reached the Issuer address: the console's "session expired" link, or any page that navigated there
// (no user gesture is needed). Only a tab that passes the gate (issuer-gate.ts) is signed in again; any other
// is shown why not, and nothing else happens: no AWS call, no prompt, no change to what is tracked.
import { parseIssuerUrl, type IssuerLink } from '../../core/login/sessions'
import { extensionPageUrl } from '../../platform/runtime'
import { getTab, navigateTab } from '../../platform/tabs'
import { profileOfTab, updateTracked } from '../console/tracked'
import { withLock } from '../locks'
import type { LoginContext } from '../login/sign-in-tabs'
import { isReportOfLastSignIn, issuerRefusal } from './issuer-gate'
import { resignIn } from './resign-in'
import { rescheduleRefresh } from './schedule'

export function issuerVisited(ctx: LoginContext, tabId: number, link: IssuerLink): Promise<void> {
  // A browser may report one visit more than once (as the URL is set, then as its error page loads): one
  // at a time per tab, and a report that comes after the tab moved on (to its sign-in) is ignored.
  return withLock(`issuer:${tabId}`, async () => {
    const [tab, tracked, state] = await Promise.all([getTab(tabId), profileOfTab(tabId), ctx.vault.state()])
    const at = tab?.pendingUrl ?? tab?.url
    if (at === undefined || parseIssuerUrl(at) === undefined) return
    // The same visit reported again after it signed this tab in (the value it carried was just replaced).
    if (tracked && isReportOfLastSignIn(tracked, link, Date.now())) return
    const refusal = await issuerRefusal({ link, tab, tracked, unlocked: state === 'unlocked' }, ctx.jars)
    if (refusal) {
      await navigateTab(
        tabId,
        extensionPageUrl(`src/relogin/refused.html?reason=${encodeURIComponent(refusal)}`),
      ).catch(() => undefined)
      return
    }
    const outcome = await resignIn(ctx, link.profile, [tabId], 'issuer').catch((error) =>
      console.warn(
        `Rolecall: signing "${link.profile}" in again failed:`,
        error instanceof Error ? error.message : 'error',
      ),
    )
    // Remember which value this visit spent, so a second report of it is known for what it is.
    if (outcome?.status === 'opened')
      await updateTracked(link.profile, (current) => current && { ...current, replacedIssuerToken: link.token })
    await rescheduleRefresh()
  })
}
