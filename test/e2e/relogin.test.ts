// Issue 8: sessions that outlive their credentials. The stand-in grants short sessions (an hour lasts 72 s of
// real time) and Rolecall runs as a user would set it, refreshing 1 minute before expiry, its smallest setting
// (Rolecall has no time knob: issue 17). So a console tab expires during the test: it must come back to the same
// deep page with a fresh session and no prompt while the MFA session lives; ask once (badge, notification, popup)
// when it does not; come back through the console's "session expired" link; and never meet "You must first log
// out".
import { describe, expect, it } from 'vitest'
import type { FakeAws } from '../fake-aws/index'
import { DEMO_AWS_CONFIG, DEMO_MFA_SERIAL } from '../fake-aws/demo-org'
import {
  BROWSERS,
  OPTIONS,
  POPUP,
  POPUP_SIZE,
  ChromiumExtension,
  FirefoxExtension,
  mustCall,
  poll,
  seedImport,
  type ExtPage,
  type ExtensionBrowser,
} from './harness'
import { loginJourney } from './harness/journey'
import { consolePages, type ConsoleView } from './harness/console-pages'

// 72 s per hour: the 1-minute refresh lead leaves 12 s between a sign-in and its refresh, enough to open a deep
// page first; the default 12-hour MFA session lasts 14.4 minutes and the shortest, 15 minutes, 18 s.
const SCALE = 1 / 50
const HOUR_MS = 3600_000 * SCALE
/** A journey that waits through a whole session, and some. */
const LONG_TEST_MS = HOUR_MS * 2 + 30_000

type Api = {
  tabs: { update(id: number, p: { url: string }): Promise<unknown> }
  action: { getBadgeText(d: object): Promise<string> }
  notifications: { getAll(): Promise<Record<string, unknown>> }
}

async function sessionOf(options: ExtPage, profile: string) {
  const { sessions } = await mustCall(options, 'sessions.list', {})
  const session = sessions.find((s) => s.profile === profile)
  if (!session) throw new Error(`no tracked session for ${profile}`)
  return session
}

async function navigate(options: ExtPage, tabId: number, url: string) {
  await options.evaluate(
    async ({ tabId, url }) => {
      const g = globalThis as unknown as { browser?: Api; chrome?: Api }
      await (g.browser ?? g.chrome)!.tabs.update(tabId, { url })
    },
    { tabId, url },
  )
}

/** Loads the tab's page again (navigating to the same URL with a #fragment would not). */
async function reloadTab(options: ExtPage, tabId: number) {
  await options.evaluate(async (tabId) => {
    type Tabs = { tabs: { reload(id: number): Promise<void> } }
    const g = globalThis as unknown as { browser?: Tabs; chrome?: Tabs }
    await (g.browser ?? g.chrome)!.tabs.reload(tabId)
  }, tabId)
}

/** Closes every tab on AWS's console hosts (the stand-in's), so a test sees only the consoles it opens. */
async function closeConsoleTabs(options: ExtPage, aws: FakeAws) {
  void aws
  await options.evaluate(
    async (origin) => {
      type Tabs = {
        tabs: { query(q: object): Promise<{ id?: number; url?: string }[]>; remove(ids: number[]): Promise<void> }
      }
      const g = globalThis as unknown as { browser?: Tabs; chrome?: Tabs }
      const api = (g.browser ?? g.chrome)!
      const isConsole = new RegExp(origin)
      const ids = (await api.tabs.query({})).filter((t) => t.url && isConsole.test(t.url)).map((t) => t.id!)
      if (ids.length) await api.tabs.remove(ids)
    },
    /^https:\/\/([a-z0-9-]+\.)*console\.aws\.amazon\.com\//.source,
  )
}

async function viewOf(
  browser: ExtensionBrowser,
  aws: FakeAws,
  account: string,
  match: (v: ConsoleView) => boolean,
  what: string,
  timeoutMs = 25_000,
) {
  return poll(
    async () => (await consolePages(browser, aws)).find((v) => v.account === account && match(v)),
    timeoutMs,
    what,
  )
}

async function enterCode(browser: ExtensionBrowser, aws: FakeAws) {
  const popup = await browser.openPage(POPUP, POPUP_SIZE)
  await popup.waitFor('[data-testid="mfa-prompt"]')
  await popup.fill('[data-testid="mfa-code"]', await aws.unusedTotp(DEMO_MFA_SERIAL))
  return popup
}

