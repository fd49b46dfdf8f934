import type { Handlers } from '../router'
import type { SettingsMessages } from '../../shared/messages/settings'
import { readSettings, writeSettings } from '../settings'
import { requireObject } from '../validate'

export function settingsHandlers(): Handlers<keyof SettingsMessages> {
  return {
    'settings.get': () => readSettings(),
    'settings.set': (request) => {
      requireObject(request)
      const patch = request.patch as unknown
      requireObject(patch)
      return writeSettings(patch)
    },
  }
}
