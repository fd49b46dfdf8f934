// The check every change to how keys are used makes first: the vault exists and is unlocked. A change made
// at a locked browser (by someone who is not its user) must not decide where the next sign-in goes.
import type { VaultService } from './vault'
import { RolecallFailure } from '../shared/protocol'

export async function requireUnlocked(vault: Pick<VaultService, 'state'>, what: string): Promise<void> {
  const state = await vault.state()
  if (state === 'unlocked') return
  throw new RolecallFailure(
    state === 'none' ? 'vault-missing' : 'vault-locked',
    state === 'none'
      ? `Create your vault first: ${what} needs it.`
      : `Unlock Rolecall first: ${what} needs the unlocked vault.`,
  )
}
