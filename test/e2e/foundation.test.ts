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

type Api = {
  tabs: {
    create(o: { url: string; active?: boolean }): Promise<{ id: number }>
    get(id: number): Promise<{ status?: string; url?: string }>
    remove(id: number): Promise<void>
  }
  scripting: { executeScript(o: { target: { tabId: number }; func: () => unknown }): Promise<{ result: unknown }[]> }
}

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

    it('refuses a content script, and a web page cannot reach the extension at all', async () => {
      const page = await browser.openPage(OPTIONS)
      const results = await page.evaluate(async (url) => {
        const g = globalThis as unknown as { browser?: Api; chrome?: Api }
        const api = (g.browser ?? g.chrome)!
        const tab = await api.tabs.create({ url, active: false })
        const loaded = async () => {
          const t = await api.tabs.get(tab.id)
          return t.status === 'complete' && t.url === url
        }
        for (let i = 0; i < 200 && !(await loaded()); i++) await new Promise((r) => setTimeout(r, 50))
        const [fromContentScript] = await api.scripting.executeScript({
          target: { tabId: tab.id },
          func: () => {
            const g = globalThis as unknown as {
              browser?: { runtime: { sendMessage(m: unknown): Promise<unknown> } }
              chrome?: { runtime: { sendMessage(m: unknown): Promise<unknown> } }
            }
            return (g.browser ?? g.chrome)!.runtime.sendMessage({ rolecall: 1, name: 'app.status', request: {} })
          },
        })
        await api.tabs.remove(tab.id)
        return fromContentScript?.result
      }, web.url)
      expect(results).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } })

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
