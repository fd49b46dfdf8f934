// In-memory stand-ins for what the vault service gets from the browser: storage.session (values copied in
// and out, as the real area does), storage.local, alarms, and a clock the test moves by hand.
import { createVaultService } from '../../../src/background/vault/service'
import type { VaultServiceDeps } from '../../../src/background/vault/ports'
import { freshVaultDb, LOW_ITERATIONS } from './helpers'

export function fakeArea() {
  const data = new Map<string, unknown>()
  return {
    data,
    // never: a fake area holds whatever a test puts there, so it stands in for any key's type.
    read: async (key: string) => (data.has(key) ? structuredClone(data.get(key)) : undefined) as never,
    write: async (entries: Record<string, unknown>) => {
      for (const [k, v] of Object.entries(entries)) data.set(k, structuredClone(v))
    },
    remove: async (keys: string[]) => {
      for (const k of keys) data.delete(k)
    },
    dump: () => JSON.stringify(Object.fromEntries(data)),
  }
}

/** `overrides` replace the default deps, e.g. `{ kdfIterations: undefined }` for production's 600,000. */
export async function vaultWorld(overrides: Partial<VaultServiceDeps> = {}) {
  const db = await freshVaultDb()
  const session = fakeArea()
  const localArea = fakeArea()
  const local = { read: localArea.read, write: (key: string, value: unknown) => localArea.write({ [key]: value }) }
  const alarms = new Map<string, number>()
  const clock = { now: Date.parse('2025-06-01T10:00:00Z') }
  const deps: VaultServiceDeps = {
    store: db.store,
    session,
    local,
    alarms: {
      schedule: async (name, when) => void alarms.set(name, when),
      clear: async (name) => void alarms.delete(name),
    },
    now: () => clock.now,
    kdfIterations: LOW_ITERATIONS,
    ...overrides,
  }
  /** A new service over the same storage: what a restarted service worker gets. */
  const restartWorker = () => createVaultService(deps)
  /** A browser restart: storage.session is gone, IndexedDB and storage.local stay. */
  const restartBrowser = () => {
    session.data.clear()
    alarms.clear()
    return createVaultService(deps)
  }
  return { ...db, session, localArea, alarms, clock, service: createVaultService(deps), restartWorker, restartBrowser }
}
