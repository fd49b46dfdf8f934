// Issue 7 and 17, Chrome with the console's own multi-session on: Rolecall sees the mode itself (the console's
// opt-in cookie, aws-prism-opt-in=true, which a browser where the user turned it on holds), even with the box
// "My AWS console has multi-session support turned on" unticked, and shows it in the options. Each profile opened
// then joins the browser's console sessions instead of replacing the one there — no confirm, no "You must first
// log out" — in its own tab group; a re-login of one leaves the others signed in; a sixth identity asks, and going
// on signs nobody out. Never, in this mode, the oauth?Action=logout hop: the stand-in answers it with HTTP 400, as
// AWS is documented to (test/fake-aws/README.md), and counts every logout. The stand-in serves AWS's per-session
// hosts, <account>-<8 characters>.<region>.console.aws.amazon.com, over TLS. Firefox ignores the mode (containers).
// Without multi-session, login.test.ts covers the confirm-before-replace behaviour.
import { describe, expect, it } from 'vitest'
import type { FakeAws } from '../fake-aws/index'
import { DEMO_AWS_CONFIG, DEMO_MFA_SERIAL } from '../fake-aws/demo-org'
import {
  OPTIONS,
  POPUP,
  POPUP_SIZE,
  mustCall,
  poll,
  type ChromiumExtension,
  type ExtPage,
  type FirefoxExtension,
} from './harness'
import { loginJourney } from './harness/journey'
import { currentIssuerLink } from './harness/issuer'
import { consolePages, isConsoleUrl } from './harness/console-pages'

/** What opening a profile led to; `error: …` carries the popup's message, so a failure says what happened. */
type Outcome = 'opened' | 'confirm' | 'mfa' | `error: ${string}`

/** Opens a profile from the popup and waits for what it leads to: opened, a confirm, or the MFA prompt. */
async function openFromPopup(popup: ExtPage, profile: string): Promise<Outcome> {
  await popup.fill('[data-testid="profile-filter"]', profile)
  await popup.waitForFunction(() => document.querySelectorAll('[data-testid="profile-row"]').length > 0)
  await popup.press('Enter')
  return settled(popup, profile, { mfaCounts: true })
}

/** Waits for "Opened <profile>.", an error, the confirm, or (if it counts) the MFA prompt. */
function settled(popup: ExtPage, profile: string, { mfaCounts = false } = {}): Promise<Outcome> {
  return poll(
    () =>
      popup.evaluate(
        ({ name, mfaCounts }): Outcome | undefined => {
          const message = document.querySelector('[data-testid="login-message"]')
          if (message?.getAttribute('role') === 'alert') return `error: ${message.textContent}`
          if (message?.textContent === `Opened ${name}.`) return 'opened'
          if (document.querySelector('[data-testid="confirm-replace"]')) return 'confirm'
          if (mfaCounts && document.querySelector('[data-testid="mfa-prompt"]')) return 'mfa'
          return undefined
        },
        { name: profile, mfaCounts },
      ),
    20_000,
    `the outcome of opening ${profile}`,
  )
}

/** Reloads every console tab, so each shows what the browser's cookie jar holds now, then reads them. */
async function freshConsoles(browser: ChromiumExtension, aws: FakeAws) {
  const tabs = browser.context.pages().filter((p) => isConsoleUrl(p.url(), aws))
  await Promise.all(tabs.map((p) => p.reload()))
  return consolePages(browser, aws)
}

/** Each console tab's account (from its session's host) with the title of the tab group it is in. */
async function groupOfEachConsole(options: ExtPage): Promise<Record<string, string>> {
  return options.evaluate(async () => {
    type Api = {
      tabs: { query(q: object): Promise<{ url?: string; groupId: number }[]> }
      tabGroups: { query(q: object): Promise<{ id: number; title?: string }[]> }
    }
    const chrome = (globalThis as unknown as { chrome: Api }).chrome
    const titles = new Map((await chrome.tabGroups.query({})).map((g) => [g.id, g.title ?? '']))
    const result: Record<string, string> = {}
    for (const tab of await chrome.tabs.query({})) {
      const account = /^https:\/\/(\d{12})-[a-z0-9]{8}\.[a-z0-9-]+\.console\.aws\.amazon\.com\//.exec(
        tab.url ?? '',
      )?.[1]
      if (account) result[account] = titles.get(tab.groupId) ?? '(no group)'
    }
    return result
  })
}

