// Messages about the extension as a whole.
import { empty, type MessageDeclarations, type MessageTypes, object, optional, returns, text } from '../schema'

export type VaultState = 'none' | 'locked' | 'unlocked'

export interface AppStatus {
  vault: VaultState
  profileCount: number
  version: string
  browser: 'firefox' | 'chrome'
}

export const appMessages = {
  /** The state the popup and options pages render first. */
  'app.status': { request: empty(), response: returns<AppStatus>() },
  /** Echo, for proving the page ↔ background round trip. */
  'app.ping': { request: object({ text: text(10_000) }), response: returns<{ text: string; at: number }>() },
  /** Opens the options page (optionally at a section, e.g. "setup"). */
  'app.openOptions': { request: object({ section: optional(text(64)) }), response: returns<null>() },
} satisfies MessageDeclarations

export type AppMessages = MessageTypes<typeof appMessages>
