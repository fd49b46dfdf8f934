// Reading (and, for a real paste, writing) the system clipboard from a test, without giving Rolecall the
// clipboardRead permission.
// Chromium: grant a loopback web page clipboard access through the browser context (CDP refuses to grant the
// extension's own origin: "opaque origin"), then read with navigator.clipboard.readText there, focused. Firefox: the Clipboard API of the browser window
// itself (system principal), reached through WebDriver BiDi's chrome scope, which --remote-allow-system-access
// opens (see firefox.ts).
import type { ChromiumExtension, PlaywrightPage } from './chromium'
import type { FirefoxExtension } from './firefox'
import type { ExtensionBrowser } from './extension-browser'
import { startWebServer } from './web-server'

export interface ClipboardReader {
  read(): Promise<string>
  /** Puts text on the clipboard, as a copy in another application would: Ctrl+V then pastes it for real. */
  write(text: string): Promise<void>
  close(): Promise<void>
}

export async function clipboardReader(browser: ExtensionBrowser): Promise<ClipboardReader> {
  return browser.name === 'chromium'
    ? chromiumReader(browser as ChromiumExtension)
    : firefoxReader(browser as FirefoxExtension)
}

async function chromiumReader(browser: ChromiumExtension): Promise<ClipboardReader> {
  const server = await startWebServer()
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin })
  const page = (await browser.openPage(server.url)) as PlaywrightPage
  return {
    async read() {
      await page.page.bringToFront()
      return page.evaluate(() => navigator.clipboard.readText())
    },
    async write(text) {
      await page.page.bringToFront()
      await page.evaluate((text) => navigator.clipboard.writeText(text), text)
    },
    async close() {
      await page.close()
      // Stops listening now; the browser's keep-alive connection ends when the browser closes.
      void server.close()
    },
  }
}

async function firefoxReader(browser: FirefoxExtension): Promise<ClipboardReader> {
  const bidi = (
    browser.browser as unknown as { connection: { send(method: string, params: object): Promise<{ result: unknown }> } }
  ).connection
  const tree = (await bidi.send('browsingContext.getTree', { maxDepth: 0, 'moz:scope': 'chrome' })).result as {
    contexts: { context: string; url: string }[]
  }
  const window = tree.contexts.find((c) => c.url === 'chrome://browser/content/browser.xhtml')
  if (!window)
    throw new Error('no browser window in the chrome scope: is Firefox started with --remote-allow-system-access?')
  return {
    async read() {
      const { result } = (await bidi.send('script.callFunction', {
        functionDeclaration: 'async () => navigator.clipboard.readText()',
        target: { context: window.context },
        awaitPromise: true,
      })) as {
        result: { type: string; result?: { type: string; value?: string }; exceptionDetails?: { text: string } }
      }
      if (result.type !== 'success' || result.result?.type !== 'string')
        throw new Error(`reading the clipboard failed: ${result.exceptionDetails?.text ?? result.type}`)
      return result.result.value!
    },
    async write(text) {
      const { result } = (await bidi.send('script.callFunction', {
        functionDeclaration: 'async (text) => navigator.clipboard.writeText(text)',
        arguments: [{ type: 'string', value: text }],
        target: { context: window.context },
        awaitPromise: true,
      })) as { result: { type: string; exceptionDetails?: { text: string } } }
      if (result.type !== 'success')
        throw new Error(`writing the clipboard failed: ${result.exceptionDetails?.text ?? result.type}`)
    },
    close: async () => undefined,
  }
}
