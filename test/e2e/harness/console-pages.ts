// Reads what the stand-in's console pages show in every open tab, whichever browser and container.
import type { FakeAws } from '../../fake-aws/index'
import { isConsoleUrl as isAwsConsoleUrl } from '../../../src/core/aws/partition'
import { ChromiumExtension } from './chromium'
import { FirefoxExtension } from './firefox'
import type { ExtensionBrowser } from './extension-browser'

export interface ConsoleView {
  url: string
  signedIn: boolean
  account?: string
  principalType?: string
  roleName?: string
  sessionName?: string
  expired: boolean
  mustLogOut: boolean
  requestedPath?: string
  /** Firefox: the BiDi user context (container) the tab lives in. */
  userContext?: string
}

function read(): Omit<ConsoleView, 'url'> {
  const text = (id: string) => document.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() || undefined
  const view: Omit<ConsoleView, 'url'> = {
    signedIn: Boolean(document.querySelector('[data-testid="account"]')),
    expired: Boolean(document.querySelector('[data-testid="session-expired"]')),
    mustLogOut: Boolean(document.querySelector('[data-testid="must-log-out"]')),
  }
  for (const [key, id] of [
    ['account', 'account'],
    ['principalType', 'principal-type'],
    ['roleName', 'role-name'],
    ['sessionName', 'session-name'],
    ['requestedPath', 'requested-path'],
  ] as const) {
    const value = text(id)
    if (value) view[key] = value
  }
  return view
}

export async function readConsole(page: { evaluate<R>(fn: () => R): Promise<R> }): Promise<Omit<ConsoleView, 'url'>> {
  return page.evaluate(read)
}

/**
 * A page on a console host of AWS's (the stand-in serves them), at the stand-in's own /console/, or its
 * "session expired" page (on the sign-in host, or at the loopback address).
 */
export const isConsoleUrl = (url: string, aws: FakeAws) =>
  isAwsConsoleUrl(url) ||
  url.startsWith(aws.consoleBase) ||
  url.startsWith(`${aws.url}/session-expired`) ||
  /^https:\/\/signin\.[a-z.-]+\/session-expired/.test(url)

export async function consolePages(browser: ExtensionBrowser, aws: FakeAws): Promise<ConsoleView[]> {
  const views: ConsoleView[] = []
  if (browser instanceof FirefoxExtension) {
    // Container tabs are separate BiDi user contexts: read them through raw BiDi.
    for (const tab of await browser.tabsWithUserContexts()) {
      if (!isConsoleUrl(tab.url, aws)) continue
      try {
        views.push({ url: tab.url, userContext: tab.userContext, ...(await browser.evaluateInTab(tab.context, read)) })
      } catch {
        // navigating right now: the next poll reads it
      }
    }
    return views
  }
  if (!(browser instanceof ChromiumExtension)) return views
  for (const page of browser.context.pages()) {
    const url = page.url()
    if (!isConsoleUrl(url, aws)) continue
    try {
      views.push({ url, ...(await page.evaluate(read)) })
    } catch {
      // navigating right now: the next poll reads it
    }
  }
  return views
}
