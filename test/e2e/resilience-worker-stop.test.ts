// Issue 10, fault injection in Chromium: the service worker is stopped through CDP in the middle of a login, a
// config import, a passphrase change and a backup import. Each operation is first made provably in flight — the
// stand-in holds the login's AssumeRole; for the others an extension page keeps a read transaction open on the
// store the operation must write, so the worker sits inside the operation (it holds its Web Lock) with its write
// blocked. Then the worker is stopped. Afterwards the page's call has failed with a clear message (never hangs),
// the vault opens with the passphrase that matches what happened (all or nothing), no key, cached MFA session
// or imported profile is lost, and doing it again works.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakeAws, type FakeAws } from '../fake-aws/index'
import { DEMO_AWS_CONFIG, DEMO_MFA_SERIAL, DEMO_PASSPHRASE } from '../fake-aws/demo-org'
import {
  OPTIONS,
  POPUP,
  POPUP_SIZE,
  callBackground,
  createVaultWithDemoKey,
  launchChromium,
  mustCall,
  poll,
  seedImport,
  useFakeAws,
  type ChromiumExtension,
  type ExtPage,
} from './harness'
import { type PlaywrightPage } from './harness/chromium'
import { consolePages } from './harness/console-pages'
import type { MessageName, Reply, RequestOf } from '../../src/shared/protocol'

const CHANNEL_CLOSED = /message channel closed before a response was received/
const SECOND_PASSPHRASE = 'interrupted lantern 7 orchard'
const BACKUP_PASSPHRASE = 'backup meadow 42 compass'

type Settled<N extends MessageName> = { reply: Reply<N> } | { error: string }

/** Starts a call and returns it settled either way, and whether it has settled yet. */
function start<N extends MessageName>(page: ExtPage, name: N, request: RequestOf<N>) {
  const state = { settled: false }
  const result: Promise<Settled<N>> = callBackground(page, name, request)
    .then(
      (reply) => ({ reply }),
      (error: unknown) => ({ error: String(error) }),
    )
    .finally(() => {
      state.settled = true
    })
  return { result, state }
}

/**
 * Keeps a read transaction open on `stores` from an extension page. IndexedDB starts a write transaction only
 * after every earlier overlapping one has finished, so the background reads on but cannot write until release.
 */
async function holdStores(page: ExtPage, stores: string[]) {
  await page.evaluate(async (names) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('rolecall')
      open.onsuccess = () => resolve(open.result)
      open.onerror = () => reject(open.error)
    })
    const tx = db.transaction(names, 'readonly')
    const g = globalThis as unknown as { __releaseHold?: () => Promise<void> }
    let holding = true
    // A transaction stays alive while it has requests: keep asking until released.
    const again = () => {
      if (holding) tx.objectStore(names[0]!).count().onsuccess = again
    }
    again()
    const done = new Promise<void>((resolve) => {
      tx.oncomplete = () => resolve()
      tx.onabort = () => resolve()
    })
    g.__releaseHold = async () => {
      holding = false
      await done
      db.close()
    }
  }, stores)
  return {
    release: () =>
      page.evaluate(async () => (globalThis as unknown as { __releaseHold: () => Promise<void> }).__releaseHold()),
  }
}

/**
 * Stops the worker through CDP from a page that is already open and quiet (the harness's stopServiceWorker
 * opens a popup, whose first message can start the worker again right after the stop). Proves it was running
 * when stopped and that it then reached "stopped".
 */
async function stopWorker(browser: ChromiumExtension, on: ExtPage): Promise<void> {
  const cdp = await browser.context.newCDPSession((on as PlaywrightPage).page)
  const statuses: string[] = []
  cdp.on('ServiceWorker.workerVersionUpdated', (event) => {
    for (const v of event.versions) if (v.scriptURL.startsWith(browser.baseUrl)) statuses.push(v.runningStatus)
  })
  await cdp.send('ServiceWorker.enable')
  await poll(async () => statuses.length > 0, 10_000, "the service worker's status")
  expect(statuses.at(-1)).toBe('running')
  const from = statuses.length
  await cdp.send('ServiceWorker.stopAllWorkers')
  await poll(async () => statuses.slice(from).includes('stopped'), 10_000, 'the service worker to stop')
  await cdp.detach()
}

/** Whether a context other than this page holds the Web Lock (the background, inside the operation). */
async function backgroundHolds(page: ExtPage, lock: string): Promise<boolean> {
  return page.evaluate(
    async (name) => (await navigator.locks.query()).held?.some((l) => l.name === name) ?? false,
    `rolecall:${lock}`,
  )
}

