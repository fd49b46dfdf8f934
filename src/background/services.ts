// The background's domain services, created once per worker start. They hold no state of their own that
// matters across a worker restart: persistent data lives in IndexedDB, the unlocked key in storage.session.
import type { VaultState } from '../shared/messages/app'
import { createBackgroundVault, type VaultService } from './vault'
import { createLoginService, type LoginService } from './login/service'
import { readProfileSummaries } from './config/stored-import'
import { watchConsoles } from './console/watch'

export interface BackgroundServices {
  vaultState(): Promise<VaultState>
  /** The vault: unlock state, base keys, cached MFA sessions, backup. */
  vault: VaultService
  profileCount(): Promise<number>
  /** Opening consoles: STS, federation sign-in, tabs and containers, MFA prompts. */
  login: LoginService
}

export function createServices(): BackgroundServices {
  const vault = createBackgroundVault()
  // The watcher reschedules refreshes whenever a login changes the tracked sessions.
  const login: LoginService = createLoginService(vault, () => watcher.reschedule())
  const watcher = watchConsoles(login, vault)
  vault.onLock(() => void watcher.reschedule().catch(() => undefined))
  return {
    vault,
    login,
    // Opening the popup or options page is user activity: it pushes the auto-lock back.
    vaultState: async () => {
      const state = await vault.state()
      if (state === 'unlocked') await vault.touch()
      return state
    },
    profileCount: async () => (await readProfileSummaries()).length,
  }
}
