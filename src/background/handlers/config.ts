// Config import messages. Requests are data: the router caps and type-checks the text before anything reads it.
import type { ConfigMessages } from '../../shared/messages/config'
import { RolecallFailure } from '../../shared/protocol'
import { type ImportDeps, applyImport, storedConfig, storedProfiles } from '../config/import'
import type { Handlers } from '../router'
import type { BackgroundServices } from '../services'
import { requireUnlocked } from '../require-unlocked'

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
    'config.keyProfiles': async () => ({ profiles: await deps.keyProfiles() }),
    'config.apply': async ({ text, basedOn }) => {
      // The config decides which accounts and roles the keys are used for: no change while locked.
      await requireUnlocked(services.vault, 'importing a config')
      const applied = await applyImport(text, basedOn, deps)
      await services.vault.touch()
      return applied
    },
    'config.stored': () => storedConfig(),
    'config.profiles': () => storedProfiles(),
  }
}