async function openProfile(options: ExtPage, browser: ExtensionBrowser, aws: FakeAws, profile: string, newTab = false) {
  const before =
    (await mustCall(options, 'sessions.list', {})).sessions.find((s) => s.profile === profile)?.expiresAt ?? 0
  const outcome = await mustCall(options, 'login.open', { profile, newTab, replace: true })
  if (outcome.status === 'needs-mfa') await enterCode(browser, aws)
  await poll(
    async () =>
      ((await mustCall(options, 'sessions.list', {})).sessions.find((s) => s.profile === profile)?.expiresAt ?? 0) >
      before,
    15_000,
    `${profile} to be signed in`,
  )
}

/** What a user does in the options: "Refresh this many minutes before expiry" set to 1, the smallest allowed. */
async function refreshOneMinuteBefore(browser: ExtensionBrowser) {
  const page = await browser.openPage(OPTIONS)
  await page.waitFor('[data-testid="refresh-minutes"]')
  await page.fill('[data-testid="refresh-minutes"]', '1')
  await page.click('[data-testid="save-settings"]')
  await page.waitForFunction(() =>
    document.querySelector('[data-testid="settings"] [role="status"]')?.textContent?.includes('Settings saved'),
  )
  await page.close()
}

// Most of this file is waiting for sessions to end. The two browsers (each with its own stand-in) wait side by
// side: their blocks run concurrently, while each block's tests run one after another (it.sequential).
for (const kind of BROWSERS) {
  describe.concurrent(`re-login in ${kind}`, () => {
    let aws: FakeAws
    let browser: ExtensionBrowser
    let options: ExtPage

    loginJourney(
      kind,
      DEMO_AWS_CONFIG,
      async (journey) => {
        ;({ aws, browser, options } = journey)
        await refreshOneMinuteBefore(browser)
      },
      { timeScale: SCALE },
    )

    it.sequential(
      'signs a deep console page in again before it expires, silently, at the same page',
      async () => {
        // The options form saved the smallest lead, as a user would: nothing else makes this test fast.
        expect((await mustCall(options, 'settings.get', {})).refreshBeforeMinutes).toBe(1)
        await openProfile(options, browser, aws, 'dev')
        const first = await sessionOf(options, 'dev')
        const deep = aws.realConsoleUrl('eu-west-1', '/ec2/home') + '#Instances:sort=desc'
        await navigate(options, first.tabIds[0]!, deep)
        await viewOf(browser, aws, '222222222222', (v) => v.signedIn && v.url.includes('/ec2/home'), 'the deep page')
        aws.resetCounts()
        // Past the first session's end: a refresh must have signed the tab in again.
        const refreshed = await poll(
          async () => {
            const s = await sessionOf(options, 'dev')
            return (s.expiresAt ?? 0) > (first.expiresAt ?? 0) ? s : undefined
          },
          HOUR_MS * 1.6,
          'a refreshed session',
        )
        expect(refreshed.tabIds).toEqual(first.tabIds)
        await new Promise((r) => setTimeout(r, Math.max(0, (first.expiresAt ?? 0) - Date.now() + 500)))
        const view = await viewOf(browser, aws, '222222222222', (v) => v.signedIn, 'the console after expiry')
        expect(view.url).toContain('/ec2/home')
        expect(view.requestedPath).toContain('/ec2/home')
        expect(view.mustLogOut).toBe(false)
        // No code was asked for: the cached MFA session served the AssumeRole.
        expect(aws.counts().GetSessionToken).toBe(0)
        expect(aws.counts().AssumeRole).toBeGreaterThanOrEqual(1)
        expect((await mustCall(options, 'login.pending', {})).prompts).toEqual([])
      },
      LONG_TEST_MS,
    )

    it.sequential(
      'asks once for a code when the MFA session has ended, with a badge and a notification, and restores the tab',
      async () => {
        // A 15-minute MFA session (3.6 s here): the next refresh needs a new code.
        await mustCall(options, 'settings.set', { patch: { mfaSessionHours: 0.25 } })
        await mustCall(options, 'sessions.forget', {})
        await openProfile(options, browser, aws, 'staging', true)
        const session = await sessionOf(options, 'staging')
        const deep = aws.realConsoleUrl('eu-central-1', '/s3/buckets') + '?tab=objects'
        await navigate(options, session.tabIds[0]!, deep)
        await viewOf(browser, aws, '333333333333', (v) => v.signedIn && v.url.includes('/s3/buckets'), 'the deep page')

        const prompt = await poll(
          async () =>
            (await mustCall(options, 'login.pending', {})).prompts.find((p) => p.profiles.includes('staging')),
          HOUR_MS * 1.5,
          'an MFA prompt for staging',
        )
        expect(prompt.deviceSerial).toBe(DEMO_MFA_SERIAL)
        // The badge says a console waits for a code; Chromium also shows a notification (headless Firefox has no
        // system notification service to hold one).
        await poll(
          async () => {
            const { badge, notifications } = await options.evaluate(async () => {
              const g = globalThis as unknown as { browser?: Api; chrome?: Api }
              const a = (g.browser ?? g.chrome)!
              return {
                badge: await a.action.getBadgeText({}),
                notifications: Object.keys(await a.notifications.getAll()),
              }
            })
            return badge === '!' && (kind === 'firefox' || notifications.includes('rolecall-mfa-staging'))
          },
          5_000,
          'the "!" badge and the notification',
        )

        const popup = await enterCode(browser, aws)
        await popup.screenshot('popup-after-refresh-code')
        const view = await viewOf(
          browser,
          aws,
          '333333333333',
          (v) => v.signedIn && v.url.includes('/s3/buckets') && !v.url.includes('federation'),
          'the restored deep page',
        )
        expect(view.url).toContain('tab=objects')
        await mustCall(options, 'settings.set', { patch: { mfaSessionHours: 12 } })
      },
      LONG_TEST_MS,
    )

    it.sequential('comes back through the console\'s "session expired" link to the page it was on', async () => {
      await closeConsoleTabs(options, aws)
      await mustCall(options, 'settings.set', { patch: { silentRefresh: false } })
      // A fresh 12-hour MFA session (the last one lasted 15 minutes): following the link needs no code.
      await mustCall(options, 'sessions.forget', {})
      await openProfile(options, browser, aws, 'security', true)
      const session = await sessionOf(options, 'security')
      const deep = aws.realConsoleUrl('eu-west-1', '/iam/home') + '#/roles'
      await navigate(options, session.tabIds[0]!, deep)
      await viewOf(browser, aws, '555555555555', (v) => v.signedIn && v.url.includes('/iam/home'), 'the deep page')
      // The stand-in's clock ends the console session now (waiting out its 72 s proves nothing more); the tab
      // notices on its next load, as a console does.
      aws.expireConsoleSessions()
      await reloadTab(options, session.tabIds[0]!)
      await poll(
        async () => (await consolePages(browser, aws)).find((v) => v.expired),
        25_000,
        'the session expired page',
      )
      // The user follows the page's link back to the login's Issuer: Rolecall recognises it.
      const click = () => (document.querySelector('[data-testid="issuer-link"]') as HTMLAnchorElement).click()
      if (browser instanceof ChromiumExtension) {
        await browser.context
          .pages()
          .find((p) => p.url().includes('/session-expired'))!
          .evaluate(click)
      } else if (browser instanceof FirefoxExtension) {
        const tab = (await browser.tabsWithUserContexts()).find((t) => t.url.includes('/session-expired'))!
        await browser.evaluateInTab(tab.context, () => {
          ;(document.querySelector('[data-testid="issuer-link"]') as HTMLAnchorElement).click()
          return true
        })
      }
      const view = await viewOf(
        browser,
        aws,
        '555555555555',
        (v) => v.signedIn && v.url.includes('/iam/home'),
        'the page after the Issuer link',
      )
      expect(view.mustLogOut).toBe(false)
      expect((await mustCall(options, 'login.pending', {})).prompts).toEqual([])
      await mustCall(options, 'settings.set', { patch: { silentRefresh: true } })
    })

    it.sequential('signs a console in as another identity without the "log out first" page', async () => {
      // dev's role changes on re-import; its console still holds the old identity.
      await openProfile(options, browser, aws, 'dev')
      await seedImport(
        options,
        DEMO_AWS_CONFIG.replace('arn:aws:iam::222222222222:role/Developer', 'arn:aws:iam::333333333333:role/Developer'),
      )
      await openProfile(options, browser, aws, 'dev', true)
      const views = await poll(
        async () => {
          const all = await consolePages(browser, aws)
          return all.some((v) => v.account === '333333333333' && v.signedIn) || all.some((v) => v.mustLogOut)
            ? all
            : undefined
        },
        15_000,
        'the switched console',
      )
      expect(views.filter((v) => v.mustLogOut)).toEqual([])
      await seedImport(options, DEMO_AWS_CONFIG)
    })
  })
}
