// Headless Firefox ESR (Debian's) with the store build installed as a temporary add-on, through
// puppeteer-core over WebDriver BiDi (recipe: shared/BROWSER-TESTING.md), behind a PAC file that sends AWS's
// host names to the local stand-in and nothing else anywhere (aws-network.ts).
import puppeteer, { type Browser, type Page } from 'puppeteer-core'
import { randomUUID } from 'node:crypto'
import manifest from '../../../manifest.json' with { type: 'json' }
import { extensionDir, screenshotPath } from './paths'
import { firefoxNetworkPrefs, type AwsNetwork } from './aws-network'
import { normalSpace, poll, type ExtPage } from './ext-page'
import type { ExtensionBrowser, PageSize } from './extension-browser'

export const GECKO_ID = manifest.browser_specific_settings.gecko.id

export interface FirefoxOptions {
  colorScheme?: 'light' | 'dark'
  /** Show a window (the demo); tests run headless. */
  headed?: boolean
  /** The stand-in that answers for AWS's host names; without one, AWS's names fail like any other. */
  aws?: AwsNetwork
}

export async function launchFirefox(options: FirefoxOptions = {}): Promise<FirefoxExtension> {
  const uuid = randomUUID()
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: '/usr/bin/firefox-esr',
    headless: !options.headed,
    args: ['--remote-allow-system-access'],
    // The stand-in's certificate comes from a CA made for the run: the session accepts it (and, with the PAC file
    // below, AWS's names can only reach the stand-in).
    acceptInsecureCerts: true,
    defaultViewport: { width: 1100, height: 800 },
    extraPrefsFirefox: {
      'privacy.userContext.enabled': true,
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
      // 0 = dark, 1 = light: what prefers-color-scheme reports to every page.
      [COLOR_SCHEME_PREF]: options.colorScheme === 'dark' ? 0 : 1,
      ...firefoxNetworkPrefs(options.aws),
    },
  })
  await browser.installExtension(extensionDir('firefox'))
  return new FirefoxExtension(browser, uuid)
}

/** The pref every page's prefers-color-scheme follows: 0 = dark, 1 = light. */
const COLOR_SCHEME_PREF = 'layout.css.prefers-color-scheme.content-override'

type BiDiConnection = { send(method: string, params: object): Promise<{ result: unknown }> }

/**
 * Runs an expression in Firefox's browser window, with the window's (privileged) powers: WebDriver BiDi reaches
 * that "chrome" document because Firefox is launched with --remote-allow-system-access. For what BiDi offers no
 * command for: pinning and clicking a toolbar button (the bench), switching the colour scheme of running pages.
 */
export async function evaluateInBrowserWindow(browser: Browser, expression: string): Promise<unknown> {
  const bidi = (browser as unknown as { connection: BiDiConnection }).connection
  const tree = (await bidi.send('browsingContext.getTree', { 'moz:scope': 'chrome', maxDepth: 0 })).result as {
    contexts: { context: string; url: string }[]
  }
  const window = tree.contexts.find((c) => c.url === 'chrome://browser/content/browser.xhtml')
  if (!window) throw new Error("no Firefox browser window in BiDi's chrome scope (is system access allowed?)")
  const { result } = (await bidi.send('script.evaluate', {
    expression,
    target: { context: window.context },
    awaitPromise: true,
  })) as { result: { type: string; result?: { value?: unknown }; exceptionDetails?: { text: string } } }
  if (result.type !== 'success') throw new Error(`in Firefox's window: ${result.exceptionDetails?.text}`)
  return result.result?.value
}

export class FirefoxExtension implements ExtensionBrowser {
  readonly name = 'firefox' as const
  readonly baseUrl: string

  constructor(
    readonly browser: Browser,
    readonly uuid: string,
  ) {
    this.baseUrl = `moz-extension://${uuid}/`
  }

  async openPage(url: string, size?: PageSize): Promise<ExtPage> {
    const page = await this.browser.newPage()
    if (size) await page.setViewport(size)
    const wrapped = new PuppeteerPage(page)
    await wrapped.goto(url.includes('://') ? url : this.baseUrl + url)
    return wrapped
  }

  private bidi() {
    return (
      this.browser as unknown as { connection: { send(method: string, params: object): Promise<{ result: unknown }> } }
    ).connection
  }

  /** Raw BiDi: each top-level browsing context (tab) with the user context (cookie jar) it lives in. */
  async tabsWithUserContexts(): Promise<{ context: string; url: string; userContext: string }[]> {
    const tree = (await this.bidi().send('browsingContext.getTree', { maxDepth: 0 })).result as {
      contexts: { context: string; url: string; userContext: string }[]
    }
    return tree.contexts.map(({ context, url, userContext }) => ({ context, url, userContext }))
  }

