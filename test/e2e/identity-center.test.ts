// Issue 18 end to end, in both browsers, on the store build against the stand-in's Identity Center on AWS's
// own host names (oidc.eu-west-1.amazonaws.com, portal.sso.eu-west-1.amazonaws.com over TLS): a config with
// sso-session profiles and a role chained from one, imported through the background; opening the first asks for one PKCE sign-in (Firefox:
// identity.launchWebAuthFlow with its 127.0.0.1/mozoauth2 redirect; Chrome: the tab Rolecall opened, read as it
// reaches its loopback redirect); three accounts then open side by side (Firefox containers; Chrome with the
// console's multi-session on); the chained profile opens; an access token that ends is renewed silently (the
// stand-in counts the refresh grant, no new approval) and no token or secret is anywhere but the vault's
// ciphertext; signing out revokes at the portal. A second journey
// signs in with the device code: the code Rolecall shows is the one the page it opened asks to confirm.
// The stand-in approves /authorize at once here (auto-approve: a user already signed in to the portal who
// consented); the sign-in and consent pages themselves are covered by its own tests (test/fake-aws).
import { describe, expect, it } from 'vitest'
import type { FakeAws } from '../fake-aws/index'
import { DEMO_SSO_CONFIG, DEMO_SSO_REGION, DEMO_SSO_START_URL } from '../fake-aws/demo-org'
import {
  BROWSERS,
  OPTIONS,
  POPUP,
  POPUP_SIZE,
  ChromiumExtension,
  FirefoxExtension,
  mustCall,
  poll,
  type ExtPage,
  type ExtensionBrowser,
} from './harness'
import { loginJourney } from './harness/journey'
import { consolePages } from './harness/console-pages'
import {
  dumpExtensionStorage,
  dumpSessionStorage,
  dumpSessionStorageFromPage,
  findSecrets,
} from './harness/secret-scan'

const instance = { startUrl: DEMO_SSO_START_URL, region: DEMO_SSO_REGION }

/** Clicks the "session expired" page's link back to the login's Issuer, in whichever tab shows it. */
async function clickIssuerLink(browser: ExtensionBrowser): Promise<void> {
  const click = () => {
    ;(document.querySelector('[data-testid="issuer-link"]') as HTMLAnchorElement).click()
    return true
  }
  if (browser instanceof ChromiumExtension) {
    await browser.context
      .pages()
      .find((p) => p.url().includes('/session-expired'))!
      .evaluate(click)
  } else if (browser instanceof FirefoxExtension) {
    const tab = (await browser.tabsWithUserContexts()).find((t) => t.url.includes('/session-expired'))!
    await browser.evaluateInTab(tab.context, click)
  }
}

/** Every open tab's URL (Firefox through BiDi, which sees tabs in every container). */
async function tabUrls(browser: ExtensionBrowser): Promise<string[]> {
  if (browser instanceof FirefoxExtension) return (await browser.tabsWithUserContexts()).map((t) => t.url)
  if (browser instanceof ChromiumExtension) return browser.context.pages().map((p) => p.url())
  return []
}

async function open(options: ExtPage, profile: string) {
  return mustCall(options, 'login.open', { profile, newTab: true, replace: true })
}

/** The accounts whose consoles are signed in, once `count` are (each read from its own tab). */
async function signedInAccounts(browser: ExtensionBrowser, aws: FakeAws, count: number): Promise<string[]> {
  return poll(
    async () => {
      const views = (await consolePages(browser, aws)).filter((v) => v.signedIn)
      return views.length >= count ? views.map((v) => v.account ?? '?').sort() : undefined
    },
    20_000,
    `${count} signed-in consoles`,
  )
}

