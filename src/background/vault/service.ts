// The background's vault service: the one place that turns a passphrase into an unlocked vault and back.
// It holds nothing secret between calls — the worker may stop at any time — and reads the data key from
// storage.session on each use; locking removes it there, so there is nothing else to drop.
import { deriveMacKey, fromBase64, importDataKey, macMatches, macOf, wipe } from '../../core/crypto'
import {
  changePassphrase as rewrapVault,
  createVault,
  deleteBaseKey,
  exportBackup,
  forgetCachedSessions,
  getSsoRecord,
  putSsoRecord,
  deleteSsoRecord,
  listSsoKeys,
  getBaseKey,
  getCachedSession,
  hasVault,
  importBackup,
  isPlainObject,
  listKeys,
  openVault,
  parseHeader,
  putBaseKeys,
  putCachedSession,
  setKeyMeta,
  unlockVault,
  vaultLocked,
  vaultMissing,
  type BaseKey,
  type CachedSession,
  type SsoRecord,
  type KeyMeta,
  type KeyMetaUpdate,
  type KeySummary,
  type NewBaseKey,
  type VaultHeader,
} from '../../core/vault'
import { RolecallFailure } from '../../shared/protocol'
import type { VaultState } from '../../shared/messages/app'
import type { VaultSettings } from '../../shared/messages/vault'
import type { VaultServiceDeps } from './ports'
import { AUTO_LOCK_ALARM, clearUnlockedState, readUnlockedState, writeLockAt, writeUnlockedState } from './unlock-state'
import { AUTO_LOCK_MAC_PURPOSE, readVaultSettings, writeVaultSettings } from './vault-settings'

export interface VaultService {
  state(): Promise<VaultState>
  create(passphrase: string): Promise<void>
  unlock(passphrase: string): Promise<void>
  lock(): Promise<void>
  changePassphrase(oldPassphrase: string, newPassphrase: string): Promise<void>
  /** Metadata only; works while locked (nothing in it is secret). */
  listKeys(): Promise<KeySummary[]>
  putBaseKey(profile: string, accessKeyId: string, secretAccessKey: string): Promise<KeySummary>
  /** Several keys in one transaction (a pasted credentials file): all stored or none. */
  putBaseKeys(keys: readonly NewBaseKey[]): Promise<KeySummary[]>
  deleteBaseKey(profile: string): Promise<void>
  /** Background only: the decrypted key for a login. Throws RolecallFailure('vault-locked') when locked. */
  getBaseKey(profile: string): Promise<BaseKey>
  /** Fills in what the login code learns (GetCallerIdentity): IAM user name, ARN, account. */
  setKeyMeta(profile: string, update: KeyMetaUpdate): Promise<KeyMeta>
  getCachedSession(id: string): Promise<CachedSession | undefined>
  putCachedSession(id: string, session: CachedSession): Promise<void>
  forgetCachedSessions(): Promise<number>
  /** Identity Center: one record per instance (registration and tokens), encrypted like base keys. */
  getSsoRecord(key: string): Promise<SsoRecord | undefined>
  putSsoRecord(key: string, record: SsoRecord): Promise<void>
  deleteSsoRecord(key: string): Promise<void>
  listSsoKeys(): Promise<string[]>
  exportBackup(): Promise<string>
  importBackup(text: string, passphrase: string): Promise<KeySummary[]>
  /** User activity: pushes the auto-lock back by the configured timeout (no effect while locked). */
  touch(): Promise<void>
  /** Called by the auto-lock alarm: locks if the deadline has passed, else re-arms the alarm. */
  autoLockDue(): Promise<void>
  settings(): Promise<VaultSettings>
  setSettings(settings: VaultSettings): Promise<VaultSettings>
  /** Runs `listener` whenever the vault locks, so other background code can drop what it derived from secrets. */
  onLock(listener: () => void): void
  /** A tag over `text` under a key derived from the data key for `purpose` (crypto/mac.ts); 'vault-locked' when locked. */
  mac(purpose: string, text: string): Promise<string>
  /** Whether `tag` is `text`'s tag for `purpose`; 'vault-locked' when locked. */
  macMatches(purpose: string, text: string, tag: unknown): Promise<boolean>
  /** Checks a passphrase typed again (to confirm a sensitive change) without changing the vault; throws when wrong. */
  confirmPassphrase(passphrase: string): Promise<void>
}

