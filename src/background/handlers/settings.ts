// Settings messages. Every change needs the unlocked vault: settings decide how keys are used (session
// lengths, refresh), and the endpoints where credentials go, so those also need the passphrase again.
import type { Handlers } from '../router'
import type { SettingsMessages } from '../../shared/messages/settings'
import { RolecallFailure } from '../../shared/protocol'
import { requireUnlocked } from '../require-unlocked'
import { endpointNotice, readSettings, writeEndpoints, writeSettings } from '../settings'
import type { BackgroundServices } from '../services'
import { containersAvailable } from '../../platform/tabs'
import { readConsoleMode } from '../console/multi-session-mode'

export function settingsHandlers(services: BackgroundServices): Handlers<keyof SettingsMessages> {
  return {
    'settings.get': () => readSettings(),
    // Firefox's containers ignore the mode: no cookie is read there.
    'settings.consoleMode': async () =>
      containersAvailable()
        ? { multiSession: false, setting: (await readSettings()).consoleMultiSession, detected: null, usedHere: false }
        : { ...(await readConsoleMode()), usedHere: true },
    'settings.endpointNotice': async () => ({ notice: (await endpointNotice(services.vault)) ?? null }),
    'settings.set': async ({ patch }) => {
      await requireUnlocked(services.vault, 'changing settings')
      const next = await writeSettings(patch)
      await services.vault.touch()
      return next
    },
    'settings.setEndpoints': async ({ endpoints, passphrase }) => {
      await requireUnlocked(services.vault, 'changing where credentials are sent')
      if (!passphrase) throw new RolecallFailure('bad-request', 'Type your passphrase to change the endpoints.')
      await services.vault.confirmPassphrase(passphrase)
      const next = await writeEndpoints(endpoints, services.vault)
      await services.vault.touch()
      return next
    },
  }
}