for (const kind of BROWSERS) {
  describe(`Identity Center in ${kind}`, () => {
    let aws: FakeAws
    let browser: ExtensionBrowser
    let options: ExtPage
    loginJourney(
      kind,
      '# imported below, through the background\n',
      async (journey) => {
        ;({ aws, browser, options } = journey)
        // The config goes in as the options page's Import sends it: the background parses it again.
        const basedOn = (await mustCall(options, 'config.stored', {})).importedAt ?? 0
        await mustCall(options, 'config.apply', { text: DEMO_SSO_CONFIG, basedOn })
        aws.sso.setAutoApprove(true)
        if (browser instanceof ChromiumExtension) {
          // The console's multi-session on, as its opt-in cookie tells Rolecall: three identities side by side.
          const signin = await browser.openPage('https://signin.aws.amazon.com/')
          await signin.waitFor('main')
          await signin.close()
        }
      },
      { multiSession: kind === 'chromium' },
    )

    it('one PKCE sign-in, then three accounts side by side and the chained role', async () => {
      const first = await open(options, 'sso-dev-admin')
      expect(first).toMatchObject({ status: 'needs-sso', method: 'pkce', startUrl: DEMO_SSO_START_URL })
      expect(await signedInAccounts(browser, aws, 1)).toEqual(['222222222222'])
      expect(aws.sso.counts().grants.authorization_code).toBe(1)

      aws.resetCounts()
      expect((await open(options, 'sso-staging-readonly')).status).toBe('opened')
      expect((await open(options, 'sso-prod-billing')).status).toBe('opened')
      // A live token: exactly GetRoleCredentials and getSigninToken per open.
      expect(aws.sso.counts().calls).toMatchObject({ GetRoleCredentials: 2, CreateToken: 0, RegisterClient: 0 })
      expect(aws.counts()).toMatchObject({ getSigninToken: 2 })
      const accounts = await signedInAccounts(browser, aws, 3)
      expect(accounts).toEqual(['222222222222', '333333333333', '444444444444'])
      const views = (await consolePages(browser, aws)).filter((v) => v.signedIn)
      if (kind === 'firefox') expect(new Set(views.map((v) => v.userContext)).size).toBe(3)

      expect((await open(options, 'sso-data')).status).toBe('opened')
      expect(await signedInAccounts(browser, aws, 4)).toContain('666666666666')

      // What a person sees: the options page's instance, signed in, with its accounts listed after the sign-in;
      // the popup with the listed roles beside the config's profiles.
      const page = await browser.openPage(OPTIONS)
      await page.waitForFunction(() =>
        document.querySelector('[data-testid="sso-listed"]')?.textContent?.includes('9 roles'),
      )
      expect(await page.text('[data-testid="sso-state"]')).toMatch(/Signed in until .*renews by itself/)
      await page.screenshot(`options-identity-center-${kind}`)
      await page.close()
      const popup = await browser.openPage(POPUP, POPUP_SIZE)
      await popup.waitFor('[data-testid="profile-list"]')
      await popup.fill('[data-testid="profile-filter"]', 'rolecall')
      await popup.waitForFunction(() => document.querySelectorAll('[data-testid="profile-row"]').length >= 5)
      await popup.screenshot(`popup-identity-center-${kind}`)
      await popup.close()
    })

    it("a portal session that ends: the expired console's link asks once, and the tab is signed in again", async () => {
      aws.sso.endPortalSessions()
      aws.sso.expireAccessTokens()
      aws.expireConsoleSessions()
      const codes = aws.sso.counts().grants.authorization_code
      const { sessions } = await mustCall(options, 'sessions.list', {})
      const tabId = sessions.find((s) => s.profile === 'sso-staging-readonly')!.tabIds[0]!
      await options.evaluate(async (id) => {
        type Tabs = { tabs: { reload(id: number): Promise<void> } }
        const g = globalThis as unknown as { browser?: Tabs; chrome?: Tabs }
        await (g.browser ?? g.chrome)!.tabs.reload(id)
      }, tabId)
      await poll(async () => (await consolePages(browser, aws)).find((v) => v.expired), 20_000, 'the expired page')
      // The user follows the page's link back to the login's Issuer: Rolecall signs in to Identity Center once.
      await clickIssuerLink(browser)
      await poll(
        async () =>
          (await consolePages(browser, aws)).find((v) => v.account === '333333333333' && v.signedIn && !v.expired),
        20_000,
        'the staging console signed in again',
      )
      expect(aws.sso.counts().grants.authorization_code).toBe(codes + 1)
    })

    it('renews an access token that ended without asking, and signing out revokes it', async () => {
      const approvals = aws.sso.counts().approvals
      aws.sso.expireAccessTokens()
      expect((await open(options, 'sso-legacy')).status).toBe('opened')
      expect(aws.sso.counts().grants.refresh_token).toBe(1)
      expect(aws.sso.counts().approvals).toBe(approvals)
      const [state] = (await mustCall(options, 'sso.instances', {})).instances
      expect(state).toMatchObject({ ...instance, renews: true, profiles: 5 })

      // No Identity Center secret outside the vault's ciphertext: client secrets, access and refresh tokens,
      // role credentials, sign-in tokens, as the stand-in issued them, in any encoding, in any storage area.
      const sso = aws.state.sso
      const secrets = [
        ...[...sso.registrations.values()].map((r) => r.clientSecret),
        ...sso.accessTokens.keys(),
        ...sso.refreshTokens.keys(),
        ...aws.state.credentials.all().flatMap((c) => [c.secretAccessKey, c.sessionToken]),
        ...(aws.state.signinTokens as unknown as { tokens: Map<string, unknown> }).tokens.keys(),
      ]
      expect(secrets.length).toBeGreaterThan(10)
      const stored = await dumpExtensionStorage(options)
      expect(stored.some((e) => e.where.startsWith('indexedDB › rolecall › secrets › "sso:'))).toBe(true)
      const session =
        browser instanceof ChromiumExtension
          ? await dumpSessionStorage(browser)
          : await dumpSessionStorageFromPage(options)
      expect(
        findSecrets([...stored, ...session], secrets).map((f) => `#${f.secret} ${f.encoding} in ${f.where}`),
      ).toEqual([])

      await mustCall(options, 'sso.signOut', instance)
      expect(aws.sso.counts().calls.Logout).toBe(1)
      expect((await mustCall(options, 'sso.instances', {})).instances[0]!.signedInUntil).toBeUndefined()
    })

    it('signs in with the device code: the code shown is the one the opened page asks to confirm', async () => {
      const { progress } = await mustCall(options, 'sso.signIn', { ...instance, method: 'device' })
      expect(progress.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/)
      // Rolecall opened AWS's verification page with the code; that page shows it in its field to confirm.
      const verification = `https://device.sso.${DEMO_SSO_REGION}.amazonaws.com/?user_code=${progress.userCode}`
      await poll(
        async () => ((await tabUrls(browser)).includes(verification) ? true : undefined),
        10_000,
        'the verification page Rolecall opens',
      )
      const page = await browser.openPage(verification)
      await page.waitFor('[data-testid="sso-user-code"]')
      const shown = await page.evaluate(
        () => (document.querySelector('[data-testid="sso-user-code"]') as HTMLInputElement | null)?.value,
      )
      expect(shown).toBe(progress.userCode)
      await page.close()
      expect(aws.sso.approve(progress.userCode!)).toBe(true)
      await poll(
        async () => (await mustCall(options, 'sso.instances', {})).instances[0]!.signedInUntil,
        15_000,
        'the device sign-in to finish',
      )
      expect(aws.sso.counts().grants.device_code).toBe(1)
      expect((await open(options, 'sso-prod-billing')).status).toBe('opened')
    })
  })
}
