// Encrypted backup files: the vault header (KDF parameters, wrapped data key), the base keys' ciphertexts and
// their non-secret metadata. Nothing in the file is plaintext secret. Import checks everything — format,
// header, passphrase, every record decrypting, metadata — before it writes anything, then replaces the whole
// vault in one transaction. Cached STS sessions are not exported: they expire within hours.
import { RolecallFailure } from '../../shared/protocol'
import { wipe, importDataKey } from '../crypto'
import { checksumOf, hasValidChecksum } from './checksum'
import { hasExactKeys, isPlainObject, ISO_TIME, type KeyMeta, type SealedRecord, type VaultHeader } from './format'
import { openHeader, parseHeader } from './header'
import { readHeader, type OpenedVault } from './lifecycle'
import { newKeyMeta, parseKeyMeta } from './key-meta'
import { baseKeyRecordId, openBaseKey, BASE_KEY_PREFIX } from './records'
import { damagedHeader, describeRecord, newerFormat, weakBackup } from './errors'
import { kdfPolicy, type KdfOptions } from './kdf-policy'
import type { VaultStore } from './store'

export const BACKUP_FORMAT = 'rolecall-backup'
export const BACKUP_VERSION = 1
export const MAX_BACKUP_CHARS = 5_000_000
const MAX_BACKUP_KEYS = 10_000

export interface BackupRecord extends SealedRecord {
  id: string
}

/**
 * Every base key is opened before it is exported: a backup that cannot be imported (import is all or nothing)
 * is worse than none, so a damaged key stops the export with a message naming it. Lost metadata is rebuilt
 * from the key itself rather than blocking the export.
 */
export async function exportBackup(store: VaultStore, dataKey: CryptoKey, now = new Date()): Promise<string> {
  const header = await readHeader(store)
  const records: BackupRecord[] = []
  const keyMeta: KeyMeta[] = []
  for (const { id, record } of await store.listRecords()) {
    if (!id.startsWith(BASE_KEY_PREFIX)) continue
    const profile = id.slice(BASE_KEY_PREFIX.length)
    const key = await openBaseKey(dataKey, profile, record)
    records.push({ id, ...(record as SealedRecord) })
    keyMeta.push(parseKeyMeta(await store.readKeyMeta(profile)) ?? newKeyMeta(profile, key.accessKeyId, now))
  }
  const file = { format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: now.toISOString(), header, records, keyMeta }
  return `${JSON.stringify({ ...file, check: await checksumOf(file) }, null, 2)}\n`
}

const damaged = (reason: string) => damagedHeader(reason, 'backup')
const wrongFormat = (why: string) =>
  new RolecallFailure('bad-request', `This file is not a Rolecall backup (${why}). Choose a file exported from Rolecall's options (Backup → Export).`)

/** Parses the file's outer structure; everything cryptographic is checked by importBackup. */
async function parseBackupFile(text: string): Promise<{ header: unknown; records: unknown[]; keyMeta: unknown[] }> {
  if (text.length > MAX_BACKUP_CHARS) throw wrongFormat('it is larger than any backup Rolecall writes')
  let file: unknown
  try {
    file = JSON.parse(text)
  } catch {
    throw wrongFormat('it is not JSON')
  }
  if (!isPlainObject(file) || file.format !== BACKUP_FORMAT) throw wrongFormat('it has no "format": "rolecall-backup"')
  // Checksum before version: a flipped bit in the version number reads as damage, not as "from a newer Rolecall".
  if (!(await hasValidChecksum(file))) throw damaged('its checksum does not match')
  const version = file.version
  if (typeof version === 'number' && Number.isInteger(version) && version > BACKUP_VERSION) throw newerFormat(version, 'backup')
  if (version !== BACKUP_VERSION) throw damaged('its version is unknown')
  if (!hasExactKeys(file, ['format', 'version', 'exportedAt', 'header', 'records', 'keyMeta', 'check'])) throw damaged('unexpected or missing fields')
  if (typeof file.exportedAt !== 'string' || !ISO_TIME.test(file.exportedAt)) throw damaged('the export time is malformed')
  if (!Array.isArray(file.records) || !Array.isArray(file.keyMeta)) throw damaged('records or key metadata are not lists')
  if (file.records.length > MAX_BACKUP_KEYS || file.keyMeta.length > MAX_BACKUP_KEYS) throw damaged('it holds too many records')
  return { header: file.header, records: file.records, keyMeta: file.keyMeta }
}

