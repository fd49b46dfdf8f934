import type { Settings } from '../../core/settings'

export type { Settings, CustomEndpoints } from '../../core/settings'

export interface SettingsMessages {
  'settings.get': { request: Record<string, never>; response: Settings }
  /** Validates and stores a partial update; answers with the whole new settings. */
  'settings.set': { request: { patch: Partial<Settings> }; response: Settings }
}
