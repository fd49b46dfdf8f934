// Encrypted backup files: the vault header (KDF parameters, wrapped data key), the base keys' ciphertexts and
// their non-secret metadata, sealed as a whole by a MAC under the data key. Nothing in the file is plaintext
// secret. Import checks everything — format, header, passphrase, the seal, every record decrypting,
// metadata — before it writes anything, then replaces the whole vault in one transaction. Cached STS sessions
// are not exported: they expire within hours.
import { MAX_BACKUP_CHARS } from '../../shared/messages/vault'
import { RolecallFailure } from '../../shared/protocol'
import { deriveMacKey, importDataKey, macMatches, macOf, wipe } from '../crypto'
import { checksumOf, hasValidChecksum } from './checksum'
import {
  canonicalJson,
  hasExactKeys,
  isPlainObject,
  ISO_TIME,
  type KeyMeta,
  type SealedRecord,
  type VaultHeader,
} from './format'
import { openHeader, parseHeader } from './header'
import { readHeader, type OpenedVault } from './lifecycle'
import { newKeyMeta, parseKeyMeta } from './key-meta'
import { baseKeyRecordId, openBaseKey, BASE_KEY_PREFIX } from './records'
import { backupChanged, damagedHeader, describeRecord, newerFormat, weakBackup } from './errors'
import { kdfPolicy, type KdfOptions } from './kdf-policy'
import type { VaultStore } from './store'

export const BACKUP_FORMAT = 'rolecall-backup'
/**
 * Version 2 added `mac`. Before it, only an unkeyed checksum covered the key metadata, whose IAM user name
 * becomes role session and federation names: anyone could edit a file and recompute the checksum. Version-1
 * files still import their keys (sealed under the data key, so authentic) but never their metadata.
 */
export const BACKUP_VERSION = 2
const UNSEALED_VERSION = 1
/** The HKDF purpose of the backup's MAC key: a tag made for anything else never verifies here. */
const MAC_PURPOSE = 'backup-meta'
const MAX_BACKUP_KEYS = 10_000

export interface BackupRecord extends SealedRecord {
  id: string
}

/** The HMAC key the file is sealed with; only the unlocked vault (or the backup's passphrase) yields the data key. */
const backupMacKey = (rawDataKey: Uint8Array<ArrayBuffer>) => deriveMacKey(rawDataKey, MAC_PURPOSE)

/** Canonical, so the tag does not depend on property order or the file's indentation. */
const sealedText = (body: Record<string, unknown>) => canonicalJson(body)

/**
 * Every base key is opened before it is exported: a backup that cannot be imported (import is all or nothing)
 * is worse than none, so a damaged key stops the export with a message naming it. Lost metadata is rebuilt
 * from the key itself rather than blocking the export.
 */
async function exportedKeys(
  store: VaultStore,
  dataKey: CryptoKey,
  now: Date,
): Promise<{ records: BackupRecord[]; keyMeta: KeyMeta[] }> {
  const records: BackupRecord[] = []
  const keyMeta: KeyMeta[] = []
  for (const { id, record } of await store.listRecords()) {
    if (!id.startsWith(BASE_KEY_PREFIX)) continue
    const profile = id.slice(BASE_KEY_PREFIX.length)
    const key = await openBaseKey(dataKey, profile, record)
    records.push({ id, ...(record as SealedRecord) })
    keyMeta.push(parseKeyMeta(await store.readKeyMeta(profile)) ?? newKeyMeta(profile, key.accessKeyId, now))
  }
  return { records, keyMeta }
}

/**
 * The MAC covers everything in the file but itself and the checksum: the metadata, and also which records are
 * in it and the header, so parts of two exports cannot be mixed. The checksum covers the MAC too, so a flipped
 * bit there still reads as "damaged", not as "changed".
 */
export async function exportBackup(
  store: VaultStore,
  rawDataKey: Uint8Array<ArrayBuffer>,
  now = new Date(),
): Promise<string> {
  const header = await readHeader(store)
  const { records, keyMeta } = await exportedKeys(store, await importDataKey(rawDataKey), now)
  const body = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: now.toISOString(),
    header,
    records,
    keyMeta,
  }
  const file = { ...body, mac: await macOf(await backupMacKey(rawDataKey), sealedText(body)!) }
  return `${JSON.stringify({ ...file, check: await checksumOf(file) }, null, 2)}\n`
}

const damaged = (reason: string) => damagedHeader(reason, 'backup')
const wrongFormat = (why: string) =>
  new RolecallFailure(
    'bad-request',
    `This file is not a Rolecall backup (${why}). Choose a file exported from Rolecall's options (Backup → Export).`,
  )

interface BackupFile {
  version: typeof BACKUP_VERSION | typeof UNSEALED_VERSION
  /** Everything the MAC covers. */
  body: Record<string, unknown>
  mac: unknown
  header: unknown
  records: unknown[]
  keyMeta: unknown[]
}

const COMMON_FIELDS = ['format', 'version', 'exportedAt', 'header', 'records', 'keyMeta', 'check']

