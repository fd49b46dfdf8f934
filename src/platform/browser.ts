// The single import of the WebExtension API. Everything that touches `browser.*` lives in src/platform/,
// so the rest of the code (and its tests) depends on small typed functions instead of the global API.
import browser from 'webextension-polyfill'

export { browser }
export type { Runtime, Tabs, Storage } from 'webextension-polyfill'
