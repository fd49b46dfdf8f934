// Issue 10 in real browsers: a web page, a content script and another extension cannot reach a background
// handler; malformed and hostile messages are refused with typed errors, the background keeps answering and
// nothing stored changes; and no secret is stored anywhere it must not be (storage.session only while unlocked).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { randomBytes, randomInt } from 'node:crypto'
import {
  BROWSERS,
  OPTIONS,
  callBackground,
  launchChromium,
  launchFirefox,
  poll,
  startWebServer,
  type ChromiumExtension,
  type ExtPage,
  type ExtensionBrowser,
  type FirefoxExtension,
} from './harness'
import { PlaywrightPage } from './harness/chromium'
import { GECKO_ID } from './harness/firefox'
import {
  dumpExtensionStorage,
  dumpSessionStorage,
  dumpSessionStorageFromPage,
  findSecrets,
  type StorageDump,
} from './harness/secret-scan'
import { PROBE_PAGE, secondExtensionDir } from './harness/second-extension'
import { messageCatalog } from '../unit/security/message-catalog'
import { hostileCases, installHostileBuilder, judge, type ReplySummary } from '../unit/security/hostile-requests'

const PASSPHRASE = `security ${randomBytes(6).toString('hex')} walnut harbour`
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
const pick = (chars: string, n: number) => Array.from({ length: n }, () => chars[randomInt(chars.length)]).join('')
const KEY = {
  profile: 'security-e2e',
  accessKeyId: `AKIA${pick(ALNUM, 16)}`,
  secretAccessKey: pick(`${ALNUM}abcdefghijklmnopqrstuvwxyz/+`, 40),
}
const STRICT_CSP = "script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"

type Api = {
  runtime: { sendMessage(...args: unknown[]): Promise<unknown>; getManifest(): Record<string, unknown> }
  tabs: {
    create(o: { url: string; active?: boolean }): Promise<{ id: number }>
    get(id: number): Promise<{ status?: string; url?: string }>
    remove(id: number): Promise<void>
  }
}

async function ok<T>(reply: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const r = await reply
  if (!r.ok) throw new Error(r.error.message)
  return r.value
}

/** The foreign extension's own page (it opens it when installed). */
async function findProbePage(browser: ExtensionBrowser): Promise<ExtPage> {
  const isProbe = (url: string) => url.endsWith(`/${PROBE_PAGE}`) && !url.startsWith(browser.baseUrl)
  if (browser.name === 'chromium') {
    const context = (browser as ChromiumExtension).context
    return new PlaywrightPage(
      await poll(async () => context.pages().find((p) => isProbe(p.url())), 15_000, "the other extension's page"),
    )
  }
  // Puppeteer does not follow navigations an extension starts (its page still says about:blank): find the URL
  // in BiDi's tree of browsing contexts, then open the page again ourselves.
  const firefox = browser as FirefoxExtension
  const url = await poll(
    async () => (await firefox.tabsWithUserContexts()).map((t) => t.url).find(isProbe),
    15_000,
    "the other extension's page",
  )
  return firefox.openPage(url)
}

