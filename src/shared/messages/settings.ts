import type { ConsoleMode, Settings } from '../../core/settings'
import { MAX_PASSPHRASE_LENGTH } from '../passphrase-strength'
import {
  checkedLater,
  empty,
  type MessageDeclarations,
  type MessageTypes,
  object,
  optional,
  returns,
  text,
} from '../schema'

export type { Settings, CustomEndpoints } from '../../core/settings'
export type { ConsoleMode, MultiSessionEvidence } from '../../core/settings'

/** The console's multi-session mode as Chrome's one cookie jar sees it; `usedHere` false with Firefox's containers. */
export type ConsoleModeInfo = ConsoleMode & { usedHere: boolean }

/** What the popup shows, on every open, while any non-AWS endpoint is in force. */
export interface EndpointNotice {
  stsEndpoint?: string
  signinEndpoint?: string
  consoleBase?: string
  /** false: changed outside Rolecall (logins refuse them); absent while locked (cannot be checked). */
  authentic?: boolean
}

/** Far longer than any endpoint URL; only there so a page cannot make the background parse megabytes. */
const ENDPOINT_MAX = 2048
const endpoint = optional(text(ENDPOINT_MAX))

export const settingsMessages = {
  'settings.get': { request: empty(), response: returns<Settings>() },
  /**
   * Validates and stores a partial update (not the endpoints); answers with the whole new settings. Needs the
   * unlocked vault. core/settings checks each field (and refuses names it does not know).
   */
  'settings.set': {
    request: object({ patch: checkedLater<Partial<Omit<Settings, 'endpoints'>>>() }),
    response: returns<Settings>(),
  },
  /**
   * Custom STS / sign-in / console endpoints decide where credentials go: they change only with the vault
   * unlocked and the passphrase typed again. Empty strings clear them (AWS's own hosts).
   */
  'settings.setEndpoints': {
    request: object({
      endpoints: object({ stsEndpoint: endpoint, signinEndpoint: endpoint, consoleBase: endpoint }),
      passphrase: text(MAX_PASSPHRASE_LENGTH),
    }),
    response: returns<Settings>(),
  },
  /**
   * The console's multi-session mode: the user's setting, what Rolecall detected in the browser (the console's
   * opt-in cookie, a per-session console host), and whether this browser uses it (Chrome's one jar; not with
   * Firefox's containers).
   */
  'settings.consoleMode': { request: empty(), response: returns<ConsoleModeInfo>() },
  /** The custom endpoints in force and whether their tag matches (null when AWS's own hosts are used). */
  'settings.endpointNotice': { request: empty(), response: returns<{ notice: EndpointNotice | null }>() },
} satisfies MessageDeclarations

export type SettingsMessages = MessageTypes<typeof settingsMessages>