async function checkRecords(dataKey: CryptoKey, rawRecords: unknown[]): Promise<Array<[string, SealedRecord]>> {
  const records = new Map<string, SealedRecord>()
  for (const raw of rawRecords) {
    if (!isPlainObject(raw) || typeof raw.id !== 'string' || !raw.id.startsWith(BASE_KEY_PREFIX)) throw damaged('a record has no valid id')
    const { id, ...sealed } = raw
    if (records.has(id)) throw damaged(`${describeRecord(id)} appears twice`)
    const profile = id.slice(BASE_KEY_PREFIX.length)
    try {
      await openBaseKey(dataKey, profile, sealed)
    } catch {
      throw damaged(`${describeRecord(id)} does not decrypt`)
    }
    records.set(baseKeyRecordId(profile), sealed as unknown as SealedRecord)
  }
  return [...records]
}

/** Every base key has exactly one metadata entry and every entry has its key. */
function checkKeyMeta(rawMeta: unknown[], records: Array<[string, SealedRecord]>): KeyMeta[] {
  const profiles = new Set(records.map(([id]) => id.slice(BASE_KEY_PREFIX.length)))
  const metas = new Map<string, KeyMeta>()
  for (const raw of rawMeta) {
    const meta = parseKeyMeta(raw)
    if (!meta) throw damaged('a key\'s metadata is malformed')
    if (metas.has(meta.profile) || !profiles.has(meta.profile)) throw damaged(`the metadata of profile "${meta.profile}" does not match its keys`)
    metas.set(meta.profile, meta)
  }
  const missing = [...profiles].find((p) => !metas.has(p))
  if (missing !== undefined) throw damaged(`the key of profile "${missing}" has no metadata`)
  return [...metas.values()]
}

/**
 * Checked before the passphrase is even tried (no PBKDF2 run for a file that is refused anyway). No genuine
 * backup is below the floor: every release created vaults with 600,000 iterations, so such a file was made by
 * hand or by a test build, and it is refused rather than re-wrapped on import (see errors.ts weakBackup).
 */
function requireRestorableIterations(header: VaultHeader, options: KdfOptions): void {
  const floor = kdfPolicy(options).restoreFloor
  if (header.kdf.iterations < floor) throw weakBackup(header.kdf.iterations, floor)
}

export interface ImportOptions extends KdfOptions {
  /** When a vault exists, the header the caller unlocked: the import refuses if it changed meanwhile. */
  expectHeader?: { check: string } | 'none'
}

/** Replaces the whole vault with the backup's (its passphrase becomes the vault's). Returns it opened. */
export async function importBackup(store: VaultStore, text: string, passphrase: string, options: ImportOptions = {}): Promise<OpenedVault> {
  const file = await parseBackupFile(text)
  const header = await parseHeader(file.header, 'backup')
  requireRestorableIterations(header, options)
  const dataKey = await openHeader(header, passphrase, 'backup')
  try {
    const key = await importDataKey(dataKey)
    const records = await checkRecords(key, file.records)
    const keyMeta = checkKeyMeta(file.keyMeta, records)
    await store.commit({ ...(options.expectHeader ? { expectHeader: options.expectHeader } : {}), clearAll: true, header, putRecords: records, putKeyMeta: keyMeta })
    return { header, dataKey }
  } catch (error) {
    wipe(dataKey)
    throw error
  }
}
