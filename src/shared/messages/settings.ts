import type { CustomEndpoints, Settings } from '../../core/settings'

export type { Settings, CustomEndpoints } from '../../core/settings'

/** What the popup shows, on every open, while any non-AWS endpoint is in force. */
export interface EndpointNotice {
  stsEndpoint?: string
  signinEndpoint?: string
  consoleBase?: string
  /** false: changed outside Rolecall (logins refuse them); absent while locked (cannot be checked). */
  authentic?: boolean
}

export interface SettingsMessages {
  'settings.get': { request: Record<string, never>; response: Settings }
  /** Validates and stores a partial update (not the endpoints); answers with the whole new settings. Needs the unlocked vault. */
  'settings.set': { request: { patch: Partial<Omit<Settings, 'endpoints'>> }; response: Settings }
  /**
   * Custom STS / sign-in / console endpoints decide where credentials go: they change only with the vault
   * unlocked and the passphrase typed again. Empty strings clear them (AWS's own hosts).
   */
  'settings.setEndpoints': { request: { endpoints: CustomEndpoints; passphrase: string }; response: Settings }
  /** The custom endpoints in force and whether their tag matches (null when AWS's own hosts are used). */
  'settings.endpointNotice': { request: Record<string, never>; response: { notice: EndpointNotice | null } }
}
