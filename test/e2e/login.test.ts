// Issue 7: one click to a console. Against the local AWS stand-in: MFA once per device, roles side by side
// in their own containers (Firefox) or tab groups (Chromium), a 2-hop chain, a federated profile, a wrong
// code and its retry, and the exact number of AWS calls each login makes.
import { describe, expect, it } from 'vitest'
import type { FakeAws } from '../fake-aws/index'
import { DEMO_AWS_CONFIG, DEMO_MFA_SERIAL } from '../fake-aws/demo-org'
import {
  BROWSERS,
  POPUP,
  POPUP_SIZE,
  mustCall,
  poll,
  FirefoxExtension,
  type ExtPage,
  type ExtensionBrowser,
} from './harness'
import { loginJourney } from './harness/journey'
import { consolePages, isConsoleUrl } from './harness/console-pages'

// The demo organisation's config, with a configured role session name on one profile.
const CONFIG = DEMO_AWS_CONFIG.replace(
  'region = eu-central-1',
  'region = eu-central-1\nrole_session_name = staging-reviewer',
)

/** STS actions and getSigninToken calls since the last reset. */
function calls(aws: FakeAws) {
  const c = aws.counts()
  return {
    GetSessionToken: c.GetSessionToken,
    AssumeRole: c.AssumeRole,
    GetFederationToken: c.GetFederationToken,
    GetCallerIdentity: c.GetCallerIdentity,
    getSigninToken: c.getSigninToken,
  }
}
const total = (c: ReturnType<typeof calls>) => Object.values(c).reduce((a, b) => a + b, 0)

/** Waits for a console of the account; on a timeout, says what the popup reported. */
async function consoleOf(browser: ExtensionBrowser, aws: FakeAws, popup: ExtPage, account: string) {
  try {
    return await poll(
      async () => (await consolePages(browser, aws)).find((p) => p.account === account && p.signedIn),
      15_000,
      `the console of ${account}`,
    )
  } catch (error) {
    const said = await popup
      .evaluate(
        () =>
          document.querySelector('[data-testid="login-message"], [data-testid="mfa-error"]')?.textContent ??
          '(nothing)',
      )
      .catch(() => '(popup gone)')
    throw new Error(`${(error as Error).message}; the popup said: ${said}`, { cause: error })
  }
}

async function openFromPopup(popup: ExtPage, filter: string, options: { replace?: boolean } = {}) {
  await popup.fill('[data-testid="profile-filter"]', filter)
  await popup.waitForFunction(() => document.querySelectorAll('[data-testid="profile-row"]').length > 0)
  await popup.press('Enter')
  if (!options.replace) return
  // Chromium: signing in as another identity first asks before replacing the live one.
  const asked = await popup.waitForFunction(() => {
    if (document.querySelector('[data-testid="confirm-replace"]')) return 'confirm'
    return document.querySelector('[data-testid="mfa-prompt"], [data-testid="login-message"]') ? 'other' : false
  })
  if (asked === 'confirm') await popup.click('[data-testid="confirm-replace"] button.primary')
}

