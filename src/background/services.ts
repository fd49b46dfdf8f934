// The background's domain services, created once per worker start. They hold no state of their own that
// matters across a worker restart: persistent data lives in IndexedDB, the unlocked key in storage.session.
import type { VaultState } from '../shared/messages/app'

export interface BackgroundServices {
  vaultState(): Promise<VaultState>
  profileCount(): Promise<number>
}

export function createServices(): BackgroundServices {
  return {
    // Replaced by the vault service once it exists; until then no vault can have been created.
    vaultState: async () => 'none',
    profileCount: async () => 0,
  }
}
