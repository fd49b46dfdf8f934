// The e2e harness: launch a real browser with Rolecall's store build and drive its pages. `launch(kind, { aws })`
// puts the browser on the stand-in's network: AWS's real host names reach it over TLS, nothing else resolves.
// A journey written against ExtensionBrowser/ExtPage runs in both browsers:
//
//   for (const kind of BROWSERS) describe(kind, () => {
//     let b: ExtensionBrowser
//     beforeAll(async () => { b = await launch(kind) })
//     afterAll(() => b?.close())
//     it('...', async () => { const popup = await b.openPage(POPUP); ... })
//   })
//
// Chromium-only powers (service worker evaluate/stop, restart with the same profile) are on
// ChromiumExtension; Firefox-only (BiDi user contexts) on FirefoxExtension.
import { launchChromium, type ChromiumOptions } from './chromium'
import { launchFirefox, type FirefoxOptions } from './firefox'
import type { ExtensionBrowser } from './extension-browser'

export * from './extension-browser'
export * from './ext-page'
export * from './paths'
export { launchChromium, ChromiumExtension } from './chromium'
export { launchFirefox, FirefoxExtension } from './firefox'
export { startWebServer } from './web-server'
export { chromiumNetworkArgs, firefoxNetworkPrefs, type AwsNetwork } from './aws-network'
export { callBackground } from './call-background'
export { mustCall, useFakeAws, createVaultWithDemoKey, seedImport, readyForLogins, cacheMfaSession } from './setup'

export const BROWSERS = ['chromium', 'firefox'] as const
export type BrowserKind = (typeof BROWSERS)[number]

export function launch(kind: BrowserKind, options: ChromiumOptions & FirefoxOptions = {}): Promise<ExtensionBrowser> {
  return kind === 'chromium' ? launchChromium(options) : launchFirefox(options)
}