describe('the service worker stopped mid-operation (Chromium)', () => {
  let aws: FakeAws
  let browser: ChromiumExtension
  let options: ExtPage
  let holder: ExtPage
  let passphrase = DEMO_PASSPHRASE

  beforeAll(async () => {
    aws = await startFakeAws({ testApi: true })
    browser = await launchChromium({ aws })
    options = await browser.openPage(OPTIONS)
    holder = await browser.openPage(OPTIONS)
    await createVaultWithDemoKey(options)
    await useFakeAws(options)
    await seedImport(options, DEMO_AWS_CONFIG)
  })
  afterAll(async () => {
    await browser?.close()
    await aws?.close()
  })

  /** The operation runs inside the background (it holds `lock`), blocked at its write; then the worker stops. */
  async function stopMidway<N extends MessageName>(name: N, request: RequestOf<N>, lock: string, stores: string[]) {
    const hold = await holdStores(holder, stores)
    const call = start(options, name, request)
    await poll(() => backgroundHolds(holder, lock), 10_000, `the background to be inside ${name}`)
    // Still running: its write waits for the held stores.
    await new Promise((r) => setTimeout(r, 500))
    expect(call.state.settled).toBe(false)
    await stopWorker(browser, holder)
    const outcome = await call.result
    await hold.release()
    expect(outcome).toMatchObject({ error: expect.stringMatching(CHANNEL_CLOSED) })
  }

  /** The same operation held the same way, but let through: proves the hold stops it mid-way, and retries it. */
  async function runHeldThenReleased<N extends MessageName>(
    name: N,
    request: RequestOf<N>,
    lock: string,
    stores: string[],
  ) {
    const hold = await holdStores(holder, stores)
    const call = start(options, name, request)
    await poll(() => backgroundHolds(holder, lock), 10_000, `the background to be inside ${name}`)
    await new Promise((r) => setTimeout(r, 300))
    expect(call.state.settled).toBe(false)
    await hold.release()
    const outcome = await call.result
    if (!('reply' in outcome) || !outcome.reply.ok)
      throw new Error(`${name} failed on retry: ${JSON.stringify(outcome)}`)
    return outcome.reply.value
  }

  async function expectVaultOpensWith(right: string, wrong: string) {
    await mustCall(options, 'vault.lock', {})
    const refused = await callBackground(options, 'vault.unlock', { passphrase: wrong })
    expect(refused).toMatchObject({ ok: false, error: { code: 'wrong-passphrase' } })
    await mustCall(options, 'vault.unlock', { passphrase: right })
    // Every record decrypts: the backup export opens each base key.
    expect((await mustCall(options, 'vault.exportBackup', {})).text).toContain('"records"')
  }

  it('a login stopped at its AssumeRole: the popup says what to retry, the MFA session is kept, nothing is half-tracked', async () => {
    const fault = aws.injectFault({ action: 'AssumeRole', kind: 'hold' })
    aws.resetCounts()
    const popup = await browser.openPage(POPUP, POPUP_SIZE)
    await popup.fill('[data-testid="profile-filter"]', 'dev')
    await popup.waitForFunction(() => document.querySelectorAll('[data-testid="profile-row"]').length > 0)
    await popup.press('Enter')
    await popup.waitFor('[data-testid="mfa-prompt"]')
    await popup.fill('[data-testid="mfa-code"]', await aws.unusedTotp(DEMO_MFA_SERIAL))
    await fault.hit()
    // In flight: the code went to GetSessionToken, the AssumeRole waits at the stand-in, the popup is busy.
    expect(fault.hits).toBe(1)
    expect(aws.counts()).toMatchObject({ GetSessionToken: 1, getSigninToken: 0 })
    expect(await popup.text('[data-testid="mfa-prompt"]')).toContain('Signing in…')

    await stopWorker(browser, holder)
    await popup.waitFor('[data-testid="login-message"]')
    expect(await popup.text('[data-testid="login-message"]')).toBe(
      "The browser stopped Rolecall's background before it finished signing in with your MFA code. Try again.",
    )
    // Not stuck: no "Signing in…", no prompt for a code that was already spent.
    await popup.waitForFunction(
      () =>
        !document.body.textContent?.includes('Signing in…') && !document.querySelector('[data-testid="mfa-prompt"]'),
    )
    await popup.screenshot('resilience-login-interrupted')
    fault.release()

    expect(await mustCall(options, 'sessions.list', {})).toMatchObject({ sessions: [] })
    expect((await mustCall(options, 'login.pending', {})).prompts).toEqual([])
    expect(await consolePages(browser, aws)).toEqual([])
    expect((await mustCall(options, 'app.status', {})).vault).toBe('unlocked')

    // Retry from the popup: the cached MFA session serves it, no code is asked, one console opens.
    aws.resetCounts()
    await popup.fill('[data-testid="profile-filter"]', 'dev')
    await popup.waitForFunction(() => document.querySelectorAll('[data-testid="profile-row"]').length > 0)
    await popup.press('Enter')
    const dev = await poll(
      async () => (await consolePages(browser, aws)).find((p) => p.signedIn),
      15_000,
      'the dev console',
    )
    expect(dev).toMatchObject({ account: '222222222222', roleName: 'Developer' })
    expect(aws.counts()).toMatchObject({ GetSessionToken: 0, AssumeRole: 1, getSigninToken: 1 })
    expect(await popup.count('[data-testid="mfa-prompt"]')).toBe(0)
    const { sessions } = await mustCall(options, 'sessions.list', {})
    expect(sessions.map((s) => [s.profile, s.tabIds.length])).toEqual([['dev', 1]])
    expect(await consolePages(browser, aws)).toHaveLength(1)
    await popup.close()
  })

  it('a config import stopped before its write keeps the old import whole; importing again works', async () => {
    const before = await mustCall(options, 'config.stored', {})
    const profilesBefore = (await mustCall(options, 'config.profiles', {})).profiles.map((p) => p.name)
    expect(profilesBefore).toHaveLength(6)
    const text = `${DEMO_AWS_CONFIG}\n[profile added-by-import]\nsource_profile = identity\nrole_arn = arn:aws:iam::222222222222:role/Developer\n`
    const basedOn = before.importedAt ?? 0
    await stopMidway('config.apply', { text, basedOn }, 'config-import', ['config'])

    expect(await mustCall(options, 'config.stored', {})).toEqual(before)
    expect((await mustCall(options, 'config.profiles', {})).profiles.map((p) => p.name)).toEqual(profilesBefore)
    expect((await mustCall(options, 'profiles.list', {})).profiles).toHaveLength(6)
    expect((await mustCall(options, 'keys.list', {})).keys.map((k) => k.profile)).toEqual(['identity'])

    const applied = await runHeldThenReleased('config.apply', { text, basedOn }, 'config-import', ['config'])
    expect(applied.profileCount).toBe(7)
    expect((await mustCall(options, 'profiles.list', {})).profiles.map((p) => p.name)).toContain('added-by-import')
  })

  it('a passphrase change stopped before its write leaves the old passphrase working; changing again works', async () => {
    await stopMidway(
      'vault.changePassphrase',
      { oldPassphrase: passphrase, newPassphrase: SECOND_PASSPHRASE },
      'vault',
      ['vault', 'secrets', 'keyMeta'],
    )
    await expectVaultOpensWith(passphrase, SECOND_PASSPHRASE)
    expect((await mustCall(options, 'keys.list', {})).keys.map((k) => k.profile)).toEqual(['identity'])

    await runHeldThenReleased(
      'vault.changePassphrase',
      { oldPassphrase: passphrase, newPassphrase: SECOND_PASSPHRASE },
      'vault',
      ['vault', 'secrets', 'keyMeta'],
    )
    await expectVaultOpensWith(SECOND_PASSPHRASE, passphrase)
    passphrase = SECOND_PASSPHRASE
  })

  it('a backup import stopped before its write leaves the vault as it was; importing again replaces it whole', async () => {
    // A backup with one more key under another passphrase, made in this browser; then the vault goes back.
    await mustCall(options, 'keys.put', {
      profile: 'from-backup',
      accessKeyId: 'AKIAFROMBACKUP000001',
      secretAccessKey: 'FromBackupSecret/NotForRealUse+000000001',
    })
    await mustCall(options, 'vault.changePassphrase', { oldPassphrase: passphrase, newPassphrase: BACKUP_PASSPHRASE })
    const backup = (await mustCall(options, 'vault.exportBackup', {})).text
    await mustCall(options, 'vault.changePassphrase', { oldPassphrase: BACKUP_PASSPHRASE, newPassphrase: passphrase })
    await mustCall(options, 'keys.delete', { profile: 'from-backup' })

    await stopMidway('vault.importBackup', { text: backup, passphrase: BACKUP_PASSPHRASE }, 'vault', [
      'vault',
      'secrets',
      'keyMeta',
    ])
    await expectVaultOpensWith(passphrase, BACKUP_PASSPHRASE)
    expect((await mustCall(options, 'keys.list', {})).keys.map((k) => k.profile)).toEqual(['identity'])
    // The imported config is not part of the vault: untouched.
    expect((await mustCall(options, 'profiles.list', {})).profiles).toHaveLength(7)

    const imported = await runHeldThenReleased(
      'vault.importBackup',
      { text: backup, passphrase: BACKUP_PASSPHRASE },
      'vault',
      ['vault', 'secrets', 'keyMeta'],
    )
    expect(imported.keys.map((k) => k.profile).sort()).toEqual(['from-backup', 'identity'])
    await expectVaultOpensWith(BACKUP_PASSPHRASE, passphrase)
  })
})
