// The popup as people open it: from the toolbar button, in the browser's own popup window, not as a page in a
// tab (what the other journeys drive). Chromium: the DevTools protocol's Extensions.triggerAction opens it and
// Input.dispatchKeyEvent types into it; Firefox: the real toolbar button is clicked from the browser window, and
// the popup is read through extension.getViews (WebDriver BiDi reaches neither the popup's document nor its keys
// there). It opens with the list drawn and the filter focused, so typing filters at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_AWS_CONFIG } from '../fake-aws/demo-org'
import {
  BROWSERS,
  ChromiumExtension,
  FirefoxExtension,
  OPTIONS,
  POPUP,
  createVaultWithDemoKey,
  launch,
  poll,
  seedImport,
  type ExtPage,
  type ExtensionBrowser,
} from './harness'
import { GECKO_ID } from './harness/firefox'
import { ChromiumToolbar } from './harness/toolbar-chromium'
import { FirefoxToolbar } from './harness/toolbar-firefox'

interface PopupState {
  rows: string[]
  focused: string | null
}

/** In the popup: the profiles listed and the focused element. */
function popupState(): PopupState {
  return {
    rows: [...document.querySelectorAll('[data-testid="profile-row"]')].map((r) => r.getAttribute('data-profile')!),
    focused: document.activeElement?.getAttribute('data-testid') ?? null,
  }
}

/** In another page of Rolecall (Firefox): popupState of the open toolbar popup, if one is open. */
function toolbarPopupState(): PopupState | undefined {
  type Api = { extension: { getViews(filter: { type: string }): Window[] } }
  const view = (globalThis as unknown as { browser: Api }).browser.extension.getViews({ type: 'popup' })[0]
  if (!view) return undefined
  return {
    rows: [...view.document.querySelectorAll('[data-testid="profile-row"]')].map((r) =>
      r.getAttribute('data-profile')!,
    ),
    focused: view.document.activeElement?.getAttribute('data-testid') ?? null,
  }
}

const listed = (state: PopupState | undefined) => state !== undefined && state.rows.length === 6 && state

for (const kind of BROWSERS) {
  describe(`toolbar popup in ${kind}`, () => {
    let browser: ExtensionBrowser
    let options: ExtPage

    beforeAll(async () => {
      browser = await launch(kind, { extensionDebugging: true })
      options = await browser.openPage(OPTIONS)
      await createVaultWithDemoKey(options)
      await seedImport(options, DEMO_AWS_CONFIG)
    })
    afterAll(() => browser?.close())

    it('opens from the toolbar button with every profile listed and the filter focused', async () => {
      if (browser instanceof ChromiumExtension) {
        const toolbar = await ChromiumToolbar.attach(browser)
        const { popup } = await toolbar.open(browser.extensionId, POPUP)
        const opened = await poll(async () => listed(await popup.evaluate(popupState)), 10_000, 'the listed popup')
        expect(opened.focused).toBe('profile-filter')
        // Keys typed at once go to the filter.
        for (const ch of 'staging') await popup.typeKey(ch)
        const filtered = await poll(
          async () => {
            const state = await popup.evaluate(popupState)
            return state.rows.length < 6 && state
          },
          5_000,
          'the filtered list',
        )
        expect(filtered.rows[0]).toBe('staging')
        await popup.close()
        await toolbar.close()
      } else if (browser instanceof FirefoxExtension) {
        const toolbar = await FirefoxToolbar.attach(browser, [GECKO_ID])
        await toolbar.click(GECKO_ID)
        const opened = await poll(async () => listed(await options.evaluate(toolbarPopupState)), 10_000, 'the popup')
        expect(opened.focused).toBe('profile-filter')
      } else throw new Error('unknown browser')
    })
  })
}
