// Issue 5 end to end: create the vault, add keys, lock and unlock in both browsers; in Chromium the unlock
// survives a stopped service worker and a browser restart locks it; afterwards no secret, passphrase or data
// key is found in any storage area (storage.session included, once locked) in raw, base64 or hex form.
import 'fake-indexeddb/auto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { randomBytes, randomInt } from 'node:crypto'
import {
  BROWSERS,
  OPTIONS,
  POPUP,
  POPUP_SIZE,
  callBackground,
  launch,
  launchChromium,
  poll,
  type ChromiumExtension,
  type ExtPage,
  type ExtensionBrowser,
} from './harness'
import type { PlaywrightPage } from './harness/chromium'
import { openRolecallDb } from '../../src/core/storage/db'
import { getBaseKey, idbVaultStore, importBackup } from '../../src/core/vault'
import { importDataKey } from '../../src/core/crypto'

const PASSPHRASE = `e2e ${randomBytes(6).toString('hex')} tangerine violin`
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
const SECRET_CHARS = `${ALNUM}abcdefghijklmnopqrstuvwxyz/+`
const pick = (chars: string, n: number) => Array.from({ length: n }, () => chars[randomInt(chars.length)]).join('')
// Fresh random keys per run, so nothing else on the page or in storage can match them by accident.
const KEYS = [
  { profile: 'e2e-admin', accessKeyId: `AKIA${pick(ALNUM, 16)}`, secretAccessKey: pick(SECRET_CHARS, 40) },
  { profile: 'e2e-dev', accessKeyId: `AKIA${pick(ALNUM, 16)}`, secretAccessKey: pick(SECRET_CHARS, 40) },
]
const PASTED = { profile: 'e2e-pasted', accessKeyId: `AKIA${pick(ALNUM, 16)}`, secretAccessKey: pick(SECRET_CHARS, 40) }
const ALL_KEYS = [...KEYS, PASTED]

const $ = (testId: string) => `[data-testid="${testId}"]`

async function createVaultInOptions(options: ExtPage) {
  await options.waitFor($('create-vault'))
  await options.fill($('create-new'), PASSPHRASE)
  await options.fill($('create-confirm'), PASSPHRASE)
  await options.click($('create-submit'))
  await options.waitFor($('keys-section'), 20_000)
}

async function addKeyInOptions(options: ExtPage, key: (typeof KEYS)[number]) {
  const form = `${$('add-key-form')} `
  await options.fill(`${form}${$('key-profile')}`, key.profile)
  await options.fill(`${form}${$('key-id')}`, key.accessKeyId)
  await options.fill(`${form}${$('key-secret')}`, key.secretAccessKey)
  await options.click(`${form}${$('key-save')}`)
  await options.waitFor(`${$('key-row')}[data-profile="${key.profile}"]`)
}

async function vaultState(page: ExtPage) {
  const reply = await callBackground(page, 'app.status', {})
  if (!reply.ok) throw new Error(reply.error.message)
  return reply.value.vault
}

/** The backup proves the keys are usable: exporting opens every record, and Node decrypts the file again. */
async function expectKeysUsable(page: ExtPage, keys = ALL_KEYS) {
  const reply = await callBackground(page, 'vault.exportBackup', {})
  if (!reply.ok) throw new Error(reply.error.message)
  const db = openRolecallDb(`e2e-check-${randomBytes(4).toString('hex')}`)
  const store = idbVaultStore(() => db)
  const opened = await importBackup(store, reply.value.text, PASSPHRASE)
  const dataKey = await importDataKey(opened.dataKey)
  for (const key of keys) {
    expect(await getBaseKey(store, dataKey, key.profile)).toEqual({
      accessKeyId: key.accessKeyId,
      secretAccessKey: key.secretAccessKey,
    })
  }
}

/** Every storage area an extension page can see, with binary values turned into hex so they can be searched. */
function dumpStorage(page: ExtPage): Promise<{ local: string; sync: string; session: string; indexedDb: string }> {
  return page.evaluate(async () => {
    type Area = { get(keys: null): Promise<Record<string, unknown>> }
    type Api = { storage: { local: Area; sync: Area; session: Area } }
    const api =
      (globalThis as unknown as { browser?: Api }).browser ?? (globalThis as unknown as { chrome: Api }).chrome
    const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
    const json = (value: unknown) =>
      JSON.stringify(value, (_k, v) => {
        if (v instanceof ArrayBuffer) return { bytes: hex(new Uint8Array(v)) }
        if (ArrayBuffer.isView(v)) return { bytes: hex(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)) }
        return v
      })
    const area = async (a: Area) => {
      try {
        return json(await a.get(null))
      } catch (error) {
        return `unavailable: ${String(error)}`
      }
    }
    const req = <T>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result)
        r.onerror = () => reject(r.error)
      })
    const names = (await indexedDB.databases()).map((d) => d.name!).filter(Boolean)
    const databases: Record<string, unknown> = {}
    for (const name of names) {
      const db = await req(indexedDB.open(name))
      const stores: Record<string, unknown> = {}
      for (const store of Array.from(db.objectStoreNames)) {
        const tx = db.transaction(store)
        stores[store] = {
          keys: await req(tx.objectStore(store).getAllKeys()),
          values: await req(tx.objectStore(store).getAll()),
        }
      }
      db.close()
      databases[name] = stores
    }
    return {
      local: await area(api.storage.local),
      sync: await area(api.storage.sync),
      session: await area(api.storage.session),
      indexedDb: json(databases),
    }
  })
}