describe('console multi-session in chromium', () => {
  let aws: FakeAws
  let browser: ChromiumExtension
  let options: ExtPage
  let popup: ExtPage

  loginJourney<ChromiumExtension>(
    'chromium',
    DEMO_AWS_CONFIG,
    (journey) => {
      ;({ aws, browser, options } = journey)
    },
    { multiSession: true },
  )

  it("detects the mode from the console's opt-in cookie and shows it in Settings, the box unticked", async () => {
    // Before any sign-in Rolecall sees nothing, and goes by the (unticked) setting.
    expect(await mustCall(options, 'settings.consoleMode', {})).toEqual({
      multiSession: false,
      setting: false,
      detected: null,
      usedHere: true,
    })
    // The user turned multi-session on in the console some day: the sign-in domain gave this browser the opt-in cookie.
    const signinPage = await browser.openPage('https://signin.aws.amazon.com/')
    await signinPage.waitFor('main')
    await signinPage.close()
    expect(await mustCall(options, 'settings.consoleMode', {})).toEqual({
      multiSession: true,
      setting: false,
      detected: 'opt-in-cookie',
      usedHere: true,
    })

    const page = await browser.openPage(OPTIONS)
    await page.waitFor('[data-testid="console-mode"]')
    const box = () =>
      page.evaluate(() => (document.querySelector('[data-testid="console-multi-session"]') as HTMLInputElement).checked)
    expect(await box()).toBe(false)
    expect(await page.text('[data-testid="settings"]')).toContain(
      'My AWS console has multi-session support turned on (up to 5 identities at once, Chrome)',
    )
    expect((await page.text('[data-testid="console-mode"]')).replace(/\s+/g, ' ')).toContain(
      "Detected in this browser: multi-session is on (the console's opt-in cookie)",
    )
    await page.screenshot('options-multi-session-detected')
    expect((await mustCall(options, 'settings.get', {})).consoleMultiSession).toBe(false)
    expect((await mustCall(options, 'settings.get', {})).endpoints.consoleBase ?? '').toBe('')
    await page.close()
  })

  it('opens 3 profiles side by side: 3 tab groups, 3 identities signed in at once, no confirm, no "log out first"', async () => {
    aws.resetCounts()
    popup = await browser.openPage(POPUP, POPUP_SIZE)
    await popup.waitFor('[data-testid="profile-list"]')
    expect(await openFromPopup(popup, 'dev')).toBe('mfa')
    await popup.fill('[data-testid="mfa-code"]', await aws.unusedTotp(DEMO_MFA_SERIAL))
    expect(await settled(popup, 'dev')).toBe('opened')
    // Another identity joins: the popup does not ask.
    expect(await openFromPopup(popup, 'staging')).toBe('opened')
    expect(await openFromPopup(popup, 'prod')).toBe('opened')
    await popup.screenshot('popup-multi-session-three-open')

    const views = await freshConsoles(browser, aws)
    expect(views.map((v) => [v.account, v.signedIn, v.mustLogOut]).sort()).toEqual([
      ['222222222222', true, false],
      ['333333333333', true, false],
      ['444444444444', true, false],
    ])
    expect(views.find((v) => v.account === '333333333333')).toMatchObject({
      roleName: 'Developer',
      principalType: 'assumed-role',
    })
    // Each tab lives on its own identity's session host, in the profile's region.
    for (const v of views)
      expect(new URL(v.url).hostname).toMatch(
        new RegExp(`^${v.account}-[a-z0-9]{8}\\.[a-z0-9-]+\\.console\\.aws\\.amazon\\.com$`),
      )
    // Each profile's console sits in its own named tab group.
    const groups = await groupOfEachConsole(options)
    expect(Object.keys(groups).sort()).toEqual(['222222222222', '333333333333', '444444444444'])
    expect(groups['222222222222']).toMatch(/^dev\b/)
    expect(groups['333333333333']).toMatch(/^staging\b/)
    expect(groups['444444444444']).toMatch(/^prod\b/)
    // Three plain logins: no logout-then-login hop (the stand-in would answer it with HTTP 400), no page refused.
    expect(aws.counts()).toMatchObject({ login: 3, getSigninToken: 3, logout: 0 })
    expect(aws.failedCounts().login).toBe(0)
    // Rolecall keeps tracking all three.
    const { sessions } = await mustCall(options, 'sessions.list', {})
    expect(
      sessions
        .filter((s) => s.state !== 'expired')
        .map((s) => s.profile)
        .sort(),
    ).toEqual(['dev', 'prod', 'staging'])
  })

  it('signing one profile in again (the console\'s "session expired" link) leaves the others signed in', async () => {
    const before = (await mustCall(options, 'sessions.list', {})).sessions.find((s) => s.profile === 'staging')!
    aws.resetCounts()
    // What following the login's Issuer link does: Rolecall catches the navigation and signs that tab in again.
    await options.evaluate(
      async ({ tabId, url }) => {
        type Api = { tabs: { update(id: number, p: { url: string }): Promise<unknown> } }
        await (globalThis as unknown as { chrome: Api }).chrome.tabs.update(tabId, { url })
      },
      { tabId: before.tabIds[0]!, url: await currentIssuerLink(options, 'staging') },
    )
    await poll(
      async () =>
        ((await mustCall(options, 'sessions.list', {})).sessions.find((s) => s.profile === 'staging')?.expiresAt ?? 0) >
        (before.expiresAt ?? 0),
      20_000,
      'staging signed in again',
    )
    await poll(
      async () => (await consolePages(browser, aws)).find((v) => v.account === '333333333333' && v.signedIn),
      15_000,
      "staging's console again",
    )
    // (The count of logins is not asserted: every tabs.onUpdated event of the Issuer URL starts one; see watch.ts.)
    expect(aws.counts().login).toBeGreaterThanOrEqual(1)
    expect(aws.failedCounts().login).toBe(0)
    expect(aws.counts().logout).toBe(0)
    const views = await freshConsoles(browser, aws)
    expect(
      views
        .filter((v) => v.signedIn)
        .map((v) => v.account)
        .sort(),
    ).toEqual(['222222222222', '333333333333', '444444444444'])
  })

  it('a sixth identity asks, naming the oldest; going on signs nobody out (no logout hop)', async () => {
    expect(await openFromPopup(popup, 'security')).toBe('opened')
    expect(await openFromPopup(popup, 'data')).toBe('opened')
    expect((await freshConsoles(browser, aws)).filter((v) => v.signedIn)).toHaveLength(5)

    aws.resetCounts()
    expect(await openFromPopup(popup, 'identity')).toBe('confirm')
    const dialog = (await popup.text('[data-testid="confirm-replace"]')).replace(/\s+/g, ' ')
    // Oldest first: staging was signed in again after prod.
    expect(dialog).toContain('The console holds 5 sessions, the most it allows (dev, prod, staging, security, data)')
    expect(dialog).toContain('Rolecall signs none of them out')
    expect(dialog).toContain('the oldest is dev')
    await popup.screenshot('popup-multi-session-limit')
    await popup.click('[data-testid="confirm-replace"] button.primary')
    expect(await settled(popup, 'identity')).toBe('opened')

    // A plain login: the console answers a sixth identity itself (the stand-in's limit page; AWS's answer past 5
    // is not documented), and every earlier session is still signed in.
    await poll(
      () =>
        Promise.all(
          browser.context
            .pages()
            // Web pages only (the limit page is on an AWS host; extension pages are not asked).
            .filter((p) => /^https?:/.test(p.url()))
            .map((p) => p.evaluate(() => Boolean(document.querySelector('[data-testid="session-limit"]')))),
        ).then((found) => found.includes(true) || undefined),
      15_000,
      "the console's session-limit page",
    )
    expect(aws.counts()).toMatchObject({ login: 1, logout: 0 })
    const views = await freshConsoles(browser, aws)
    expect(
      views
        .filter((v) => v.signedIn)
        .map((v) => v.account)
        .sort(),
    ).toEqual(['222222222222', '333333333333', '444444444444', '555555555555', '666666666666'])
    expect(views.some((v) => v.mustLogOut)).toBe(false)
  })
})