/** Parses the file's outer structure; everything cryptographic is checked by importBackup. */
async function parseBackupFile(text: string): Promise<BackupFile> {
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
  if (typeof version === 'number' && Number.isInteger(version) && version > BACKUP_VERSION)
    throw newerFormat(version, 'backup')
  if (version !== BACKUP_VERSION && version !== UNSEALED_VERSION) throw damaged('its version is unknown')
  if (!hasExactKeys(file, version === BACKUP_VERSION ? [...COMMON_FIELDS, 'mac'] : COMMON_FIELDS))
    throw damaged('unexpected or missing fields')
  if (typeof file.exportedAt !== 'string' || !ISO_TIME.test(file.exportedAt))
    throw damaged('the export time is malformed')
  if (!Array.isArray(file.records) || !Array.isArray(file.keyMeta))
    throw damaged('records or key metadata are not lists')
  if (file.records.length > MAX_BACKUP_KEYS || file.keyMeta.length > MAX_BACKUP_KEYS)
    throw damaged('it holds too many records')
  const { check: _check, mac, ...body } = file
  return { version, body, mac, header: file.header, records: file.records, keyMeta: file.keyMeta }
}

/** The file as Rolecall exported it, or a 'tampered' failure; only the data key could make an edit match again. */
async function requireUnchanged(rawDataKey: Uint8Array<ArrayBuffer>, file: BackupFile): Promise<void> {
  const text = sealedText(file.body)
  if (text === undefined || !(await macMatches(await backupMacKey(rawDataKey), text, file.mac))) throw backupChanged()
}

interface CheckedRecord {
  profile: string
  record: SealedRecord
  /** From inside the sealed record: authentic even when the file's metadata is not. */
  accessKeyId: string
}

async function checkRecords(dataKey: CryptoKey, rawRecords: unknown[]): Promise<CheckedRecord[]> {
  const records = new Map<string, CheckedRecord>()
  for (const raw of rawRecords) {
    if (!isPlainObject(raw) || typeof raw.id !== 'string' || !raw.id.startsWith(BASE_KEY_PREFIX))
      throw damaged('a record has no valid id')
    const { id, ...sealed } = raw
    if (records.has(id)) throw damaged(`${describeRecord(id)} appears twice`)
    const profile = id.slice(BASE_KEY_PREFIX.length)
    let accessKeyId: string
    try {
      accessKeyId = (await openBaseKey(dataKey, profile, sealed)).accessKeyId
    } catch {
      throw damaged(`${describeRecord(id)} does not decrypt`)
    }
    records.set(id, { profile, record: sealed as unknown as SealedRecord, accessKeyId })
  }
  return [...records.values()]
}

/** Every base key has exactly one metadata entry and every entry has its key. */
function checkKeyMeta(rawMeta: unknown[], records: CheckedRecord[]): KeyMeta[] {
  const profiles = new Set(records.map((r) => r.profile))
  const metas = new Map<string, KeyMeta>()
  for (const raw of rawMeta) {
    const meta = parseKeyMeta(raw)
    if (!meta) throw damaged("a key's metadata is malformed")
    if (metas.has(meta.profile) || !profiles.has(meta.profile))
      throw damaged(`the metadata of profile "${meta.profile}" does not match its keys`)
    metas.set(meta.profile, meta)
  }
  const missing = [...profiles].find((p) => !metas.has(p))
  if (missing !== undefined) throw damaged(`the key of profile "${missing}" has no metadata`)
  return [...metas.values()]
}

/**
 * A version-1 file's metadata is not authenticated, so none of it is kept (not even the harmless-looking
 * dates): each key gets what its own sealed record proves, the last 4 characters of its id. The IAM user name,
 * ARN and account are learned again by GetCallerIdentity on the key's next login.
 */
function metaFromKeysAlone(records: CheckedRecord[], now: Date): KeyMeta[] {
  return records.map((r) => newKeyMeta(r.profile, r.accessKeyId, now))
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
export async function importBackup(
  store: VaultStore,
  text: string,
  passphrase: string,
  options: ImportOptions = {},
): Promise<OpenedVault> {
  const file = await parseBackupFile(text)
  const header = await parseHeader(file.header, 'backup')
  requireRestorableIterations(header, options)
  const dataKey = await openHeader(header, passphrase, 'backup')
  try {
    // The seal first, before any part of the file is trusted (or named in a message).
    const sealed = file.version === BACKUP_VERSION
    if (sealed) await requireUnchanged(dataKey, file)
    const records = await checkRecords(await importDataKey(dataKey), file.records)
    const keyMeta = sealed ? checkKeyMeta(file.keyMeta, records) : metaFromKeysAlone(records, options.now ?? new Date())
    await store.commit({
      ...(options.expectHeader ? { expectHeader: options.expectHeader } : {}),
      clearAll: true,
      header,
      putRecords: records.map((r) => [baseKeyRecordId(r.profile), r.record] as const),
      putKeyMeta: keyMeta,
    })
    return { header, dataKey }
  } catch (error) {
    wipe(dataKey)
    throw error
  }
}
