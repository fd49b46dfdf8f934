// Issue 10: no secret leaks after a full journey, in both browsers. The journey: create the vault, import keys
// (a pasted credentials file), import a config that smuggles a secret key, log in with an MFA code (a wrong one
// first), open a role, a 2-hop chain and a federated profile, fail two logins (a reply cut off after AWS issued
// credentials, a refused sign-in token request), copy export lines and a sign-in URL, open the popup, lock.
// Searched, for every secret in raw, JSON, base64 (any alignment, URL-safe too), hex and URI form — the
// passphrase, the base keys, the smuggled key, the data key, every credential and sign-in token the stand-in
// issued, and the MFA code (as a number on its own): storage.local, storage.sync and every IndexedDB record
// (unlocked and locked), storage.session once locked, the replies of the failed logins, and every console
// message of the pages and the background. Chromium: the context's console events and the service worker's own
// console (Runtime.consoleAPICalled and Log.entryAdded through CDP). Firefox: puppeteer/BiDi reports no console
// events for extension pages, so a recorder wraps the console methods of each extension page and of the
// background page (runtime.getBackgroundPage()); what is logged before a recorder is installed (a page's
// start-up) is not seen. A marker logged in each place proves each collector sees what is logged there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { randomBytes, randomInt } from 'node:crypto'
import { startFakeAws, type FakeAws } from '../fake-aws/index'
import { DEMO_ACCESS_KEY_ID, DEMO_AWS_CONFIG, DEMO_MFA_SERIAL, DEMO_SECRET_ACCESS_KEY } from '../fake-aws/demo-org'
import {
  BROWSERS,
  OPTIONS,
  POPUP,
  POPUP_SIZE,
  callBackground,
  launch,
  mustCall,
  useFakeAws,
  ChromiumExtension,
  type ExtPage,
  type ExtensionBrowser,
} from './harness'
import {
  dumpExtensionStorage,
  dumpSessionStorage,
  dumpSessionStorageFromPage,
  findSecrets,
  type StorageDump,
} from './harness/secret-scan'

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
const pick = (chars: string, n: number) => Array.from({ length: n }, () => chars[randomInt(chars.length)]).join('')
const PASSPHRASE = `leak hunt ${randomBytes(6).toString('hex')} lighthouse`
const SPARE = {
  accessKeyId: `AKIA${pick(ALNUM, 16)}`,
  secretAccessKey: pick(`${ALNUM}abcdefghijklmnopqrstuvwxyz/+`, 40),
}
const SMUGGLED = pick(`${ALNUM}abcdefghijklmnopqrstuvwxyz/+`, 40)
const CREDENTIALS = `[identity]\naws_access_key_id = ${DEMO_ACCESS_KEY_ID}\naws_secret_access_key = ${DEMO_SECRET_ACCESS_KEY}\n\n[spare]\naws_access_key_id = ${SPARE.accessKeyId}\naws_secret_access_key = ${SPARE.secretAccessKey}\n`
// A config pasted with a secret in it: it must be removed before the text is stored.
const CONFIG = DEMO_AWS_CONFIG.replace('[profile prod]', `[profile prod]\naws_secret_access_key = ${SMUGGLED}`)
const MARKER = `leak-scan-marker-${randomBytes(4).toString('hex')}`

/**
 * Runs in a Firefox extension page: wraps the console methods of the page and of the background page to keep
 * every message as text. Self-contained (it is sent as source text; the pages' CSP forbids eval).
 */
