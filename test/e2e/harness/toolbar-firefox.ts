// Firefox's real toolbar popup, driven from Firefox's own browser window: WebDriver BiDi reaches the window's
// privileged ("chrome") document because the harness launches Firefox with --remote-allow-system-access. There
// the extension's toolbar button is pinned to the toolbar and clicked: mousedown, mouseup and click are
// dispatched on the real button from the window's own script, so the click takes Firefox's own path to the popup
// (the button's command, the panel, the popup's browser). BiDi cannot send input to that privileged document
// (input.performActions refuses chrome contexts) and Firefox no longer offers synthesised OS mouse events to
// scripts, so this is the closest to a person's click that can be driven; the hover that lets Firefox start
// loading a popup before the click is not there (for Rolecall and the floor alike).
//
// The popup is not a BiDi browsing context either; it is read from another page of the same extension through
// extension.getViews({ type: 'popup' }), which returns the popup's window.
import { evaluateInBrowserWindow, type FirefoxExtension } from './firefox'

/** Firefox's id for an extension's toolbar widget (ExtensionCommon's makeWidgetId, then "-browser-action"). */
export const widgetId = (geckoId: string): string =>
  `${geckoId.toLowerCase().replace(/[^a-z0-9_-]/g, '_')}-browser-action`

export class FirefoxToolbar {
  private constructor(private readonly browser: FirefoxExtension) {}

  static async attach(browser: FirefoxExtension, geckoIds: string[]): Promise<FirefoxToolbar> {
    const toolbar = new FirefoxToolbar(browser)
    // Extensions' buttons start in the extensions menu; a person who uses one daily pins it to the toolbar.
    for (const id of geckoIds)
      await toolbar.run(`CustomizableUI.addWidgetToArea(${JSON.stringify(widgetId(id))}, CustomizableUI.AREA_NAVBAR)`)
    return toolbar
  }

  /** The moz-extension:// host of an installed extension. */
  async hostOf(geckoId: string): Promise<string> {
    return (await this.run(`WebExtensionPolicy.getByID(${JSON.stringify(geckoId)}).mozExtensionHostname`)) as string
  }

  /** Clicks the extension's toolbar button; returns the epoch ms just before the click. */
  async click(geckoId: string): Promise<number> {
    const expression = `(() => {
      const button = document.getElementById(${JSON.stringify(widgetId(geckoId))}).querySelector('toolbarbutton')
      const at = performance.timeOrigin + performance.now()
      const init = { bubbles: true, cancelable: true, button: 0, view: window }
      button.dispatchEvent(new MouseEvent('mousedown', init))
      button.dispatchEvent(new MouseEvent('mouseup', init))
      button.click()
      return at
    })()`
    return (await this.run(expression)) as number
  }

  private run(expression: string): Promise<unknown> {
    return evaluateInBrowserWindow(this.browser.browser, expression)
  }
}