describe('console multi-session in firefox: containers, the mode ignored', () => {
  let aws: FakeAws
  let browser: FirefoxExtension
  let options: ExtPage

  loginJourney<FirefoxExtension>(
    'firefox',
    DEMO_AWS_CONFIG,
    (journey) => {
      ;({ aws, browser, options } = journey)
    },
    { multiSession: true },
  )

  it('reads no cookie and says the mode is not used; profiles open in their own containers, no logout hop', async () => {
    // The browser holds the opt-in cookie, as one where the user turned multi-session on.
    const signinPage = await browser.openPage('https://signin.aws.amazon.com/')
    await signinPage.waitFor('main')
    await signinPage.close()
    expect(await mustCall(options, 'settings.consoleMode', {})).toMatchObject({
      multiSession: false,
      detected: null,
      usedHere: false,
    })
    const page = await browser.openPage(OPTIONS)
    await page.waitFor('[data-testid="console-mode"]')
    expect(await page.text('[data-testid="console-mode"]')).toContain('Not used in this browser')
    await page.close()

    aws.resetCounts()
    const popup = await browser.openPage(POPUP, POPUP_SIZE)
    await popup.waitFor('[data-testid="profile-list"]')
    expect(await openFromPopup(popup, 'dev')).toBe('mfa')
    await popup.fill('[data-testid="mfa-code"]', await aws.unusedTotp(DEMO_MFA_SERIAL))
    expect(await settled(popup, 'dev')).toBe('opened')
    expect(await openFromPopup(popup, 'staging')).toBe('opened')
    const views = await poll(
      async () => {
        const all = (await consolePages(browser, aws)).filter((v) => v.signedIn)
        return all.length === 2 ? all : undefined
      },
      15_000,
      'two signed-in consoles',
    )
    expect(views.map((v) => v.account).sort()).toEqual(['222222222222', '333333333333'])
    expect(new Set(views.map((v) => v.userContext)).size).toBe(2)
    expect(views.every((v) => v.userContext !== 'default')).toBe(true)
    expect(aws.counts()).toMatchObject({ login: 2, logout: 0 })
    expect(aws.failedCounts().login).toBe(0)
  })
})
