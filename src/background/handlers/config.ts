// Config import messages. Requests are data: the text is capped and type-checked before anything reads it.
import type { ConfigMessages } from '../../shared/messages/config'
import { RolecallFailure } from '../../shared/protocol'
import { type ImportDeps, applyImport, previewImport, storedConfig, storedProfiles } from '../config/import'
import type { Handlers } from '../router'
import type { BackgroundServices } from '../services'
import { requireObject, requireString } from '../validate'
import { requireUnlocked } from '../require-unlocked'

/** A ~/.aws/config of 10,000 profiles is about 2 MB; 5 MB leaves room without letting a page exhaust memory. */
export const CONFIG_TEXT_MAX = 5 * 1024 * 1024

function basedOnOf(request: Record<string, unknown>): number {
  const value = Object.hasOwn(request, 'basedOn') ? request.basedOn : undefined
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value
  throw new RolecallFailure('bad-request', '"basedOn" must be the basedOn of the preview (0 before the first import).')
}

export function configHandlers(services: BackgroundServices): Handlers<keyof ConfigMessages> {
  const deps: ImportDeps = {
    async keyProfiles() {
      try {
        return (await services.vault.listKeys()).map((k) => k.profile)
      } catch (error) {
        if (error instanceof RolecallFailure && error.code === 'vault-missing') return []
        throw error
      }
    },
    now: () => Date.now(),
  }
  return {
    'config.preview': (request) => {
      requireObject(request)
      return previewImport(requireString(request, 'text', CONFIG_TEXT_MAX), deps)
    },
    'config.apply': async (request) => {
      requireObject(request)
      const text = requireString(request, 'text', CONFIG_TEXT_MAX)
      const basedOn = basedOnOf(request)
      // The config decides which accounts and roles the keys are used for: no change while locked.
      await requireUnlocked(services.vault, 'importing a config')
      const applied = await applyImport(text, basedOn, deps)
      await services.vault.touch()
      return applied
    },
    'config.stored': (request) => {
      requireObject(request)
      return storedConfig()
    },
    'config.profiles': (request) => {
      requireObject(request)
      return storedProfiles()
    },
  }
}
