// Messages about the vault and the base keys in it. No response ever carries a secret: keys are described by
// their metadata (the last 4 characters of the access key id at most), and a backup is ciphertext only.
import type { VaultState } from './app'

export interface VaultSettings {
  /** Lock the vault after this many minutes without Rolecall activity (1–1440; default 15). */
  autoLockMinutes: number
}

/** A stored base key as pages see it. */
export interface KeyInfo {
  profile: string
  accessKeyIdLast4: string
  createdAt: string
  rotatedAt?: string
  iamUserName?: string
  userArn?: string
  accountId?: string
  /** Its metadata was lost or damaged: the key can still be deleted or replaced. */
  damaged?: true
}

export interface CredentialsImportProblem {
  line?: number
  profile?: string
  message: string
}

type Empty = Record<string, never>

export interface VaultMessages {
  'vault.create': { request: { passphrase: string }; response: { state: VaultState } }
  'vault.unlock': { request: { passphrase: string }; response: { state: VaultState } }
  'vault.lock': { request: Empty; response: { state: VaultState } }
  'vault.changePassphrase': { request: { oldPassphrase: string; newPassphrase: string }; response: null }
  'vault.settings.get': { request: Empty; response: VaultSettings }
  'vault.settings.set': { request: VaultSettings; response: VaultSettings }
  /** The encrypted backup file's text (no plaintext secret in it) and a suggested file name. */
  'vault.exportBackup': { request: Empty; response: { text: string; fileName: string } }
  /** Replaces the whole vault with the backup's; the vault is then unlocked with the backup's passphrase. */
  'vault.importBackup': { request: { text: string; passphrase: string }; response: { keys: KeyInfo[] } }
  'keys.list': { request: Empty; response: { keys: KeyInfo[] } }
  /** Adds or replaces (rotates) the base key of a profile. */
  'keys.put': { request: { profile: string; accessKeyId: string; secretAccessKey: string }; response: KeyInfo }
  'keys.delete': { request: { profile: string }; response: null }
  /** Reads a pasted ~/.aws/credentials: stores every valid long-term key, reports the rest. */
  'keys.importCredentials': {
    request: { text: string }
    response: { imported: KeyInfo[]; problems: CredentialsImportProblem[] }
  }
}
