// Issue 15: where credentials go changes only with the vault unlocked (and, for endpoints, the passphrase
// typed again). At a locked browser, endpoint, settings, auto-lock and config changes are refused with a
// message that says to unlock. An edit of the endpoints in storage.local behind Rolecall's back is detected:
// after unlock the popup says so, and a login sends nothing anywhere (a second local server, which the test
// build may reach, records no request; the stand-in counts no call). Saved again with the passphrase, the
// endpoints work, and still nothing goes to the second server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakeAws, type FakeAws } from '../fake-aws/index'
import { DEMO_AWS_CONFIG, DEMO_MFA_SERIAL, DEMO_PASSPHRASE } from '../fake-aws/demo-org'
import {
  BROWSERS,
  OPTIONS,
  POPUP,
  POPUP_SIZE,
  callBackground,
  createVaultWithDemoKey,
  launch,
  mustCall,
  poll,
  seedImport,
  startWebServer,
  useFakeAws,
  type ExtPage,
  type ExtensionBrowser,
} from './harness'

type StorageApi = {
  storage: {
    local: {
      get(k: string): Promise<Record<string, unknown>>
      set(v: object): Promise<void>
      remove(k: string): Promise<void>
    }
  }
}

const awsCalls = (aws: FakeAws) => Object.values(aws.counts()).reduce((a, b) => a + b, 0)

/** What someone with DevTools at a locked browser can do: rewrite the stored endpoints. */
async function editStoredEndpoints(page: ExtPage, url: string): Promise<void> {
  await page.evaluate(async (target) => {
    const g = globalThis as unknown as { browser?: StorageApi; chrome?: StorageApi }
    const local = (g.browser ?? g.chrome)!.storage.local
    const stored = (await local.get('settings')) as { settings?: { endpoints?: Record<string, string> } }
    const settings = stored.settings ?? {}
    settings.endpoints = { ...settings.endpoints, stsEndpoint: target, signinEndpoint: `${target}federation` }
    await local.set({ settings })
  }, url)
}

async function expectRefused(
  page: ExtPage,
  reply: Promise<{ ok: boolean; error?: { code: string; message: string } }>,
  code: string,
  words: RegExp,
) {
  const r = await reply
  expect(r.ok).toBe(false)
  expect(r.error?.code).toBe(code)
  expect(r.error?.message).toMatch(words)
  void page
}

