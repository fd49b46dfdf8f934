// What the vault service needs from the browser, as small interfaces: the real adapters live in
// src/platform (wired in ./index.ts), and unit tests pass in-memory fakes.
import type { VaultStore } from '../../core/vault'
import type { LocalStorageArea, SessionStorageArea } from '../storage-keys'

/** storage.session: memory only, kept while the browser runs, cleared by a browser restart. */
export type SessionArea = SessionStorageArea

/** storage.local: non-secret settings. */
export type LocalArea = Pick<LocalStorageArea, 'read' | 'write'>

export interface AlarmClock {
  schedule(name: string, when: number): Promise<void>
  clear(name: string): Promise<void>
}

export interface VaultServiceDeps {
  store: VaultStore
  session: SessionArea
  local: LocalArea
  alarms: AlarmClock
  now?: () => number
  /**
   * Unit tests only: a low PBKDF2 count, handed to the core as `testOnlyIterations` (new wraps, the backup
   * import floor). index.ts never sets it, and the core refuses it in the store build.
   */
  kdfIterations?: number
  /** Serialises vault-wide changes across concurrent messages (Web Locks in the background). */
  withLock?: <T>(name: string, task: () => Promise<T>) => Promise<T>
}
