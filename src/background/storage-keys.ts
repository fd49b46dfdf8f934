// Every key Rolecall keeps in storage.local and storage.session: its area, the type stored under it, and why it
// is there. Readers and writers go through storageLocal and storageSession below, typed by these two tables, so
// a key cannot be misspelt nor read as another type than the one written. (Larger data lives in IndexedDB,
// src/core/storage/db.ts; the popup keeps its last list in its own window.localStorage, kept-list-store.ts.)
//
// storage.local outlives restarts and is not Rolecall's alone to write (DevTools at a locked browser, a tool with
// the profile folder): a type here says what Rolecall writes, and a reader that acts on a value checks it.
// storage.session is memory only, cleared by a browser restart, and closed to content scripts.
import type { Settings } from '../core/settings'
import { readLocal, removeLocal, writeLocal } from '../platform/local-storage'
import { readSession, removeSession, writeSession } from '../platform/session-storage'
import type { VaultSettings } from '../shared/messages/vault'
import type { Places } from './console/places'
import type { PendingPrompt } from './login/pending'
import type { SsoSignInEntry } from './sso/sign-in-state'
import type { ProfilePrefs } from './login/prefs'
import type { UnlockedEntry } from './vault/unlock-state'

export interface LocalEntries {
  /** Non-secret settings, read back field by field over the defaults (settings.ts). */
  settings: Settings
  /**
   * The custom endpoints' tag: an HMAC under a key from the vault's data key, written when the user saves them
   * with the passphrase. A login sends credentials only to endpoints whose tag matches.
   */
  endpointsTag: string
  /** The auto-lock; a value above the default counts only with its tag (vault/vault-settings.ts). */
  vaultSettings: VaultSettings & { tag: string }
  /** Pinned and recently used profiles: names and times only. */
  profilePrefs: ProfilePrefs
  /** The Firefox containers and Chrome tab groups Rolecall created, per profile, so it reuses only its own. */
  places: Places
  /**
   * When the clipboard is to be cleared of a secret Rolecall copied (ms since the epoch; null once done). Not in
   * storage.session: a pending clear must outlive a browser restart, as the clipboard does.
   */
  clipboardClearAt: number | null
}

export interface SessionEntries {
  /** The unlocked vault: its data key (base64) and the vault's id. Only the background ever reads it. */
  'vault.unlocked': UnlockedEntry
  /** When the vault locks itself (ms since the epoch), for a worker that stopped and started again. */
  'vault.lockAt': number
  /** Logins waiting for an MFA code: the popup closes while the user fetches one, and the worker may stop. */
  mfaPrompts: PendingPrompt[]
  /**
   * Identity Center sign-ins under way, by instance: what the popup shows, the logins waiting to go on, and for
   * authorization code + PKCE the request's state and verifier until the redirect comes back (memory only; the
   * verifier is spent minutes later).
   */
  ssoSignIns: Record<string, SsoSignInEntry>
}

export type LocalKey = keyof LocalEntries
export type SessionKey = keyof SessionEntries

export interface LocalStorageArea {
  read<K extends LocalKey>(key: K): Promise<LocalEntries[K] | undefined>
  write<K extends LocalKey>(key: K, value: LocalEntries[K]): Promise<void>
  remove(key: LocalKey): Promise<void>
}

export interface SessionStorageArea {
  read<K extends SessionKey>(key: K): Promise<SessionEntries[K] | undefined>
  /** Several entries in one storage operation, so a stopped worker cannot leave half of them written. */
  write(entries: Partial<SessionEntries>): Promise<void>
  remove(keys: SessionKey[]): Promise<void>
}

export const storageLocal: LocalStorageArea = {
  read: <K extends LocalKey>(key: K) => readLocal<LocalEntries[K]>(key),
  write: (key, value) => writeLocal(key, value),
  remove: (key) => removeLocal(key),
}

export const storageSession: SessionStorageArea = {
  read: <K extends SessionKey>(key: K) => readSession<SessionEntries[K]>(key),
  write: (entries) => writeSession(entries),
  remove: (keys) => removeSession(keys),
}