const recordConsoles = async () => {
  const install = (win: Window) => {
    const w = win as unknown as { __rolecallLogs?: string[]; console: Record<string, (...a: unknown[]) => void> }
    if (w.__rolecallLogs) return
    const logs: string[] = (w.__rolecallLogs = [])
    const text = (value: unknown): string => {
      if (value instanceof Error) return `${value.name}: ${value.message}\n${value.stack ?? ''}`
      if (typeof value === 'string') return value
      try {
        return JSON.stringify(value) ?? String(value)
      } catch {
        return String(value)
      }
    }
    for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table']) {
      const original = w.console[level]?.bind(w.console)
      w.console[level] = (...args: unknown[]) => {
        logs.push(`${level} ${args.map(text).join(' ')}`)
        original?.(...args)
      }
    }
  }
  install(window)
  const api = (globalThis as unknown as { browser: { runtime: { getBackgroundPage(): Promise<Window | null> } } })
    .browser
  const background = await api.runtime.getBackgroundPage()
  if (background) install(background)
}

type Api = { runtime: { getBackgroundPage(): Promise<Window | null> } }

/** Collects console messages in each browser; `read()` returns every one seen so far. */
interface LogCollector {
  read(): Promise<string[]>
  watch(page: ExtPage): Promise<void>
  markBackground(marker: string): Promise<void>
}

async function chromiumLogs(browser: ChromiumExtension): Promise<LogCollector> {
  const logs: string[] = []
  browser.context.on('console', (m) => logs.push(`page ${m.type()} ${m.text()}`))
  // The service worker's own console through CDP, from a page's session (Playwright opens none on a worker).
  const helper = await browser.context.newPage()
  await helper.goto(`${browser.baseUrl}src/popup/index.html`)
  const cdp = await browser.context.newCDPSession(helper)
  const { targetInfos } = (await cdp.send('Target.getTargets')) as {
    targetInfos: Array<{ targetId: string; type: string; url: string }>
  }
  const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(browser.baseUrl))
  if (!target) throw new Error('no service worker target')
  const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false })) as {
    sessionId: string
  }
  type Event = {
    method?: string
    params?: {
      type?: string
      args?: Array<{ value?: unknown; description?: string }>
      entry?: { level: string; text: string; url?: string }
    }
  }
  cdp.on('Target.receivedMessageFromTarget' as never, (event: { message: string }) => {
    const message = JSON.parse(event.message) as Event
    if (message.method === 'Runtime.consoleAPICalled')
      logs.push(
        `worker ${message.params?.type} ${(message.params?.args ?? []).map((a) => (typeof a.value === 'string' ? a.value : JSON.stringify(a.value ?? a.description))).join(' ')}`,
      )
    if (message.method === 'Log.entryAdded')
      logs.push(
        `worker-log ${message.params?.entry?.level} ${message.params?.entry?.text} ${message.params?.entry?.url ?? ''}`,
      )
  })
  let id = 0
  const send = (method: string) =>
    cdp.send(
      'Target.sendMessageToTarget' as never,
      { sessionId, message: JSON.stringify({ id: ++id, method }) } as never,
    )
  await send('Runtime.enable')
  await send('Log.enable')
  return {
    read: async () => [...logs],
    watch: async () => {},
    markBackground: async (marker) => {
      await (await browser.serviceWorker()).evaluate((m) => console.log(m), marker)
    },
  }
}

async function firefoxLogs(options: ExtPage): Promise<LogCollector> {
  const pages: ExtPage[] = []
  const watch = async (page: ExtPage) => {
    await page.evaluate(recordConsoles)
    pages.push(page)
  }
  await watch(options)
  return {
    watch,
    read: async () => {
      const out: string[] = []
      for (const page of pages) {
        const logs = await page
          .evaluate(() => (globalThis as unknown as { __rolecallLogs?: string[] }).__rolecallLogs ?? [])
          .catch(() => [])
        out.push(...logs.map((l) => `page ${l}`))
      }
      out.push(
        ...(
          await options.evaluate(async () => {
            const background = await (globalThis as unknown as { browser: Api }).browser.runtime.getBackgroundPage()
            return (
              (background as unknown as { __rolecallLogs?: string[] } | null)?.__rolecallLogs ?? [
                '(no background recorder)',
              ]
            )
          })
        ).map((l) => `background ${l}`),
      )
      return out
    },
    markBackground: async (marker) => {
      await options.evaluate(async (m) => {
        const background = await (globalThis as unknown as { browser: Api }).browser.runtime.getBackgroundPage()
        ;(background as unknown as { console: Console } | null)?.console.log(m)
      }, marker)
    },
  }
}

