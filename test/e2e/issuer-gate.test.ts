// Issue 15: any web page can navigate its tab to the login's Issuer address (no user gesture needed). Rolecall
// signs a tab in again only when it is a console tab Rolecall tracks for that profile, the link carries the
// per-login value of that profile's latest sign-in, and the vault is unlocked. A hostile page on loopback
// tries each way in; the stand-in counts no AWS call, nothing new is tracked, no MFA prompt waits, and the tab
// is shown why. The legitimate path (a tracked tab following its own link) still signs in at its page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FakeAws } from '../fake-aws/index'
import { DEMO_AWS_CONFIG, DEMO_PASSPHRASE } from '../fake-aws/demo-org'
import {
  BROWSERS,
  ChromiumExtension,
  type FirefoxExtension,
  cacheMfaSession,
  mustCall,
  poll,
  startWebServer,
  type ExtPage,
  type ExtensionBrowser,
} from './harness'
import { loginJourney } from './harness/journey'
import { consolePages } from './harness/console-pages'
import { issuerLink, storedIssuerToken } from './harness/issuer'

type TabsApi = {
  tabs: {
    create(o: { url: string; active?: boolean }): Promise<{ id: number }>
    update(id: number, o: { url: string }): Promise<unknown>
    get(id: number): Promise<{ url?: string }>
    remove(id: number): Promise<void>
  }
}

/** A page that, once loaded, sends its own tab wherever its fragment says, with no user gesture. */
const HOSTILE_PAGE =
  '<!doctype html><title>Hostile page</title><h1>Hostile page</h1><script>location.href = decodeURIComponent(location.hash.slice(1))</script>'

/** Total STS and federation requests the stand-in saw (refused ones too). */
function awsCalls(aws: FakeAws): number {
  return Object.values(aws.counts()).reduce((a, b) => a + b, 0)
}

async function tabUrl(page: ExtPage, tabId: number): Promise<string> {
  return page.evaluate(async (id) => {
    const g = globalThis as unknown as { browser?: TabsApi; chrome?: TabsApi }
    return (await (g.browser ?? g.chrome)!.tabs.get(id)).url ?? ''
  }, tabId)
}

async function openTab(page: ExtPage, url: string): Promise<number> {
  return page.evaluate(async (target) => {
    const g = globalThis as unknown as { browser?: TabsApi; chrome?: TabsApi }
    return (await (g.browser ?? g.chrome)!.tabs.create({ url: target, active: true })).id
  }, url)
}

async function navigate(page: ExtPage, tabId: number, url: string): Promise<void> {
  await page.evaluate(
    async ({ id, target }) => {
      const g = globalThis as unknown as { browser?: TabsApi; chrome?: TabsApi }
      await (g.browser ?? g.chrome)!.tabs.update(id, { url: target })
    },
    { id: tabId, target: url },
  )
}

async function closeTab(page: ExtPage, tabId: number): Promise<void> {
  await page.evaluate(async (id) => {
    const g = globalThis as unknown as { browser?: TabsApi; chrome?: TabsApi }
    await (g.browser ?? g.chrome)!.tabs.remove(id).catch(() => undefined)
  }, tabId)
}

/** The text of Rolecall's "did not sign this tab in" page whose reason mentions `word`. */
async function refusedPageText(browser: ExtensionBrowser, word: string): Promise<string> {
  const isRefused = (url: string) =>
    url.startsWith(browser.baseUrl) && url.includes('refused.html') && decodeURIComponent(url).includes(word)
  const read = () => document.querySelector('main')?.textContent ?? ''
  if (browser instanceof ChromiumExtension) {
    const page = await poll(
      async () => browser.context.pages().find((p) => isRefused(p.url())),
      10_000,
      'the refusal page',
    )
    await page.waitForSelector('[data-testid="relogin-refused-reason"]:not(:empty)')
    return page.evaluate(read)
  }
  const firefox = browser as FirefoxExtension
  const tab = await poll(
    async () => (await firefox.tabsWithUserContexts()).find((t) => isRefused(t.url)),
    10_000,
    'the refusal page',
  )
  return poll(
    async () => {
      const text = await firefox.evaluateInTab(tab.context, read).catch(() => '')
      return text.includes('did not sign') && text.length > 60 ? text : undefined
    },
    10_000,
    'the refusal text',
  )
}