for (const kind of BROWSERS) {
  describe(`changes that decide where credentials go, in ${kind}`, () => {
    let aws: FakeAws
    let browser: ExtensionBrowser
    let options: ExtPage
    let trap: Awaited<ReturnType<typeof startWebServer>>

    beforeAll(async () => {
      aws = await startFakeAws({ testApi: true })
      trap = await startWebServer()
      browser = await launch(kind, { aws })
      options = await browser.openPage(OPTIONS)
      await createVaultWithDemoKey(options)
      await useFakeAws(options)
      await seedImport(options, DEMO_AWS_CONFIG)
    })
    afterAll(async () => {
      await browser?.close()
      await aws?.close()
      await trap?.close()
    })

    it('refuses endpoint, settings, auto-lock and config changes while locked, saying to unlock', async () => {
      await mustCall(options, 'vault.lock', {})
      const endpoints = { stsEndpoint: trap.url, signinEndpoint: `${trap.url}federation`, consoleBase: '' }
      await expectRefused(
        options,
        callBackground(options, 'settings.setEndpoints', { endpoints, passphrase: DEMO_PASSPHRASE }),
        'vault-locked',
        /Unlock Rolecall first/,
      )
      await expectRefused(
        options,
        callBackground(options, 'settings.set', { patch: { mfaSessionHours: 36 } }),
        'vault-locked',
        /Unlock Rolecall first/,
      )
      await expectRefused(
        options,
        callBackground(options, 'vault.settings.set', { autoLockMinutes: 1440 }),
        'vault-locked',
        /Unlock Rolecall first/,
      )
      const text = DEMO_AWS_CONFIG.replace(
        'arn:aws:iam::222222222222:role/Developer',
        'arn:aws:iam::999999999999:role/Other',
      )
      const basedOn = (await mustCall(options, 'config.stored', {})).importedAt ?? 0
      await expectRefused(
        options,
        callBackground(options, 'config.apply', { text, basedOn }),
        'vault-locked',
        /Unlock Rolecall first/,
      )
      // Nothing changed.
      const settings = await mustCall(options, 'settings.get', {})
      expect(settings.endpoints).toEqual({})
      expect(settings.mfaSessionHours).toBe(12)
      expect((await mustCall(options, 'vault.settings.get', {})).autoLockMinutes).toBe(15)
      expect(
        (await mustCall(options, 'config.profiles', {})).profiles.find((p) => p.name === 'dev')?.roleArn,
      ).toContain('222222222222')

      // The same refusal, as a person meets it in the options page.
      const page = await browser.openPage(OPTIONS)
      // An STS host the store build holds at install, so the browser grants it without a prompt and the save
      // reaches the background (a loopback host would first need the person to accept a permission prompt).
      await page.fill('[data-testid="sts-endpoint"]', 'https://sts.us-east-2.amazonaws.com')
      await page.fill('[data-testid="endpoints-passphrase"]', DEMO_PASSPHRASE)
      await page.click('[data-testid="save-endpoints"]')
      await page.waitForFunction(() =>
        document
          .querySelector('[data-testid="endpoints-form"] [role="alert"]')
          ?.textContent?.includes('Unlock Rolecall first'),
      )
      await page.screenshot(`${kind}-options-endpoints-locked`)
      await page.close()
    })

    it('needs the passphrase typed again to change the endpoints', async () => {
      await mustCall(options, 'vault.unlock', { passphrase: DEMO_PASSPHRASE })
      const endpoints = { stsEndpoint: trap.url, signinEndpoint: `${trap.url}federation`, consoleBase: '' }
      await expectRefused(
        options,
        callBackground(options, 'settings.setEndpoints', { endpoints, passphrase: 'not the passphrase' }),
        'wrong-passphrase',
        /passphrase/,
      )
      await expectRefused(
        options,
        callBackground(options, 'settings.set', { patch: { endpoints } } as never),
        'bad-request',
        /passphrase/,
      )
      expect((await mustCall(options, 'settings.get', {})).endpoints).toEqual({})
    })

    it('detects endpoints edited in storage.local: the popup says so and a login sends nothing anywhere', async () => {
      await mustCall(options, 'vault.lock', {})
      await editStoredEndpoints(options, trap.url)
      await mustCall(options, 'vault.unlock', { passphrase: DEMO_PASSPHRASE })
      aws.resetCounts()
      trap.requests.length = 0

      const model = await mustCall(options, 'popup.model', {})
      expect(model.endpoints).toMatchObject({ stsEndpoint: trap.url.replace(/\/$/, ''), authentic: false })
      const popup = await browser.openPage(POPUP, POPUP_SIZE)
      await popup.waitFor('[data-testid="endpoint-notice"]')
      expect(await popup.text('[data-testid="endpoint-notice"]')).toContain('changed outside Rolecall')
      await popup.screenshot(`${kind}-popup-endpoints-tampered`)
      await popup.close()

      await expectRefused(
        options,
        callBackground(options, 'login.open', { profile: 'dev', newTab: false, replace: true }),
        'tampered',
        /changed outside Rolecall/,
      )
      await expectRefused(
        options,
        callBackground(options, 'login.signinUrl', { profile: 'identity' }),
        'tampered',
        /changed outside Rolecall/,
      )
      await new Promise((r) => setTimeout(r, 500))
      expect(trap.requests).toEqual([])
      expect(awsCalls(aws)).toBe(0)
      expect((await mustCall(options, 'login.pending', {})).prompts).toEqual([])
    })

    it('works again once the endpoints are cleared with the passphrase, and still sends nothing elsewhere', async () => {
      const cleared = { stsEndpoint: '', signinEndpoint: '', consoleBase: '' }
      await mustCall(options, 'settings.setEndpoints', { endpoints: cleared, passphrase: DEMO_PASSPHRASE })
      await useFakeAws(options)
      const model = await mustCall(options, 'popup.model', {})
      expect(model.endpoints).toBeUndefined()
      const outcome = await mustCall(options, 'login.open', { profile: 'dev', newTab: false, replace: true })
      expect(outcome.status).toBe('needs-mfa')
      if (outcome.status === 'needs-mfa') {
        const [opened] = (
          await mustCall(options, 'login.submitMfa', {
            promptId: outcome.prompt.id,
            code: await aws.unusedTotp(outcome.prompt.deviceSerial),
          })
        ).outcomes
        expect(opened?.status).toBe('opened')
      }
      await poll(async () => aws.counts().getSigninToken > 0 || undefined, 10_000, 'the sign-in at the stand-in')
      expect(trap.requests).toEqual([])
    })

    it('refuses a login in a region newer than the build before any prompt or call, saying why', async () => {
      // The store build holds a host permission for each STS region it knows; eu-east-9 is none of them.
      const far = `[profile far]\nsource_profile = identity\nrole_arn = arn:aws:iam::222222222222:role/Developer\nmfa_serial = ${DEMO_MFA_SERIAL}\nregion = eu-east-9\n`
      await seedImport(options, `${DEMO_AWS_CONFIG}\n${far}`)
      // No cached MFA session: a login that went ahead would ask for a code first.
      await mustCall(options, 'sessions.forget', {})
      aws.resetCounts()
      const why = /"far".*eu-east-9.*sts\.eu-east-9\.amazonaws\.com and sent nothing.*Custom endpoints/
      await expectRefused(
        options,
        callBackground(options, 'login.open', { profile: 'far', newTab: false, replace: true }),
        'permission-missing',
        why,
      )
      // As a person meets it: a click on the profile in the popup.
      const popup = await browser.openPage(POPUP, POPUP_SIZE)
      await popup.waitFor('[data-testid="profile-row"][data-profile="far"]')
      await popup.click('[data-testid="profile-row"][data-profile="far"] .main')
      // Chromium's one cookie jar holds dev's console from the test before: it asks first whether to replace it.
      const first = await popup.waitForFunction(() =>
        document
          .querySelector('[data-testid="login-message"], [data-testid="confirm-replace"]')
          ?.getAttribute('data-testid'),
      )
      if (first === 'confirm-replace') await popup.click('[data-testid="confirm-open"]')
      await popup.waitFor('[data-testid="login-message"]')
      expect(await popup.text('[data-testid="login-message"]')).toMatch(why)
      await popup.screenshot(`${kind}-popup-unlisted-region`)
      await popup.close()
      expect(awsCalls(aws)).toBe(0)
      expect(aws.hostsSeen().served).not.toContain('sts.eu-east-9.amazonaws.com')
      expect((await mustCall(options, 'login.pending', {})).prompts).toEqual([])
    })

    it('refuses Identity Center in a region newer than the build, from a profile or added by hand', async () => {
      const newer = 'eu-east-9'
      const far = `[sso-session far]\nsso_start_url = https://d-far.awsapps.com/start\nsso_region = ${newer}\n\n[profile far-sso]\nsso_session = far\nsso_account_id = 222222222222\nsso_role_name = AdministratorAccess\nregion = eu-west-1\n`
      await seedImport(options, `${DEMO_AWS_CONFIG}\n${far}`)
      aws.resetCounts()
      const why = new RegExp(`${newer}.*oidc\\.${newer}\\.amazonaws\\.com and sent nothing`)
      await expectRefused(
        options,
        callBackground(options, 'login.open', { profile: 'far-sso', newTab: false, replace: true }),
        'permission-missing',
        why,
      )
      // By hand, in the options page's Identity Center section, as a person adds a start URL.
      const page = await browser.openPage(OPTIONS)
      await page.fill('[data-testid="sso-add"] input[placeholder^="https://"]', 'https://d-other.awsapps.com/start')
      await page.fill('[data-testid="sso-add"] input[placeholder="eu-west-1"]', newer)
      await page.click('[data-testid="sso-add"] button[type="submit"]')
      await page.waitFor('[data-testid="sso-message"]')
      expect(await page.text('[data-testid="sso-message"]')).toMatch(why)
      expect(await page.count('[data-testid="sso-row"][data-start-url="https://d-other.awsapps.com/start"]')).toBe(0)
      await page.close()
      expect(awsCalls(aws)).toBe(0)
      expect(aws.hostsSeen().served.filter((host) => host.includes(newer))).toEqual([])
    })
  })
}
