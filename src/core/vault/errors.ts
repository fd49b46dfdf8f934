// Every failure the vault can report, worded for the user. None of them ever includes a secret, a
// passphrase or key material: only profile names, record kinds and what to do next.
import { RolecallFailure } from '../../shared/protocol'

export type HeaderSource = 'vault' | 'backup'

export const vaultMissing = () =>
  new RolecallFailure('vault-missing', "There is no vault yet. Create one in Rolecall's options (Vault) first.")

export const vaultExists = () =>
  new RolecallFailure(
    'conflict',
    'A vault already exists. Change its passphrase instead, or import a backup to replace it.',
  )

export const vaultLocked = () =>
  new RolecallFailure('vault-locked', 'The vault is locked. Unlock it with your passphrase and try again.')

export const wrongPassphrase = (source: HeaderSource = 'vault') =>
  source === 'vault'
    ? new RolecallFailure(
        'wrong-passphrase',
        'That passphrase does not unlock the vault. Check Caps Lock and the keyboard layout, then try again.',
      )
    : new RolecallFailure(
        'wrong-passphrase',
        'That passphrase does not open this backup. Use the passphrase the vault had when the backup was exported.',
      )

export function damagedHeader(reason: string, source: HeaderSource = 'vault') {
  return source === 'vault'
    ? new RolecallFailure(
        'tampered',
        `The vault header is damaged or was altered (${reason}). Rolecall keeps the whole vault closed and changed nothing; restore it from a backup file in the options (Backup).`,
      )
    : new RolecallFailure('tampered', `The backup file is damaged (${reason}). Nothing was imported.`)
}

export const newerFormat = (version: number, source: HeaderSource = 'vault') =>
  new RolecallFailure(
    'conflict',
    `This ${source === 'vault' ? 'vault' : 'backup'} was written by a newer Rolecall (format version ${version}). Update Rolecall to open it; nothing was changed.`,
  )

/**
 * A backup whose key wrap costs a guesser less than a new vault would. Refused rather than re-wrapped: the file
 * itself stays just as weak wherever it is kept, and only a new export replaces it.
 */
export const weakBackup = (iterations: number, floor: number) =>
  new RolecallFailure(
    'bad-request',
    `This backup protects its keys with only ${iterations.toLocaleString('en-US')} PBKDF2 iterations; ` +
      `Rolecall restores a backup only with at least ${floor.toLocaleString('en-US')}, so that a copied backup file resists passphrase guessing. ` +
      "Nothing was imported. Export the backup again from a current Rolecall's options (Backup → Export) and import that file.",
  )

/** A backup whose MAC (made under the data key at export) does not match: someone edited the file since. */
export const backupChanged = () =>
  new RolecallFailure(
    'tampered',
    'The backup file was changed after it was exported: its contents no longer match the seal Rolecall made ' +
      "with the vault's key. Nothing was imported and the vault is unchanged. Import the file exactly as Rolecall exported it, or export a new one.",
  )

/** A readable name for a record id ("base:prod" → 'the key of profile "prod"'). */
export function describeRecord(recordId: string): string {
  if (recordId.startsWith('base:')) return `the key of profile "${recordId.slice(5)}"`
  if (recordId.startsWith('session:')) return `the cached MFA session of "${recordId.slice(8)}"`
  return `record "${recordId}"`
}

export function damagedRecord(recordId: string) {
  const what = describeRecord(recordId)
  const fix = recordId.startsWith('session:')
    ? 'Rolecall discarded it; the next login asks for a fresh MFA code.'
    : 'The other keys are unaffected. Delete this key and add it again (or restore a backup).'
  return new RolecallFailure(
    'tampered',
    `${capitalise(what)} cannot be decrypted: it is damaged or was altered. ${fix}`,
    { record: recordId },
  )
}

export const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)
