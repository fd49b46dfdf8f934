// Messages about the extension as a whole.

export type VaultState = 'none' | 'locked' | 'unlocked'

export interface AppStatus {
  vault: VaultState
  profileCount: number
  version: string
  browser: 'firefox' | 'chrome'
}

export interface AppMessages {
  /** The state the popup and options pages render first. */
  'app.status': { request: Record<string, never>; response: AppStatus }
  /** Echo, for proving the page ↔ background round trip. */
  'app.ping': { request: { text: string }; response: { text: string; at: number } }
  /** Opens the options page (optionally at a section, e.g. "setup"). */
  'app.openOptions': { request: { section?: string }; response: null }
}