export function createVaultService(deps: VaultServiceDeps): VaultService {
  const { store, session, alarms } = deps
  const now = deps.now ?? Date.now
  const withLock = deps.withLock ?? (<T>(_name: string, task: () => Promise<T>) => task())
  const kdf = { testOnlyIterations: deps.kdfIterations }
  const lockListeners: Array<() => void> = []

  /** When the vault locks itself if nothing else happens; `macKey` checks a stored auto-lock longer than the default. */
  async function deadline(macKey: CryptoKey): Promise<number> {
    return now() + (await readVaultSettings(deps.local, macKey)).autoLockMinutes * 60_000
  }

  async function remember(header: VaultHeader, dataKey: Uint8Array<ArrayBuffer>): Promise<void> {
    try {
      const lockAt = await deadline(await deriveMacKey(dataKey, AUTO_LOCK_MAC_PURPOSE))
      await writeUnlockedState(session, header.vaultId, dataKey, lockAt)
      await alarms.schedule(AUTO_LOCK_ALARM, lockAt)
    } finally {
      wipe(dataKey)
    }
  }

  async function lock(): Promise<void> {
    await clearUnlockedState(session)
    await alarms.clear(AUTO_LOCK_ALARM)
    for (const listener of lockListeners) {
      try {
        listener()
      } catch {
        // A listener's failure must not keep the vault unlocked or stop the others.
      }
    }
  }

  /** The raw data key (wipe it after use), or 'vault-locked' — also when the deadline passed or the vault was replaced. */
  async function unlockedBytes(): Promise<Uint8Array<ArrayBuffer>> {
    const unlocked = await readUnlockedState(session)
    if (!unlocked) throw vaultLocked()
    if (now() >= unlocked.lockAt) {
      await lock()
      throw vaultLocked()
    }
    const raw = await store.readHeader()
    if (raw === undefined) {
      await lock()
      throw vaultMissing()
    }
    const header = await parseHeader(raw)
    if (header.vaultId !== unlocked.vaultId) {
      await lock()
      throw vaultLocked()
    }
    return fromBase64(unlocked.dataKey)!
  }

  /** The data key as a non-extractable CryptoKey, or 'vault-locked'. */
  async function unlockedKey(): Promise<CryptoKey> {
    const bytes = await unlockedBytes()
    try {
      return await importDataKey(bytes)
    } finally {
      wipe(bytes)
    }
  }

  async function macKey(purpose: string): Promise<CryptoKey> {
    const bytes = await unlockedBytes()
    try {
      return await deriveMacKey(bytes, purpose)
    } finally {
      wipe(bytes)
    }
  }

  async function state(): Promise<VaultState> {
    // Both reads at once (IndexedDB and storage.session): every popup open asks for the state first.
    const [raw, unlocked] = await Promise.all([store.readHeader(), readUnlockedState(session)])
    if (raw === undefined) return 'none'
    if (!unlocked) return 'locked'
    if (now() >= unlocked.lockAt || !isPlainObject(raw) || raw.vaultId !== unlocked.vaultId) {
      await lock()
      return 'locked'
    }
    return 'unlocked'
  }

  async function requireVault(): Promise<void> {
    if (!(await hasVault(store))) throw vaultMissing()
  }

  async function importReplacing(text: string, passphrase: string): Promise<KeySummary[]> {
    const raw = await store.readHeader()
    let expectHeader: { check: string } | 'none' | undefined = 'none'
    if (raw !== undefined) {
      const current = await parseHeader(raw).catch(() => undefined)
      // A damaged vault cannot be unlocked: importing a backup is how it is repaired, so allow it then.
      if (current) {
        if ((await state()) !== 'unlocked') {
          throw new RolecallFailure(
            'vault-locked',
            'Unlock the vault first: importing a backup replaces every key in it.',
          )
        }
        expectHeader = { check: current.check }
      } else {
        expectHeader = undefined
      }
    }
    const opened = await importBackup(store, text, passphrase, { ...kdf, ...(expectHeader ? { expectHeader } : {}) })
    await remember(opened.header, opened.dataKey)
    return listKeys(store)
  }

  return {
    state,
    lock,
    create: (passphrase) =>
      withLock('vault', async () => {
        const created = await createVault(store, passphrase, kdf)
        await remember(created.header, created.dataKey)
      }),
    // Under the vault lock: unlocking an older vault re-wraps its header, a write like a passphrase change.
    unlock: (passphrase) =>
      withLock('vault', async () => {
        const opened = await unlockVault(store, passphrase, kdf)
        await remember(opened.header, opened.dataKey)
      }),
    changePassphrase: (oldPassphrase, newPassphrase) =>
      withLock('vault', async () => {
        await rewrapVault(store, oldPassphrase, newPassphrase, kdf)
      }),
    async listKeys() {
      await requireVault()
      return listKeys(store)
    },
    async putBaseKey(profile, accessKeyId, secretAccessKey) {
      const [meta] = await putBaseKeys(
        store,
        await unlockedKey(),
        [{ profile, accessKeyId, secretAccessKey }],
        new Date(now()),
      )
      return meta!
    },
    async putBaseKeys(keys) {
      return putBaseKeys(store, await unlockedKey(), keys, new Date(now()))
    },
    async deleteBaseKey(profile) {
      await unlockedKey()
      await deleteBaseKey(store, profile)
    },
    async getBaseKey(profile) {
      return getBaseKey(store, await unlockedKey(), profile)
    },
    setKeyMeta: (profile, update) => setKeyMeta(store, profile, update),
    async getCachedSession(id) {
      return getCachedSession(store, await unlockedKey(), id)
    },
    async putCachedSession(id, cached) {
      await putCachedSession(store, await unlockedKey(), id, cached)
    },
    forgetCachedSessions: () => forgetCachedSessions(store),
    async getSsoRecord(key) {
      return getSsoRecord(store, await unlockedKey(), key)
    },
    async putSsoRecord(key, record) {
      await putSsoRecord(store, await unlockedKey(), key, record)
    },
    async deleteSsoRecord(key) {
      await unlockedKey()
      await deleteSsoRecord(store, key)
    },
    async listSsoKeys() {
      await unlockedKey()
      return listSsoKeys(store)
    },
    async exportBackup() {
      // The raw key, not a CryptoKey: the backup's MAC key is derived from its bytes.
      const bytes = await unlockedBytes()
      try {
        return await exportBackup(store, bytes, new Date(now()))
      } finally {
        wipe(bytes)
      }
    },
    importBackup: (text, passphrase) => withLock('vault', () => importReplacing(text, passphrase)),
    async touch() {
      if ((await state()) !== 'unlocked') return
      const lockAt = await deadline(await macKey(AUTO_LOCK_MAC_PURPOSE))
      await writeLockAt(session, lockAt)
      await alarms.schedule(AUTO_LOCK_ALARM, lockAt)
    },
    async autoLockDue() {
      const unlocked = await readUnlockedState(session)
      if (!unlocked) return
      // Alarms can fire a little early (rounding) or late (a sleeping computer): compare with the deadline.
      if (now() >= unlocked.lockAt - 1_000) await lock()
      else await alarms.schedule(AUTO_LOCK_ALARM, unlocked.lockAt)
    },
    async settings() {
      // Unlocked: the auto-lock in force (checked); locked: what is stored, for display.
      if ((await state()) !== 'unlocked') return readVaultSettings(deps.local)
      return readVaultSettings(deps.local, await macKey(AUTO_LOCK_MAC_PURPOSE))
    },
    async setSettings(settings) {
      // A tag needs the data key: 'vault-locked' while locked.
      const next = await writeVaultSettings(deps.local, settings, await macKey(AUTO_LOCK_MAC_PURPOSE))
      const lockAt = now() + next.autoLockMinutes * 60_000
      await writeLockAt(session, lockAt)
      await alarms.schedule(AUTO_LOCK_ALARM, lockAt)
      return next
    },
    onLock(listener) {
      lockListeners.push(listener)
    },
    mac: async (purpose, text) => macOf(await macKey(purpose), text),
    macMatches: async (purpose, text, tag) => macMatches(await macKey(purpose), text, tag),
    async confirmPassphrase(passphrase) {
      // openVault, not unlockVault: confirming must not write (unlockVault re-wraps an older vault).
      const opened = await openVault(store, passphrase)
      wipe(opened.dataKey)
    },
  }
}