for (const kind of BROWSERS) {
  describe(`security in ${kind}`, () => {
    let browser: ExtensionBrowser
    let options: ExtPage
    let probe: ExtPage
    let web: Awaited<ReturnType<typeof startWebServer>>
    let rolecallId: string

    beforeAll(async () => {
      web = await startWebServer()
      if (kind === 'chromium') {
        const chromium = await launchChromium({ extraExtensions: [secondExtensionDir('chromium')] })
        browser = chromium
        rolecallId = chromium.extensionId
      } else {
        const firefox = await launchFirefox()
        await firefox.browser.installExtension(secondExtensionDir('firefox'))
        browser = firefox
        rolecallId = GECKO_ID
      }
      options = await browser.openPage(OPTIONS)
      await ok(callBackground(options, 'vault.create', { passphrase: PASSPHRASE }))
      await ok(callBackground(options, 'keys.put', KEY))
      probe = await findProbePage(browser)
    })
    afterAll(async () => {
      await browser?.close()
      await web?.close()
    })

    it('runs with a manifest that opens no door: no external messaging, no web-accessible files, strict CSP', async () => {
      const manifest = await options.evaluate(() => {
        const g = globalThis as unknown as { browser?: Api; chrome?: Api }
        return (g.browser ?? g.chrome)!.runtime.getManifest()
      })
      // Firefox reports absent keys of its normalised manifest as null.
      for (const key of ['externally_connectable', 'web_accessible_resources', 'content_scripts'])
        expect(manifest[key] ?? null, key).toBeNull()
      expect((manifest.content_security_policy as { extension_pages: string }).extension_pages).toBe(STRICT_CSP)
    })

    it("a web page cannot reach the background, nor fetch the extension's files", async () => {
      const page = await browser.openPage(web.url)
      const result = await page.evaluate(
        async ({ id, base }) => {
          const g = globalThis as unknown as { browser?: Api; chrome?: Api }
          let send: string
          try {
            await (g.browser ?? g.chrome)!.runtime.sendMessage(id, { rolecall: 1, name: 'app.status', request: {} })
            send = 'delivered'
          } catch (error) {
            send = `refused: ${(error as Error).name}`
          }
          let fetched: string
          try {
            fetched = `read ${(await (await fetch(`${base}manifest.json`)).text()).length} characters`
          } catch (error) {
            fetched = `refused: ${(error as Error).name}`
          }
          return { runtime: typeof (g.browser ?? g.chrome)?.runtime?.sendMessage, send, fetched }
        },
        { id: rolecallId, base: browser.baseUrl },
      )
      // Without externally_connectable, Chromium does not even give a web page chrome.runtime.sendMessage.
      expect(result).toEqual({ runtime: 'undefined', send: 'refused: TypeError', fetched: 'refused: TypeError' })
      await page.close()
    })

    it('no content script can speak for Rolecall: it declares none and cannot inject one', async () => {
      // The store build has no scripting permission and no content_scripts, so no code of Rolecall's runs in a web
      // page: the background hears only its own pages. (Its refusal of a content script's sender, should one ever
      // exist, is covered by test/unit/background/router.test.ts.)
      const powers = await options.evaluate(() => {
        type Powers = { scripting?: unknown; tabs: { executeScript?: unknown }; runtime: Api['runtime'] }
        const g = globalThis as unknown as { browser?: Powers; chrome?: Powers }
        const api = (g.browser ?? g.chrome)!
        return {
          scripting: typeof api.scripting,
          executeScript: typeof api.tabs.executeScript,
          contentScripts: api.runtime.getManifest().content_scripts ?? null,
        }
      })
      expect(powers).toEqual({ scripting: 'undefined', executeScript: 'undefined', contentScripts: null })
      // A web page Rolecall's own page opens stays a web page: no extension API reaches it.
      const page = await browser.openPage(web.url)
      expect(
        await page.evaluate(() => {
          const g = globalThis as unknown as { browser?: { storage?: unknown }; chrome?: { storage?: unknown } }
          return typeof (g.browser ?? g.chrome)?.storage
        }),
      ).toBe('undefined')
      await page.close()
      expect(await callBackground(options, 'app.status', {})).toMatchObject({ ok: true, value: { vault: 'unlocked' } })
    })

    it('another extension is refused, from its page and from its background', async () => {
      const payloads = [
        { rolecall: 1, name: 'app.status', request: {} },
        { rolecall: 1, name: 'keys.list', request: {} },
        { rolecall: 1, name: 'vault.exportBackup', request: {} },
        { rolecall: 1, name: 'vault.lock', request: {} },
      ]
      const results = await probe.evaluate(
        async ({ target, payloads }) => {
          const g = globalThis as unknown as { browser?: Api; chrome?: Api }
          const api = (g.browser ?? g.chrome)!
          const out: Array<{ from: string; reply?: unknown; error?: string }> = []
          // From this extension's page directly, then through its background (no permission needed for either).
          for (const payload of payloads) {
            try {
              out.push({ from: 'page', reply: await api.runtime.sendMessage(target, payload) })
            } catch (error) {
              out.push({ from: 'page', error: String((error as Error).message ?? error) })
            }
            out.push({
              from: 'background',
              ...((await api.runtime.sendMessage({ probe: { target, payload } })) as object),
            })
          }
          return out
        },
        { target: rolecallId, payloads },
      )
      expect(results).toHaveLength(payloads.length * 2)
      // Both browsers deliver another extension's message to onMessageExternal, where the router refuses it.
      for (const result of results) {
        expect(result, result.from).toMatchObject({
          reply: { ok: false, error: { code: 'forbidden-sender', message: expect.stringMatching(/other extensions/) } },
        })
      }
      // The refused "vault.lock" did nothing.
      expect(await callBackground(options, 'app.status', {})).toMatchObject({ ok: true, value: { vault: 'unlocked' } })
    })

    it('refuses malformed and hostile messages with typed errors, keeps answering, and changes nothing stored', async () => {
      // Every case; 20 MB payloads (a browser IPC round of 20 MB each, ~0.3 s) only at the envelope and in one
      // field per domain here: the unit suite sends them to every handler.
      const catalog = messageCatalog()
      const hugeFor = [...new Set(catalog.map((m) => m.domain))].map(
        (domain) => catalog.find((m) => m.domain === domain && m.fields.some((f) => f.kind === 'string'))?.name,
      )
      const keepHuge = new Set<string | undefined>([undefined, ...hugeFor])
      const cases = hostileCases(catalog).filter(
        (c) => !/20 MB/.test(c.label) || (keepHuge.has(c.name) && !/as the request/.test(c.label)),
      )
      const before = await dumpExtensionStorage(options)
      const prototypeBefore = kind === 'chromium' ? await backgroundPrototype(browser as ChromiumExtension) : undefined
      await options.evaluate(installHostileBuilder)
      const replies = await options.evaluate(
        async (recipesJson) => {
          type Reply = { ok?: unknown; error?: { code?: unknown; message?: unknown } }
          const g = globalThis as unknown as {
            browser?: Api
            chrome?: Api
            __rolecallBuildHostile: (recipe: unknown) => unknown
          }
          const api = (g.browser ?? g.chrome)!
          const out: Array<{ ok?: boolean; code?: string; message?: string; sendError?: string }> = []
          for (const recipe of JSON.parse(recipesJson) as unknown[]) {
            try {
              const reply = (await api.runtime.sendMessage(g.__rolecallBuildHostile(recipe))) as Reply | undefined
              if (reply?.ok === true) out.push({ ok: true })
              else if (reply?.ok === false)
                out.push({ ok: false, code: String(reply.error?.code), message: String(reply.error?.message) })
              else out.push({ message: `not a Rolecall reply: ${JSON.stringify(reply)?.slice(0, 100)}` })
            } catch (error) {
              out.push({ sendError: String((error as Error)?.message ?? error).slice(0, 200) })
            }
          }
          return out
          // As JSON: puppeteer's BiDi serialiser refuses objects with keys like "constructor".
        },
        JSON.stringify(cases.map((c) => c.message)),
      )
      const problems = cases.flatMap((c, i) => {
        const problem = judge(c, replies[i] as ReplySummary)
        return problem ? [`${c.label}: ${problem}`] : []
      })
      expect(problems).toEqual([])
      expect(replies.filter((r) => r.ok === false).length).toBeGreaterThan(cases.length / 2)
      expect(await callBackground(options, 'app.status', {})).toMatchObject({ ok: true })
      expect(sorted(await dumpExtensionStorage(options))).toEqual(sorted(before))
      if (prototypeBefore) expect(await backgroundPrototype(browser as ChromiumExtension)).toEqual(prototypeBefore)
    })

    it('stores no secret: none in storage.local, storage.sync or IndexedDB, and none in storage.session once locked', async () => {
      if ((await ok(callBackground(options, 'app.status', {}))).vault !== 'unlocked')
        await ok(callBackground(options, 'vault.unlock', { passphrase: PASSPHRASE }))
      const session = async (): Promise<StorageDump> =>
        kind === 'chromium' ? dumpSessionStorage(browser as ChromiumExtension) : dumpSessionStorageFromPage(options)
      const unlocked = await session()
      const dataKeyBase64 = JSON.parse(unlocked.find((e) => e.where === 'storage.session › vault.unlocked')!.text)
        .dataKey as string
      const dataKey = new Uint8Array(Buffer.from(dataKeyBase64, 'base64'))
      expect(dataKey).toHaveLength(32)
      // The scan sees the data key where it is meant to be while unlocked: proof that it would see it elsewhere.
      expect(findSecrets(unlocked, [dataKey]).map((f) => f.where)).toEqual(['storage.session › vault.unlocked'])
      const secrets = [PASSPHRASE, KEY.secretAccessKey, KEY.accessKeyId, dataKey]
      const stored = await dumpExtensionStorage(options)
      expect(stored.some((e) => e.where.startsWith('indexedDB › rolecall › secrets ›'))).toBe(true)
      expect(findSecrets(stored, secrets)).toEqual([])
      await ok(callBackground(options, 'vault.lock', {}))
      expect(findSecrets(await session(), secrets)).toEqual([])
      expect(findSecrets(await dumpExtensionStorage(options), secrets)).toEqual([])
    })
  })
}

/** Object.prototype as the background sees it (Chromium: evaluated in the service worker). */
async function backgroundPrototype(chromium: ChromiumExtension) {
  const worker = await chromium.serviceWorker()
  return worker.evaluate(() => ({
    keys: Object.getOwnPropertyNames(Object.prototype).sort(),
    polluted: ({} as Record<string, unknown>).polluted ?? null,
  }))
}

/** A dump in a stable order, to compare before and after (record-count lines included: no record appears or goes). */
function sorted(dump: StorageDump): StorageDump {
  return [...dump].sort((a, b) => a.where.localeCompare(b.where))
}