for (const kind of BROWSERS) {
  describe(`the Issuer link in ${kind}`, () => {
    let aws: FakeAws
    let browser: ExtensionBrowser
    let options: ExtPage
    let hostile: Awaited<ReturnType<typeof startWebServer>>
    let devTab: number

    beforeAll(async () => {
      hostile = await startWebServer(HOSTILE_PAGE)
    })
    afterAll(async () => {
      await hostile?.close()
    })

    loginJourney(kind, DEMO_AWS_CONFIG, async (journey) => {
      ;({ aws, browser, options } = journey)
      // dev is open in its tracked tab; the MFA session it cached would serve any role without a code.
      const outcome = await cacheMfaSession(options, aws, 'dev')
      if (outcome?.status !== 'opened') throw new Error(`dev did not open: ${outcome?.status}`)
      devTab = outcome.tabId
      // Its console has loaded (the tab's Action=login request counted) before any test counts calls.
      await poll(
        async () => (await consolePages(browser, aws)).find((v) => v.account === '222222222222' && v.signedIn),
        15_000,
        "dev's console",
      )
    })

    /** A hostile page in a fresh tab navigates to `target`; returns that tab once it has settled. */
    async function hostileVisit(target: string): Promise<number> {
      const tabId = await openTab(options, `${hostile.url}#${encodeURIComponent(target)}`)
      await poll(
        async () => (await tabUrl(options, tabId)).includes('refused.html') || undefined,
        10_000,
        "the tab to show Rolecall's refusal",
      )
      return tabId
    }

    async function expectNothingHappened(trackedBefore: string[]) {
      // Give a wrongly started login time to reach the stand-in before judging.
      await new Promise((r) => setTimeout(r, 1_000))
      expect(awsCalls(aws)).toBe(0)
      const { sessions } = await mustCall(options, 'sessions.list', {})
      expect(sessions.map((s) => s.profile).sort()).toEqual(trackedBefore)
      expect((await mustCall(options, 'login.pending', {})).prompts).toEqual([])
    }

    it('a web page naming a profile with a cached MFA session signs nothing in', async () => {
      aws.resetCounts()
      const tabId = await hostileVisit(issuerLink('prod'))
      expect(await refusedPageText(browser, 'not a console')).toContain('not a console that Rolecall opened')
      await expectNothingHappened(['dev'])
      await closeTab(options, tabId)
    })

    it('a web page naming a profile that needs a code queues no prompt', async () => {
      await mustCall(options, 'sessions.forget', {})
      aws.resetCounts()
      const tabId = await hostileVisit(issuerLink('staging', 'x'.repeat(22)))
      await expectNothingHappened(['dev'])
      await closeTab(options, tabId)
    })

    it("dev's current per-login value in a tab Rolecall does not track signs nothing in", async () => {
      const token = await storedIssuerToken(options, 'dev')
      expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/)
      aws.resetCounts()
      const tabId = await hostileVisit(issuerLink('dev', token))
      await expectNothingHappened(['dev'])
      await closeTab(options, tabId)
    })

    it("a forged or replayed value in dev's own tab signs nothing in, and the tab is no longer tracked", async () => {
      // Sign dev in again (a fresh code: the MFA session was forgotten): its old per-login value is now stale.
      const stale = await storedIssuerToken(options, 'dev')
      const again = await mustCall(options, 'login.open', { profile: 'dev', newTab: true, replace: true })
      if (again.status === 'needs-mfa')
        await mustCall(options, 'login.submitMfa', {
          promptId: again.prompt.id,
          code: await aws.unusedTotp(again.prompt.deviceSerial),
        })
      await poll(
        async () => (await storedIssuerToken(options, 'dev')) !== stale || undefined,
        10_000,
        'a new per-login value',
      )
      const tracked = (await mustCall(options, 'sessions.list', {})).sessions.find((s) => s.profile === 'dev')!
      expect(tracked.tabIds).toContain(devTab)
      aws.resetCounts()
      for (const token of [stale!, 'forged-value-000000000', '']) {
        await navigate(options, devTab, issuerLink('dev', token))
        await poll(
          async () => (await tabUrl(options, devTab)).includes('refused.html') || undefined,
          10_000,
          "dev's tab to show the refusal",
        )
      }
      await new Promise((r) => setTimeout(r, 1_000))
      expect(awsCalls(aws)).toBe(0)
      expect((await mustCall(options, 'login.pending', {})).prompts).toEqual([])
      // The tab now shows Rolecall's page, not the console: it is no longer tracked, so nothing refreshes it.
      const after = (await mustCall(options, 'sessions.list', {})).sessions.find((s) => s.profile === 'dev')!
      expect(after.tabIds).not.toContain(devTab)
      await closeTab(options, devTab)
    })

    it('its own tab, following its own link, is signed in again at its page', async () => {
      const session = (await mustCall(options, 'sessions.list', {})).sessions.find((s) => s.profile === 'dev')!
      const tabId = session.tabIds[0]!
      const deep = aws.realConsoleUrl('eu-west-1', '/ec2/home')
      await navigate(options, tabId, deep)
      await poll(
        async () => (await consolePages(browser, aws)).find((v) => v.url.includes('/ec2/home') && v.signedIn),
        15_000,
        'the deep page',
      )
      aws.resetCounts()
      const before = await storedIssuerToken(options, 'dev')
      await navigate(options, tabId, issuerLink('dev', before))
      // The deep page was already showing: first wait for the new sign-in (a new per-login value, the login
      // request at the stand-in), then for the page it lands on.
      await poll(
        async () => ((await storedIssuerToken(options, 'dev')) !== before && aws.counts().login > 0) || undefined,
        15_000,
        'a new sign-in of dev',
      )
      const view = await poll(
        async () =>
          (await consolePages(browser, aws)).find(
            (v) =>
              v.account === '222222222222' &&
              v.signedIn &&
              v.url.includes('/ec2/home') &&
              !v.url.includes('federation'),
          ),
        15_000,
        'dev signed in again at its page',
      )
      expect(view.mustLogOut).toBe(false)
      expect(aws.counts().AssumeRole).toBe(1)
      expect(aws.counts().getSigninToken).toBe(1)
    })

    it('its own tab with its own link signs nothing in while the vault is locked', async () => {
      const session = (await mustCall(options, 'sessions.list', {})).sessions.find((s) => s.profile === 'dev')!
      const tabId = session.tabIds[0]!
      const token = await storedIssuerToken(options, 'dev')
      await mustCall(options, 'vault.lock', {})
      aws.resetCounts()
      await navigate(options, tabId, issuerLink('dev', token))
      await poll(
        async () => (await tabUrl(options, tabId)).includes('refused.html') || undefined,
        10_000,
        'the refusal',
      )
      expect(await refusedPageText(browser, 'locked')).toContain('Unlock Rolecall')
      await new Promise((r) => setTimeout(r, 1_000))
      expect(awsCalls(aws)).toBe(0)
      expect((await mustCall(options, 'login.pending', {})).prompts).toEqual([])
      await mustCall(options, 'vault.unlock', { passphrase: DEMO_PASSPHRASE })
    })
  })
}
