// What a console tab Rolecall tracks does: each console page it shows is remembered as the page to come back
// to; a tab that leaves the console, or closes, stops being tracked, so no refresh or Issuer link navigates it
// again. A visit to the Issuer address goes to issuer-visit.ts, whatever the tab.
import { parseIssuerUrl, recordTabUrl, tabPlace } from '../../core/login/sessions'
import { forgetTab, profileOfTab, updateTracked } from '../console/tracked'
import type { LoginContext } from '../login/sign-in-tabs'
import { issuerVisited } from './issuer-visit'
import { refreshTiming, rescheduleRefresh } from './schedule'

export async function tabNavigated(ctx: LoginContext, tabId: number, url: string): Promise<void> {
  const link = parseIssuerUrl(url)
  if (link) return issuerVisited(ctx, tabId, link)
  const tracked = await profileOfTab(tabId)
  if (!tracked) return
  const { settings } = await refreshTiming()
  const place = tabPlace(url, settings.endpoints)
  if (place === 'console')
    await updateTracked(tracked.profile, (current) => current && recordTabUrl(current, tabId, url, settings.endpoints))
  // The tab left the console (the user went to another site, or a page took it there): it is no longer a
  // console Rolecall may refresh or sign in again.
  if (place === 'elsewhere') {
    await forgetTab(tabId)
    await rescheduleRefresh()
  }
}

export async function tabClosed(tabId: number): Promise<void> {
  await forgetTab(tabId)
  await rescheduleRefresh()
}
