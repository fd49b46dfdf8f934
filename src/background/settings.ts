// Settings live in storage.local (non-secret). Reading falls back to defaults field by field.
import { settingsFromStorage, updateSettings, SettingsError, type Settings } from '../core/settings'
import { readLocal, writeLocal } from '../platform/local-storage'
import { RolecallFailure } from '../shared/protocol'
import { withLock } from './locks'

const KEY = 'settings'

export async function readSettings(): Promise<Settings> {
  return settingsFromStorage(await readLocal(KEY))
}

export function writeSettings(patch: Record<string, unknown>): Promise<Settings> {
  return withLock(KEY, async () => {
    let next: Settings
    try {
      next = updateSettings(await readSettings(), patch)
    } catch (error) {
      if (error instanceof SettingsError) throw new RolecallFailure('bad-request', error.message)
      throw error
    }
    await writeLocal(KEY, next)
    return next
  })
}
