// The browser half of authorization code + PKCE: show Identity Center's sign-in and consent pages and catch
// the loopback redirect they end at, with nothing listening on 127.0.0.1.
//  - Firefox: identity.launchWebAuthFlow accepts `http://127.0.0.1/mozoauth2/<id>` and hands back the URL.
//  - Chrome: its launchWebAuthFlow only takes a chromiumapp.org redirect, which Identity Center refuses, so
//    Rolecall opens a tab and reads the code from the tab's URL as it navigates to the registered redirect,
//    then closes it (watchSsoRedirects, registered at start so a stopped worker wakes for it). Only the tab
//    Rolecall opened counts, and the state must match (src/core/sso/authorize.ts).
import { firefoxLoopbackRedirect, launchWebAuthFlow } from '../../platform/identity'
import { closeTab, createTab, navigateTab, onTabNavigated } from '../../platform/tabs'
import { readSignIns } from './sign-in-state'

/** The redirect this browser can catch: Firefox's loopback form, or a loopback port Chrome's tab will fail on. */
export function redirectUriFor(registered: string | undefined): string {
  const firefox = firefoxLoopbackRedirect()
  if (firefox) return firefox
  if (registered?.startsWith('http://127.0.0.1:')) return registered
  // A high port nothing is expected to serve; the code it carries is useless without the PKCE verifier anyway.
  const port = 49152 + Math.floor(Math.random() * 16000)
  return `http://127.0.0.1:${port}/oauth/callback`
}

/** Firefox: the whole round trip in one call. Undefined in Chrome, which uses a tab (openAuthorizeTab). */
export function authorizeInWindow(url: string): Promise<string> | undefined {
  return firefoxLoopbackRedirect() ? launchWebAuthFlow(url) : undefined
}

/**
 * Chrome: the sign-in's tab, opened blank. Its id is recorded before the tab is sent to Identity Center
 * (sendAuthorizeTab): Identity Center may redirect at once (a live portal session, an app approved before), and
 * a redirect seen before its tab was recorded was ignored, leaving the tab on Chrome's error page.
 */
export async function openAuthorizeTab(): Promise<number> {
  return (await createTab('about:blank', { active: true })).id
}

export function sendAuthorizeTab(tabId: number, url: string): Promise<void> {
  return navigateTab(tabId, url)
}

/** Calls `landed` with the redirect URL when a tab Rolecall opened for a sign-in reaches its redirect. */
export function watchSsoRedirects(landed: (state: string, url: string) => Promise<void>): void {
  onTabNavigated((tabId, url) => {
    if (!url.startsWith('http://127.0.0.1:')) return
    void (async () => {
      for (const entry of Object.values(await readSignIns())) {
        const pkce = entry.pkce
        if (!pkce || pkce.tabId !== tabId || !url.startsWith(pkce.redirectUri)) continue
        await closeTab(tabId)
        await landed(pkce.state, url)
      }
    })().catch(() => undefined)
  })
}