for (const kind of BROWSERS) {
  describe(`login in ${kind}`, () => {
    let aws: FakeAws
    let browser: ExtensionBrowser
    let options: ExtPage

    loginJourney(kind, CONFIG, (journey) => {
      ;({ aws, browser, options } = journey)
    })

    it('opens role A with one MFA code (3 calls), role B with none (2 calls), side by side', async () => {
      aws.resetCounts()
      const popup = await browser.openPage(POPUP, POPUP_SIZE)
      await popup.waitFor('[data-testid="profile-list"]')
      expect(await popup.count('[data-testid="profile-row"]')).toBe(6)
      await popup.screenshot('popup-profiles')
      await openFromPopup(popup, 'dev')
      await popup.waitFor('[data-testid="mfa-prompt"]')
      await popup.screenshot('popup-mfa-prompt')

      // The popup closes when the user switches to an authenticator app: the login waits in the background.
      await popup.close()
      const reopened = await browser.openPage(POPUP, POPUP_SIZE)
      await reopened.waitFor('[data-testid="mfa-prompt"]')
      expect(await reopened.text('[data-testid="mfa-prompt"] label')).toContain('dev')

      await reopened.fill('[data-testid="mfa-code"]', await aws.unusedTotp(DEMO_MFA_SERIAL))
      const dev = await consoleOf(browser, aws, reopened, '222222222222')
      expect(dev).toMatchObject({ roleName: 'Developer', sessionName: 'demo-user' })
      // The store build's own hosts: dev's region (eu-west-1) for STS and the console, AWS's sign-in host.
      expect(new URL(dev.url).hostname).toBe('eu-west-1.console.aws.amazon.com')
      expect(aws.hostsSeen().served).toEqual(
        expect.arrayContaining(['sts.eu-west-1.amazonaws.com', 'signin.aws.amazon.com']),
      )
      // GetCallerIdentity runs once per key to learn the IAM user name; beyond it: 3 calls.
      expect(calls(aws)).toMatchObject({ GetSessionToken: 1, AssumeRole: 1, getSigninToken: 1, GetCallerIdentity: 1 })

      aws.resetCounts()
      await openFromPopup(reopened, 'staging')
      if (kind === 'chromium') {
        // One console identity per Chrome profile: the popup says so and asks before replacing dev's.
        await reopened.waitFor('[data-testid="confirm-replace"]')
        expect(await reopened.text('[data-testid="confirm-replace"]')).toContain('dev')
        await reopened.screenshot('popup-confirm-replace')
        await reopened.click('[data-testid="confirm-replace"] button.primary')
      }
      const staging = await consoleOf(browser, aws, reopened, '333333333333')
      expect(staging).toMatchObject({ roleName: 'Developer', sessionName: 'staging-reviewer', mustLogOut: false })
      expect(calls(aws)).toEqual({
        GetSessionToken: 0,
        AssumeRole: 1,
        GetFederationToken: 0,
        GetCallerIdentity: 0,
        getSigninToken: 1,
      })

      if (kind === 'chromium') {
        // Each profile's tabs are gathered in a named, coloured tab group.
        const groups = await reopened.evaluate(async () => {
          type Api = { tabGroups: { query(q: object): Promise<{ title?: string; color: string }[]> } }
          return (await (globalThis as unknown as { chrome: Api }).chrome.tabGroups.query({})).map(
            (g) => `${g.title}:${g.color}`,
          )
        })
        expect(groups.map((g) => g.split(' ')[0]!.split(':')[0])).toEqual(expect.arrayContaining(['dev', 'staging']))
        expect(groups.find((g) => g.startsWith('dev'))).toMatch(/:green$/)
      }
      // Firefox: both consoles stay signed in side by side, each in its own container.
      const pages = await consolePages(browser, aws)
      if (kind === 'firefox') expect(pages.find((p) => p.account === '222222222222')?.signedIn).toBe(true)
      expect(pages.find((p) => p.account === '333333333333')?.signedIn).toBe(true)
      if (browser instanceof FirefoxExtension) {
        const contexts = (await browser.tabsWithUserContexts()).filter((t) => isConsoleUrl(t.url, aws))
        expect(new Set(contexts.map((c) => c.userContext)).size).toBe(2)
        expect(contexts.every((c) => c.userContext !== 'default')).toBe(true)
        // Containers are named after the profile with the session name the console shows.
        const names = await options.evaluate(async () => {
          type Api = { contextualIdentities: { query(q: object): Promise<{ name: string; color: string }[]> } }
          return (await (globalThis as unknown as { browser: Api }).browser.contextualIdentities.query({})).map(
            (c) => `${c.name}:${c.color}`,
          )
        })
        expect(names).toEqual(
          expect.arrayContaining(['dev (demo-user):green', expect.stringMatching(/^staging \(staging-reviewer\):/)]),
        )
      }
    })

    it('opens the 2-hop chain with one extra call, and the federated profile with 2', async () => {
      aws.resetCounts()
      const popup = await browser.openPage(POPUP, POPUP_SIZE)
      await openFromPopup(popup, 'data', { replace: kind === 'chromium' })
      const data = await consoleOf(browser, aws, popup, '666666666666')
      expect(data.roleName).toBe('DataEngineer')
      expect(calls(aws)).toEqual({
        GetSessionToken: 0,
        AssumeRole: 2,
        GetFederationToken: 0,
        GetCallerIdentity: 0,
        getSigninToken: 1,
      })

      aws.resetCounts()
      await openFromPopup(popup, 'identity', { replace: kind === 'chromium' })
      const federated = await poll(
        async () => (await consolePages(browser, aws)).find((p) => p.principalType === 'federated-user'),
        15_000,
        'the federated console',
      )
      expect(federated.account).toBe('111111111111')
      expect(total(calls(aws))).toBe(2)
      expect(calls(aws)).toMatchObject({ GetFederationToken: 1, getSigninToken: 1 })
    })

    it('says why a wrong MFA code failed and takes the right one at once', async () => {
      await mustCall(options, 'sessions.forget', {})
      const popup = await browser.openPage(POPUP, POPUP_SIZE)
      await openFromPopup(popup, 'prod', { replace: kind === 'chromium' })
      await popup.waitFor('[data-testid="mfa-prompt"]')
      const good = await aws.unusedTotp(DEMO_MFA_SERIAL)
      const wrong = good === '000000' ? '111111' : '000000'
      await popup.fill('[data-testid="mfa-code"]', wrong)
      await popup.waitFor('[data-testid="mfa-error"]')
      expect(await popup.text('[data-testid="mfa-error"]')).toMatch(/code/i)
      await popup.screenshot('popup-mfa-wrong-code')
      await popup.fill('[data-testid="mfa-code"]', good)
      const prod = await consoleOf(browser, aws, popup, '444444444444')
      expect(prod.roleName).toBe('ReadOnly')
    })
  })
}
