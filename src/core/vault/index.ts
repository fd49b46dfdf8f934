// The vault core: formats, lifecycle, secret records, backup, and the checks the options page shares.
export * from './format'
export { sealHeader, parseHeader, openHeader } from './header'
export {
  createVault,
  openVault,
  unlockVault,
  changePassphrase,
  readHeader,
  hasVault,
  type KdfOptions,
  type OpenedVault,
} from './lifecycle'
export * from './secrets'
export {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  exportBackup,
  importBackup,
  type BackupRecord,
  type ImportOptions,
} from './backup'
export { validateBaseKey, validateProfileName } from './base-key-validation'
export {
  assessPassphrase,
  MIN_PASSPHRASE_LENGTH,
  MAX_PASSPHRASE_LENGTH,
  type PassphraseAssessment,
} from '../../shared/passphrase-strength'
export { applyKeyMetaUpdate, parseKeyMeta, type KeyMetaUpdate } from './key-meta'
export { type BaseKey, type CachedSession, type SsoRecord, baseKeyRecordId, sessionRecordId } from './records'
export type { VaultStore, VaultBatch, CommitCheckpoint } from './store'
export { idbVaultStore, type IdbVaultStoreOptions } from './idb-store'
export { vaultLocked, vaultMissing, wrongPassphrase } from './errors'
