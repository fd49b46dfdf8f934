// Wires the vault service to the browser: IndexedDB, storage.session, storage.local, the auto-lock alarm and the
// idle API (locking with the machine). Called once, synchronously, when the background starts, so an alarm or an
// idle-state change that woke the worker finds its listener.
import { openRolecallDb } from '../../core/storage/db'
import { idbVaultStore } from '../../core/vault'
import { clearAlarm, onAlarm, scheduleAlarm } from '../../platform/alarms'
import { onIdleStateChanged, queryIdleState, setIdleDetectionInterval } from '../../platform/idle'
import { restrictSessionToTrustedContexts } from '../../platform/session-storage'
import { withLock } from '../locks'
import { storageLocal, storageSession } from '../storage-keys'
import { lockWithMachine } from './machine-lock'
import { createVaultService, type VaultService } from './service'
import { AUTO_LOCK_ALARM } from './unlock-state'

export type { VaultService } from './service'

export function createBackgroundVault(): VaultService {
  // One connection per worker lifetime, opened on first use; it holds no secret.
  let db: ReturnType<typeof openRolecallDb> | undefined
  const store = idbVaultStore(() => (db ??= openRolecallDb()))
  const vault = createVaultService({
    store,
    session: storageSession,
    local: storageLocal,
    alarms: { schedule: scheduleAlarm, clear: async (name) => clearAlarm(name) },
    withLock,
  })
  onAlarm(AUTO_LOCK_ALARM, () => vault.autoLockDue())
  restrictSessionToTrustedContexts().catch(() => {})
  return lockWithMachine(vault, {
    setDetectionInterval: setIdleDetectionInterval,
    queryState: queryIdleState,
    onStateChanged: onIdleStateChanged,
  })
}