/**
 * Stops the extension's service worker through CDP, from a session on one of its own pages (a session on
 * another page does not reach the extension's worker), and follows its running status.
 */
async function watchServiceWorker(chromium: ChromiumExtension, page: ExtPage) {
  const cdp = await chromium.context.newCDPSession((page as PlaywrightPage).page)
  const statuses: string[] = []
  cdp.on('ServiceWorker.workerVersionUpdated', (event) => {
    for (const v of event.versions) if (v.scriptURL.startsWith(chromium.baseUrl)) statuses.push(v.runningStatus)
  })
  await cdp.send('ServiceWorker.enable')
  await poll(async () => statuses.at(-1) === 'running', 10_000, 'the service worker to run')
  return {
    statuses,
    async stop() {
      await cdp.send('ServiceWorker.stopAllWorkers')
      await poll(async () => statuses.at(-1) === 'stopped', 10_000, 'the service worker to stop')
    },
    detach: () => cdp.detach(),
  }
}

function encodings(text: string): string[] {
  const bytes = Buffer.from(text, 'utf8')
  return [
    text,
    bytes.toString('base64'),
    bytes.toString('base64url'),
    bytes.toString('hex'),
    bytes.toString('hex').toUpperCase(),
  ]
}

function byteEncodings(base64: string): string[] {
  const bytes = Buffer.from(base64, 'base64')
  return [
    base64,
    bytes.toString('base64url'),
    bytes.toString('hex'),
    bytes.toString('hex').toUpperCase(),
    bytes.toString('latin1'),
  ]
}

async function expectNoSecretAnywhere(page: ExtPage, dataKeyBase64: string) {
  const dump = await dumpStorage(page)
  expect(dump.indexedDb).toContain('"secrets"') // the dump really saw the vault's stores
  expect(dump.indexedDb).toContain('rolecall-vault')
  const forbidden = [
    ...ALL_KEYS.flatMap((k) => [...encodings(k.secretAccessKey), ...encodings(k.accessKeyId)]),
    ...encodings(PASSPHRASE),
    ...byteEncodings(dataKeyBase64),
  ]
  for (const [area, text] of Object.entries(dump)) {
    for (const needle of forbidden)
      expect(text.includes(needle), `${area} holds a secret (${needle.length} chars)`).toBe(false)
  }
  expect(dump.session).not.toContain('vault.unlocked')
}

