// Headless Chromium (Debian's) with the store build loaded, through playwright-core, on a network where AWS's
// host names are the local stand-in's and nothing else resolves (aws-network.ts).
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core'
import { mkdtempSync } from 'node:fs'
import path from 'node:path'
import { extensionDir, screenshotPath, TMP_DIR } from './paths'
import { chromiumNetworkArgs, type AwsNetwork } from './aws-network'
import { normalSpace, poll, type ExtPage } from './ext-page'
import type { ExtensionBrowser, PageSize } from './extension-browser'

export interface ChromiumOptions {
  /** Reuse a profile folder (to test what survives a browser restart). */
  userDataDir?: string
  colorScheme?: 'light' | 'dark'
  /** Show a window (the demo); tests run headless. */
  headed?: boolean
  /** Unpacked extensions to load alongside Rolecall (e.g. a foreign extension that tries to call it). */
  extraExtensions?: string[]
  /** The stand-in that answers for AWS's host names; without one, AWS's names fail like any other. */
  aws?: AwsNetwork
  /** Lets the DevTools protocol open an extension's toolbar popup (Extensions.triggerAction; the bench). */
  extensionDebugging?: boolean
}

export async function launchChromium(options: ChromiumOptions = {}): Promise<ChromiumExtension> {
  const ext = [extensionDir('chromium'), ...(options.extraExtensions ?? [])].join(',')
  const userDataDir = options.userDataDir ?? mkdtempSync(path.join(TMP_DIR, 'chromium-'))
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: false,
    colorScheme: options.colorScheme ?? 'light',
    viewport: { width: 1100, height: 800 },
    args: [
      ...(options.headed ? [] : ['--headless=new']),
      '--no-sandbox',
      `--disable-extensions-except=${ext}`,
      `--load-extension=${ext}`,
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--disable-gpu',
      ...(options.extensionDebugging ? ['--enable-unsafe-extension-debugging'] : []),
      ...chromiumNetworkArgs(options.aws),
    ],
  })
  // Rolecall's worker is the one crxjs names; another loaded extension has its own.
  const isRolecall = (w: Worker) => w.url().endsWith('/service-worker-loader.js')
  const worker =
    context.serviceWorkers().find(isRolecall) ??
    (await context.waitForEvent('serviceworker', { predicate: isRolecall }))
  return new ChromiumExtension(context, new URL(worker.url()).host, userDataDir)
}

export class ChromiumExtension implements ExtensionBrowser {
  readonly name = 'chromium' as const
  readonly baseUrl: string

  constructor(
    readonly context: BrowserContext,
    readonly extensionId: string,
    readonly userDataDir: string,
  ) {
    this.baseUrl = `chrome-extension://${extensionId}/`
  }

  async openPage(url: string, size?: PageSize): Promise<ExtPage> {
    const page = await this.context.newPage()
    if (size) await page.setViewportSize(size)
    await page.goto(url.startsWith('http') || url.includes('://') ? url : this.baseUrl + url)
    return new PlaywrightPage(page)
  }

  /** The live service worker (starts it if Chromium has stopped it). */
  async serviceWorker(): Promise<Worker> {
    const running = this.context.serviceWorkers().find((w) => w.url().startsWith(this.baseUrl))
    if (running) return running
    // Any extension API call from a page wakes the worker.
    const page = await this.openPage('src/popup/index.html')
    const worker = await poll(
      async () => this.context.serviceWorkers().find((w) => w.url().startsWith(this.baseUrl)),
      10_000,
      'service worker',
    )
    await page.close()
    return worker
  }

  /**
   * Stops the extension's service worker through CDP, as Chromium does to an idle extension, and waits until
   * it has stopped. The CDP session must be on an extension page: one on another page does not reach the worker
   * (and Playwright's serviceWorkers() list goes stale after a stop, so the running status is followed instead).
   */
  async stopServiceWorker(): Promise<void> {
    const page = await this.context.newPage()
    await page.goto(this.baseUrl + 'src/popup/index.html')
    const cdp = await this.context.newCDPSession(page)
    const statuses: string[] = []
    cdp.on('ServiceWorker.workerVersionUpdated', (event) => {
      for (const v of event.versions) if (v.scriptURL.startsWith(this.baseUrl)) statuses.push(v.runningStatus)
    })
    await cdp.send('ServiceWorker.enable')
    await poll(async () => statuses.at(-1) === 'running', 10_000, 'the service worker to run')
    await cdp.send('ServiceWorker.stopAllWorkers')
    await poll(async () => statuses.at(-1) === 'stopped', 10_000, 'the service worker to stop')
    await cdp.detach()
    await page.close()
  }

  async close(): Promise<void> {
    await this.context.close()
  }
}

export class PlaywrightPage implements ExtPage {
  constructor(readonly page: Page) {}
  url = () => this.page.url()
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<Awaited<R>> {
    return this.page.evaluate(fn as never, arg as never) as Promise<Awaited<R>>
  }
  async click(selector: string) {
    await this.page.click(selector)
  }
  async fill(selector: string, text: string) {
    await this.page.fill(selector, '')
    await this.page.locator(selector).pressSequentially(text)
  }
  async press(key: string) {
    await this.page.keyboard.press(key)
  }
  async type(text: string) {
    await this.page.keyboard.type(text)
  }
  async bringToFront() {
    await this.page.bringToFront()
  }
  async waitFor(selector: string, timeoutMs = 10_000) {
    await this.page.waitForSelector(selector, { state: 'visible', timeout: timeoutMs })
  }
  async waitForFunction<R>(fn: () => R, timeoutMs = 10_000): Promise<R> {
    const handle = await this.page.waitForFunction(fn, undefined, { timeout: timeoutMs })
    return (await handle.jsonValue()) as R
  }
  async text(selector: string) {
    return normalSpace((await this.page.textContent(selector)) ?? '')
  }
  async count(selector: string) {
    return this.page.locator(selector).count()
  }
  async screenshot(name: string) {
    const file = screenshotPath(`chromium-${name}`)
    await this.page.screenshot({ path: file, fullPage: true })
    return file
  }
  async goto(url: string) {
    await this.page.goto(url)
  }
  async emulateColorScheme(scheme: 'light' | 'dark') {
    await this.page.emulateMedia({ colorScheme: scheme })
  }
  async close() {
    await this.page.close()
  }
}
