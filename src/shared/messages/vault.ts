// Messages about the vault and the base keys in it. No response ever carries a secret: keys are described by
// their metadata (the last 4 characters of the access key id at most), and a backup is ciphertext only.
import { MAX_PASSPHRASE_LENGTH } from '../passphrase-strength'
import { empty, int, type MessageDeclarations, type MessageTypes, object, returns, text } from '../schema'
import type { VaultState } from './app'
import { PROFILE_NAME_MAX } from './profiles'

export const MIN_AUTO_LOCK_MINUTES = 1
export const MAX_AUTO_LOCK_MINUTES = 24 * 60
/** The largest backup file Rolecall reads (core/vault/backup.ts refuses a larger one too). */
export const MAX_BACKUP_CHARS = 5_000_000
/** A pasted ~/.aws/credentials of some thousand profiles. */
const CREDENTIALS_TEXT_MAX = 1_000_000

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

const passphrase = text(MAX_PASSPHRASE_LENGTH)
const profile = text(PROFILE_NAME_MAX)
const state = returns<{ state: VaultState }>()

export const vaultMessages = {
  'vault.create': { request: object({ passphrase }), response: state },
  'vault.unlock': { request: object({ passphrase }), response: state },
  'vault.lock': { request: empty(), response: state },
  'vault.changePassphrase': {
    request: object({ oldPassphrase: passphrase, newPassphrase: passphrase }),
    response: returns<null>(),
  },
  'vault.settings.get': { request: empty(), response: returns<VaultSettings>() },
  'vault.settings.set': {
    request: object({ autoLockMinutes: int(MIN_AUTO_LOCK_MINUTES, MAX_AUTO_LOCK_MINUTES) }),
    response: returns<VaultSettings>(),
  },
  /** The encrypted backup file's text (no plaintext secret in it) and a suggested file name. */
  'vault.exportBackup': { request: empty(), response: returns<{ text: string; fileName: string }>() },
  /** Replaces the whole vault with the backup's; the vault is then unlocked with the backup's passphrase. */
  'vault.importBackup': {
    request: object({ text: text(MAX_BACKUP_CHARS), passphrase }),
    response: returns<{ keys: KeyInfo[] }>(),
  },
  'keys.list': { request: empty(), response: returns<{ keys: KeyInfo[] }>() },
  /** Adds or replaces (rotates) the base key of a profile. */
  'keys.put': {
    request: object({ profile, accessKeyId: text(256), secretAccessKey: text(256) }),
    response: returns<KeyInfo>(),
  },
  'keys.delete': { request: object({ profile }), response: returns<null>() },
  /** Reads a pasted ~/.aws/credentials: stores every valid long-term key, reports the rest. */
  'keys.importCredentials': {
    request: object({ text: text(CREDENTIALS_TEXT_MAX) }),
    response: returns<{ imported: KeyInfo[]; problems: CredentialsImportProblem[] }>(),
  },
} satisfies MessageDeclarations

export type VaultMessages = MessageTypes<typeof vaultMessages>