for (const kind of BROWSERS) {
  describe(`vault in ${kind}`, () => {
    let browser: ExtensionBrowser
    let options: ExtPage
    let dataKeyBase64 = ''

    beforeAll(async () => {
      browser = await launch(kind)
      options = await browser.openPage(OPTIONS)
    })
    afterAll(async () => {
      await browser?.close()
    })

    it('creates the vault and adds keys by hand and from a pasted credentials file', async () => {
      await options.waitFor($('create-vault'))
      await options.screenshot('options-vault-create-light')
      await createVaultInOptions(options)
      for (const key of KEYS) await addKeyInOptions(options, key)
      await options.click(`${$('paste-credentials')} summary`)
      await options.fill(
        $('credentials-text'),
        `[${PASTED.profile}]\naws_access_key_id = ${PASTED.accessKeyId}\naws_secret_access_key = ${PASTED.secretAccessKey}\n`,
      )
      await options.click($('credentials-import'))
      await options.waitFor(`${$('key-row')}[data-profile="${PASTED.profile}"]`)
      const table = await options.text($('keys-table'))
      for (const key of ALL_KEYS) {
        expect(table).toContain(`…${key.accessKeyId.slice(-4)}`)
        expect(table).not.toContain(key.accessKeyId)
      }
      const page = await options.evaluate(
        () =>
          document.documentElement.outerHTML +
          [...document.querySelectorAll('input, textarea')].map((e) => (e as HTMLInputElement).value).join('\n'),
      )
      for (const key of ALL_KEYS) expect(page).not.toContain(key.secretAccessKey)
      await options.screenshot('options-vault-keys-light')
      const session = await options.evaluate(async () => {
        type Api = { storage: { session: { get(k: string): Promise<Record<string, { dataKey: string }>> } } }
        const api =
          (globalThis as unknown as { browser?: Api }).browser ?? (globalThis as unknown as { chrome: Api }).chrome
        return (await api.storage.session.get('vault.unlocked'))['vault.unlocked']
      })
      dataKeyBase64 = session!.dataKey
      expect(Buffer.from(dataKeyBase64, 'base64')).toHaveLength(32)
      await expectKeysUsable(options)
    })

    it('locks from the options page, then unlocks from the popup (wrong passphrase first)', async () => {
      await options.click($('options-lock-now'))
      await options.waitFor($('options-unlock'))
      expect(await vaultState(options)).toBe('locked')
      await options.screenshot('options-vault-locked-light')
      expect(await callBackground(options, 'vault.exportBackup', {})).toMatchObject({
        ok: false,
        error: { code: 'vault-locked' },
      })

      const popup = await browser.openPage(POPUP, POPUP_SIZE)
      await popup.waitFor($('unlock-passphrase'))
      await popup.screenshot('popup-unlock-light')
      await popup.fill($('unlock-passphrase'), 'not the passphrase')
      await popup.press('Enter')
      await popup.waitFor($('unlock-error'), 20_000)
      expect(await popup.text($('unlock-error'))).toMatch(/does not unlock the vault/)
      const focus = await popup.waitForFunction(() => {
        const el = document.activeElement as HTMLInputElement | null
        return el?.id === 'unlock-passphrase' &&
          el.selectionStart === 0 &&
          el.selectionEnd === el.value.length &&
          el.value.length > 0
          ? 'kept'
          : ''
      })
      expect(focus).toBe('kept')
      await popup.screenshot('popup-unlock-wrong-passphrase')
      await popup.fill($('unlock-passphrase'), PASSPHRASE)
      await popup.press('Enter')
      await popup.waitFor('main[data-state="unlocked"]', 20_000)
      expect(await popup.count($('lock-now'))).toBe(1)
      await popup.close()
      expect(await vaultState(options)).toBe('unlocked')
      await expectKeysUsable(options)
    })

    if (kind === 'chromium') {
      it('stays unlocked, keys usable, after Chromium stops the service worker', async () => {
        const chromium = browser as ChromiumExtension
        const worker = await watchServiceWorker(chromium, options)
        await worker.stop()
        expect(worker.statuses.at(-1)).toBe('stopped')
        expect(await vaultState(options)).toBe('unlocked') // this message starts a fresh worker
        expect(worker.statuses.at(-1)).toBe('running')
        await expectKeysUsable(options)
        await worker.detach()
      })

      it('is locked after a browser restart with the same profile, and unlocks again', async () => {
        const chromium = browser as ChromiumExtension
        const userDataDir = chromium.userDataDir
        await chromium.close()
        browser = await launchChromium({ userDataDir })
        options = await browser.openPage(OPTIONS)
        expect(await vaultState(options)).toBe('locked')
        await options.waitFor($('options-unlock'))
        const keys = await callBackground(options, 'keys.list', {})
        expect(keys.ok && keys.value.keys.map((k) => k.profile)).toEqual(ALL_KEYS.map((k) => k.profile).sort())
        await options.fill($('options-unlock-passphrase'), PASSPHRASE)
        await options.click($('options-unlock-submit'))
        await options.waitFor($('keys-section'), 20_000)
        expect(await vaultState(options)).toBe('unlocked')
        await expectKeysUsable(options)
        const session = await dumpStorage(options)
        dataKeyBase64 = JSON.parse(session.session)['vault.unlocked'].dataKey
      })
    }

    it('after the journey, no secret key, passphrase or data key is stored anywhere once locked', async () => {
      expect(dataKeyBase64).not.toBe('')
      const unlocked = await dumpStorage(options)
      expect(unlocked.session).toContain(dataKeyBase64) // the scan below would see it if it stayed
      const lock = await callBackground(options, 'vault.lock', {})
      expect(lock).toMatchObject({ ok: true, value: { state: 'locked' } })
      await expectNoSecretAnywhere(options, dataKeyBase64)
    })
  })
}

/** The vault screens in dark mode, in a second browser of each kind (emulation is not available over BiDi). */
for (const kind of BROWSERS) {
  describe(`vault screens in ${kind}, dark`, () => {
    let browser: ExtensionBrowser
    beforeAll(async () => {
      browser = await launch(kind, { colorScheme: 'dark' })
    })
    afterAll(async () => {
      await browser?.close()
    })

    it('renders create, keys, locked and popup unlock in dark colours', async () => {
      const options = await browser.openPage(OPTIONS)
      await options.waitFor($('create-vault'))
      expect(await options.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(true)
      await options.screenshot('options-vault-create-dark')
      await createVaultInOptions(options)
      await addKeyInOptions(options, KEYS[0]!)
      await options.screenshot('options-vault-keys-dark')
      await options.click($('options-lock-now'))
      await options.waitFor($('options-unlock'))
      await options.screenshot('options-vault-locked-dark')
      const popup = await browser.openPage(POPUP, POPUP_SIZE)
      await popup.waitFor($('unlock-passphrase'))
      await popup.screenshot('popup-unlock-dark')
    })
  })
}