/** Every place the MFA code appears as a number on its own (6 digits are too short for findSecrets). */
function codeFindings(texts: string[], code: string): string[] {
  const pattern = new RegExp(`(?<![0-9])${code}(?![0-9])`)
  return texts.filter((t) => pattern.test(t))
}

for (const kind of BROWSERS) {
  describe(`no secret leaks after a full journey in ${kind}`, () => {
    let aws: FakeAws
    let browser: ExtensionBrowser
    let options: ExtPage
    let logs: LogCollector

    beforeAll(async () => {
      aws = await startFakeAws({ testApi: true })
      browser = await launch(kind, { aws })
      options = await browser.openPage(OPTIONS)
      logs = browser instanceof ChromiumExtension ? await chromiumLogs(browser) : await firefoxLogs(options)
    })
    afterAll(async () => {
      await browser?.close()
      await aws?.close()
    })

    it('stores and logs none of them, and storage.session holds none once locked', async () => {
      await options.evaluate((m) => console.log(m), `${MARKER}-page`)
      await logs.markBackground(`${MARKER}-background`)

      // The journey.
      await mustCall(options, 'vault.create', { passphrase: PASSPHRASE })
      await useFakeAws(options)
      const keys = await mustCall(options, 'keys.importCredentials', { text: CREDENTIALS })
      expect(keys.imported.map((k) => k.profile).sort()).toEqual(['identity', 'spare'])
      const basedOn = (await mustCall(options, 'config.stored', {})).importedAt ?? 0
      expect((await mustCall(options, 'config.apply', { text: CONFIG, basedOn })).secretLinesRemoved).toBe(1)
      const first = await mustCall(options, 'login.open', { profile: 'dev', newTab: false, replace: true })
      if (first.status !== 'needs-mfa') throw new Error(`expected an MFA prompt, got ${first.status}`)
      const code = await aws.unusedTotp(DEMO_MFA_SERIAL)
      // A wrong code first: the refusal comes back as the prompt's message.
      const refused = await callBackground(options, 'login.submitMfa', {
        promptId: first.prompt.id,
        code: code === '000000' ? '111111' : '000000',
      })
      const again = refused.ok ? refused.value.outcomes[0] : undefined
      if (again?.status !== 'needs-mfa') throw new Error(`expected the prompt again, got ${JSON.stringify(refused)}`)
      expect(
        (await mustCall(options, 'login.submitMfa', { promptId: again.prompt.id, code })).outcomes[0]?.status,
      ).toBe('opened')
      for (const profile of ['staging', 'data', 'identity']) {
        expect((await mustCall(options, 'login.open', { profile, newTab: true, replace: true })).status, profile).toBe(
          'opened',
        )
      }
      // Failures are where secrets slip into messages: a reply cut off after AWS issued credentials, a refused
      // sign-in token request (its URL carries the session).
      const failures: unknown[] = [refused]
      for (const [action, fault, profile] of [
        ['AssumeRole', 'truncated', 'prod'],
        ['getSigninToken', '500', 'security'],
      ] as const) {
        aws.injectFault({ action, kind: fault, times: Infinity })
        const reply = await callBackground(options, 'login.open', { profile, newTab: true, replace: true })
        expect(reply.ok, `${action} ${fault}`).toBe(false)
        failures.push(reply)
        aws.clearFaults()
      }
      const exported = await mustCall(options, 'login.exportLines', { profile: 'dev' })
      if (exported.status !== 'exports') throw new Error(`expected export lines, got ${exported.status}`)
      const signin = await mustCall(options, 'login.signinUrl', { profile: 'staging' })
      if (signin.status !== 'url') throw new Error(`expected a sign-in URL, got ${signin.status}`)
      const popup = await browser.openPage(POPUP, POPUP_SIZE)
      await logs.watch(popup)
      await popup.waitFor('[data-testid="profile-list"]')
      await popup.evaluate((m) => console.log(m), `${MARKER}-popup`)

      // Everything secret the journey made, as the stand-in issued it.
      const issued = aws.state.credentials.all()
      const signinTokens = [...(aws.state.signinTokens as unknown as { tokens: Map<string, unknown> }).tokens.keys()]
      const exportedSecret = /AWS_SECRET_ACCESS_KEY='([^']+)'/.exec(exported.text)?.[1]
      const capturedToken = new URL(signin.url).searchParams.get('SigninToken')
      // The lists hold what the pages saw: the copied credentials and the copied sign-in token.
      expect(issued.map((c) => c.secretAccessKey)).toContain(exportedSecret)
      expect(signinTokens).toContain(capturedToken)
      // MFA session, dev, staging, data (2 hops), identity, and the two copies.
      expect(issued.length).toBeGreaterThanOrEqual(7)
      const session = async (): Promise<StorageDump> =>
        browser instanceof ChromiumExtension ? dumpSessionStorage(browser) : dumpSessionStorageFromPage(options)
      const unlocked = await session()
      const dataKey = new Uint8Array(
        Buffer.from(
          JSON.parse(unlocked.find((e) => e.where === 'storage.session › vault.unlocked')!.text).dataKey as string,
          'base64',
        ),
      )
      expect(dataKey).toHaveLength(32)
      // The scanner finds the data key where it belongs while unlocked: proof it would find it elsewhere.
      expect(findSecrets(unlocked, [dataKey]).map((f) => f.where)).toEqual(['storage.session › vault.unlocked'])
      const secrets: Array<string | Uint8Array> = [
        PASSPHRASE,
        DEMO_SECRET_ACCESS_KEY,
        SPARE.secretAccessKey,
        SPARE.accessKeyId,
        SMUGGLED,
        dataKey,
        ...issued.flatMap((c) => [c.secretAccessKey, c.sessionToken]),
        ...signinTokens,
      ]
      const label = (findings: ReturnType<typeof findSecrets>) =>
        findings.map((f) => `secret #${f.secret} (${f.encoding}) in ${f.where}`)

      // No reply but the explicit copies carries a secret, failures included.
      expect(label(findSecrets(JSON.stringify(failures), secrets))).toEqual([])
      expect(codeFindings([JSON.stringify(failures)], code)).toEqual([])

      const stored = await dumpExtensionStorage(options)
      expect(stored.some((e) => e.where.startsWith('indexedDB › rolecall › secrets ›'))).toBe(true)
      expect(stored.some((e) => e.where.startsWith('indexedDB › rolecall › consoleSessions ›'))).toBe(true)
      expect(label(findSecrets(stored, secrets))).toEqual([])
      expect(
        codeFindings(
          stored.map((e) => e.text),
          code,
        ),
      ).toEqual([])

      await mustCall(options, 'vault.lock', {})
      const locked = [...(await dumpExtensionStorage(options)), ...(await session())]
      expect(label(findSecrets(locked, secrets))).toEqual([])
      expect(
        codeFindings(
          locked.map((e) => e.text),
          code,
        ),
      ).toEqual([])

      const seen = await logs.read()
      // Each collector saw its marker: the page's, the background's, the popup's.
      for (const where of ['page', 'background', 'popup'])
        expect(
          seen.some((l) => l.includes(`${MARKER}-${where}`)),
          where,
        ).toBe(true)
      expect(label(findSecrets(seen.join('\n'), secrets))).toEqual([])
      expect(codeFindings(seen, code)).toEqual([])
      await popup.close()
    })
  })
}
