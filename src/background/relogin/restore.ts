// Tabs signed in again where they were, once a fresh sign-in URL is at hand (src/background/login/sign-in-tabs.ts
// calls this for a login that carries tabs to restore). One sign-in serves every tab of the profile: the first
// tab goes through the login URL (its Destination is that tab's last console page); the others share its
// cookies and go back to their own last pages.
import type { LoginResult } from '../../core/login/ports'
import { parseIssuerUrl, tabPlace } from '../../core/login/sessions'
import * as tabs from '../../platform/tabs'
import { getTracked } from '../console/tracked'
import type { CookieJarPolicy } from '../jars/policy'
import { readSettings } from '../settings'

/** Returns the tabs that now hold the profile's console. */
export async function restoreTabs(jars: CookieJarPolicy, tabIds: number[], result: LoginResult): Promise<number[]> {
  // Only tabs still on the console, passing through sign-in, or at the Issuer link that asked for this: a tab
  // that went elsewhere while the login waited (for an MFA code, say) is left where it is.
  const { endpoints } = await readSettings()
  const open = (await Promise.all(tabIds.map(tabs.getTab))).filter(
    (t): t is tabs.TabInfo =>
      t?.url !== undefined && (parseIssuerUrl(t.url) !== undefined || tabPlace(t.url, endpoints) !== 'elsewhere'),
  )
  const [first, ...rest] = open
  // Every tab went elsewhere or was closed: the console opens in a new tab instead.
  if (!first)
    return [(await jars.openConsoleTab({ profile: result.profile, sessionName: result.sessionName }, result.url)).id]
  await tabs.navigateTab(first.id, result.url)
  // The others go back to their last console page (they may show "session expired" now); the fresh
  // session cookie of their container serves them.
  const session = await getTracked(result.profile)
  for (const tab of rest) {
    const url = session?.tabs[tab.id]?.lastUrl ?? tab.url
    if (url) await tabs.navigateTab(tab.id, url)
  }
  return open.map((t) => t.id)
}
