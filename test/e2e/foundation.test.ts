// Issue 3: both browsers load the extension, its pages render the true state, a message round-trips through
// the real background, and senders that are not Rolecall's own pages are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  BROWSERS,
  OPTIONS,
  POPUP,
  POPUP_SIZE,
  callBackground,
  launch,
  startWebServer,
  type ExtensionBrowser,
} from './harness'

for (const kind of BROWSERS) {
  describe(`foundation in ${kind}`, () => {
    let browser: ExtensionBrowser
    let web: Awaited<ReturnType<typeof startWebServer>>

    beforeAll(async () => {
      web = await startWebServer()
      browser = await launch(kind)
    })
    afterAll(async () => {
      await browser?.close()
      await web?.close()
    })

    it('popup shows "Set up Rolecall" when there is no vault, in light and dark', async () => {
      const popup = await browser.openPage(POPUP, POPUP_SIZE)
      await popup.waitFor('[data-testid="setup-prompt"]')
      expect(await popup.text('[data-testid="setup-prompt"] button')).toBe('Set up Rolecall')
      expect(await popup.evaluate(() => document.querySelector('main')?.dataset.state)).toBe('none')
      const light = await popup.evaluate(() => getComputedStyle(document.body).backgroundColor)
      await popup.screenshot('popup-setup-light')
      await popup.close()

      const dark = await launch(kind, { colorScheme: 'dark' })
      try {
        const darkPopup = await dark.openPage(POPUP, POPUP_SIZE)
        await darkPopup.waitFor('[data-testid="setup-prompt"]')
        const darkBg = await darkPopup.evaluate(() => getComputedStyle(document.body).backgroundColor)
        expect(darkBg).not.toBe(light)
        await darkPopup.screenshot('popup-setup-dark')
        const darkOptions = await dark.openPage(OPTIONS)
        await darkOptions.waitFor('[data-testid="setup"]')
        await darkOptions.screenshot('options-setup-dark')
      } finally {
        await dark.close()
      }
    })

    it('"Set up Rolecall" opens the options page at its setup section', async () => {
      const popup = await browser.openPage(POPUP, POPUP_SIZE)
      await popup.click('[data-testid="setup-prompt"] button')
      const options = await browser.openPage(OPTIONS)
      await options.waitFor('[data-testid="setup"]')
      expect(await options.text('[data-testid="setup"] h2')).toBe('Set up Rolecall')
      await options.screenshot('options-setup-light')
      // The click opened a tab with the options page and the #setup section.
      const tabs = await options.evaluate(async () => {
        type Tabs = { tabs: { query(q: object): Promise<{ url?: string }[]> } }
        const g = globalThis as unknown as { browser?: Tabs; chrome?: Tabs }
        return (await (g.browser ?? g.chrome)!.tabs.query({})).map((t) => t.url ?? '')
      })
      expect(tabs.some((url) => url.endsWith('src/options/index.html#setup'))).toBe(true)
    })

    it('round-trips a message through the real background', async () => {
      const page = await browser.openPage(OPTIONS)
      const reply = await callBackground(page, 'app.ping', { text: 'hello from a page' })
      expect(reply.ok).toBe(true)
      if (reply.ok) expect(reply.value.text).toBe('hello from a page')
      const status = await callBackground(page, 'app.status', {})
      expect(status).toMatchObject({
        ok: true,
        value: { vault: 'none', browser: kind === 'chromium' ? 'chrome' : 'firefox' },
      })
      const unknown = await callBackground(page, '__proto__' as never, {} as never)
      expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown-message' } })
      const malformed = await callBackground(page, 'app.ping', { text: 42 } as never)
      expect(malformed).toMatchObject({ ok: false, error: { code: 'bad-request' } })
    })

    it('cannot run a content script anywhere, and a web page cannot reach the extension at all', async () => {
      // The store build declares no content script and has no way to inject one (no scripting permission, no
      // MV2 tabs.executeScript): the only callers of the background are its own pages. The router's refusal of
      // a content script's sender is covered by test/unit/background/router.test.ts.
      const page = await browser.openPage(OPTIONS)
      const powers = await page.evaluate(() => {
        type Api = {
          runtime: { getManifest(): Record<string, unknown> }
          scripting?: unknown
          tabs: { executeScript?: unknown }
        }
        const g = globalThis as unknown as { browser?: Api; chrome?: Api }
        const api = (g.browser ?? g.chrome)!
        const manifest = api.runtime.getManifest()
        return {
          scripting: typeof api.scripting,
          executeScript: typeof api.tabs.executeScript,
          contentScripts: manifest.content_scripts ?? null,
          permissions: manifest.permissions,
        }
      })
      expect(powers).toMatchObject({ scripting: 'undefined', executeScript: 'undefined', contentScripts: null })
      expect(powers.permissions).not.toContain('scripting')
      await page.close()

      const webPage = await browser.openPage(web.url)
      const reachable = await webPage.evaluate(() => {
        const g = globalThis as unknown as {
          browser?: { runtime?: { sendMessage?: unknown } }
          chrome?: { runtime?: { sendMessage?: unknown } }
        }
        return typeof (g.browser ?? g.chrome)?.runtime?.sendMessage
      })
      expect(reachable).toBe('undefined')
      await webPage.close()
    })
  })
}