  /**
   * Runs a function in a tab through raw BiDi. Tabs the extension opens in containers are invisible to
   * puppeteer's page list, so this is how a test reads them. The function must be self-contained.
   */
  async evaluateInTab<R>(context: string, fn: () => R): Promise<R> {
    const { result } = (await this.bidi().send('script.callFunction', {
      functionDeclaration: `async () => JSON.stringify(await (${fn.toString()})())`,
      target: { context },
      awaitPromise: true,
    })) as { result: { type: string; result?: { type: string; value?: string }; exceptionDetails?: { text: string } } }
    if (result.type !== 'success' || result.result?.type !== 'string')
      throw new Error(`evaluation failed: ${result.exceptionDetails?.text ?? result.type}`)
    return JSON.parse(result.result.value!) as R
  }

  /**
   * Quits Firefox, and makes sure its process has gone: one still running CLOSE_MS after browser.close() is
   * killed, and says so. Twice on 2026-12-08, after every test of relogin.test.ts had passed, the file's teardown
   * timed out at 90 s with no kill logged by a bound on browser.close() alone. The likeliest cause: Firefox still
   * running after puppeteer's close resolved (it does when the BiDi close command fails: puppeteer issue 15468),
   * and the stand-in's close waiting on its open tunnels.
   */
  async close(): Promise<void> {
    const child = this.browser.process()
    const deadline = Date.now() + CLOSE_MS
    const timeLeft = () => new Promise<void>((done) => setTimeout(done, Math.max(0, deadline - Date.now())))
    await Promise.race([this.browser.close().catch(() => undefined), timeLeft()])
    if (!child || child.exitCode !== null || child.signalCode !== null) return
    await Promise.race([new Promise((done) => child.once('exit', done)), timeLeft()])
    if (child.exitCode !== null || child.signalCode !== null) return
    console.warn(`Firefox was still running ${CLOSE_MS / 1000} s after browser.close(): killing process ${child.pid}`)
    child.kill('SIGKILL')
  }
}

/** How long Firefox is given to quit before its process is killed (it quits in well under a second). */
const CLOSE_MS = 15_000

export class PuppeteerPage implements ExtPage {
  constructor(readonly page: Page) {}
  url = () => this.page.url()
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<Awaited<R>> {
    return this.page.evaluate(fn as never, arg as never) as Promise<Awaited<R>>
  }
  async click(selector: string) {
    await this.waitFor(selector)
    await this.page.click(selector)
  }
  async fill(selector: string, text: string) {
    await this.waitFor(selector)
    await this.page.$eval(selector, (el) => {
      ;(el as HTMLInputElement).value = ''
      el.dispatchEvent(new Event('input', { bubbles: true }))
    })
    await this.page.type(selector, text)
  }
  async press(key: string) {
    // Puppeteer presses one key: hold the modifiers of a "Shift+Tab" around it, as Playwright does.
    const keys = key.split('+') as never[]
    const pressed = keys.pop()!
    for (const modifier of keys) await this.page.keyboard.down(modifier)
    await this.page.keyboard.press(pressed)
    for (const modifier of keys.reverse()) await this.page.keyboard.up(modifier)
  }
  async type(text: string) {
    await this.page.keyboard.type(text)
  }
  async bringToFront() {
    await this.page.bringToFront()
  }
  async waitFor(selector: string, timeoutMs = 10_000) {
    await this.page.waitForSelector(selector, { visible: true, timeout: timeoutMs })
  }
  async waitForFunction<R>(fn: () => R, timeoutMs = 10_000): Promise<R> {
    const handle = await this.page.waitForFunction(fn, { timeout: timeoutMs, polling: 50 })
    return (await handle.jsonValue()) as R
  }
  async text(selector: string) {
    return normalSpace(await this.page.$eval(selector, (el) => el.textContent ?? ''))
  }
  async count(selector: string) {
    return (await this.page.$$(selector)).length
  }
  async screenshot(name: string) {
    const file = screenshotPath(`firefox-${name}`)
    await this.page.screenshot({ path: file as `${string}.png`, fullPage: true })
    return file
  }
  /** BiDi sends no load event for extension pages: start the navigation, then poll until it has landed. */
  async goto(url: string) {
    if (!url.startsWith('moz-extension:')) {
      await this.page.goto(url)
      return
    }
    void this.page.goto(url).catch(() => undefined)
    await poll(
      () => this.page.evaluate((expected) => location.href === expected && document.readyState === 'complete', url),
      15_000,
      `page ${url}`,
    )
  }
  /**
   * BiDi's media emulation does not reach a running extension page, so the scheme is switched where Firefox
   * keeps it (a pref, for every page at once), and the page is given until its media query follows.
   */
  async emulateColorScheme(scheme: 'light' | 'dark') {
    await evaluateInBrowserWindow(
      this.page.browser(),
      `Services.prefs.setIntPref(${JSON.stringify(COLOR_SCHEME_PREF)}, ${scheme === 'dark' ? 0 : 1})`,
    )
    await poll(
      () =>
        this.page.evaluate((dark) => matchMedia('(prefers-color-scheme: dark)').matches === dark, scheme === 'dark'),
      5_000,
      `the page in the ${scheme} scheme`,
    )
  }
  async close() {
    await this.page.close()
  }
}
