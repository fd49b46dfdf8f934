// Reading and writing secret records once the vault is unlocked (the caller holds the data key as a
// non-extractable CryptoKey). Base keys are written together with their metadata in one transaction.
import { RolecallFailure } from '../../shared/protocol'
import type { KeyMeta, SealedRecord } from './format'
import { applyKeyMetaUpdate, newKeyMeta, parseKeyMeta, type KeyMetaUpdate } from './key-meta'
import { validateBaseKey, validateProfileName } from './base-key-validation'
import {
  baseKeyRecordId,
  openBaseKey,
  openCachedSession,
  sealBaseKey,
  sealCachedSession,
  sessionRecordId,
  openSsoRecord,
  sealSsoRecord,
  ssoRecordId,
  SSO_PREFIX,
  type SsoRecord,
  BASE_KEY_PREFIX,
  SESSION_PREFIX,
  type BaseKey,
  type CachedSession,
} from './records'
import type { VaultStore } from './store'

/** A key as the options page lists it: metadata only. `damaged` marks a key whose metadata is missing or unreadable. */
export interface KeySummary extends KeyMeta {
  damaged?: true
}

export interface NewBaseKey {
  profile: string
  accessKeyId: string
  secretAccessKey: string
}

/** Validates every key first, then stores them all with their metadata in one transaction (all or none). */
export async function putBaseKeys(
  store: VaultStore,
  dataKey: CryptoKey,
  keys: readonly NewBaseKey[],
  now = new Date(),
): Promise<KeyMeta[]> {
  const valid = keys.map((k) => ({
    profile: k.profile,
    ...validateBaseKey(k.profile, k.accessKeyId, k.secretAccessKey),
  }))
  const records: Array<[string, SealedRecord]> = []
  const metas: KeyMeta[] = []
  for (const key of valid) {
    const previous = parseKeyMeta(await store.readKeyMeta(key.profile))
    records.push([baseKeyRecordId(key.profile), await sealBaseKey(dataKey, key.profile, key)])
    metas.push(newKeyMeta(key.profile, key.accessKeyId, now, previous))
  }
  await store.commit({ putRecords: records, putKeyMeta: metas })
  return metas
}

export async function putBaseKey(
  store: VaultStore,
  dataKey: CryptoKey,
  profile: string,
  accessKeyId: string,
  secretAccessKey: string,
  now = new Date(),
): Promise<KeyMeta> {
  const [meta] = await putBaseKeys(store, dataKey, [{ profile, accessKeyId, secretAccessKey }], now)
  return meta!
}

export async function getBaseKey(store: VaultStore, dataKey: CryptoKey, profile: string): Promise<BaseKey> {
  validateProfileName(profile)
  const raw = await store.readRecord(baseKeyRecordId(profile))
  if (raw === undefined) {
    throw new RolecallFailure(
      'not-found',
      `No access key is stored for profile "${profile}". Add it in Rolecall's options (Keys).`,
      { profile },
    )
  }
  return openBaseKey(dataKey, profile, raw)
}

export async function deleteBaseKey(store: VaultStore, profile: string): Promise<void> {
  validateProfileName(profile)
  await store.commit({ deleteRecords: [baseKeyRecordId(profile)], deleteKeyMeta: [profile] })
}

/** Every stored base key, by profile name; a record whose metadata is lost still appears (so it can be deleted). */
export async function listKeys(store: VaultStore): Promise<KeySummary[]> {
  const byProfile = new Map<string, KeySummary>()
  for (const raw of await store.listKeyMeta()) {
    const meta = parseKeyMeta(raw)
    if (meta) byProfile.set(meta.profile, meta)
  }
  const withRecord = new Set<string>()
  for (const { id } of await store.listRecords()) {
    if (!id.startsWith(BASE_KEY_PREFIX)) continue
    const profile = id.slice(BASE_KEY_PREFIX.length)
    withRecord.add(profile)
    if (!byProfile.has(profile))
      byProfile.set(profile, { profile, accessKeyIdLast4: '????', createdAt: new Date(0).toISOString(), damaged: true })
  }
  // Metadata without a record describes a key that is not there: do not list it as usable.
  return [...byProfile.values()]
    .filter((k) => withRecord.has(k.profile))
    .sort((a, b) => a.profile.localeCompare(b.profile))
}

export async function setKeyMeta(store: VaultStore, profile: string, update: KeyMetaUpdate): Promise<KeyMeta> {
  validateProfileName(profile)
  const meta = parseKeyMeta(await store.readKeyMeta(profile))
  if (!meta) throw new RolecallFailure('not-found', `No access key is stored for profile "${profile}".`, { profile })
  const next = applyKeyMetaUpdate(meta, update)
  await store.commit({ putKeyMeta: [next] })
  return next
}

function validateSessionId(id: unknown): string {
  if (typeof id !== 'string' || id.length === 0 || id.length > 2048 || /[\x00-\x1f\x7f]/.test(id)) {
    throw new RolecallFailure('bad-request', 'A cached session id must be 1–2048 printable characters.')
  }
  return id
}

/** The cached session, or undefined if none. A damaged one is deleted (it can always be fetched again) and reported. */
export async function getCachedSession(
  store: VaultStore,
  dataKey: CryptoKey,
  id: string,
): Promise<CachedSession | undefined> {
  const recordId = sessionRecordId(validateSessionId(id))
  const raw = await store.readRecord(recordId)
  if (raw === undefined) return undefined
  try {
    return await openCachedSession(dataKey, id, raw)
  } catch (error) {
    await store.commit({ deleteRecords: [recordId] })
    throw error
  }
}

export async function putCachedSession(
  store: VaultStore,
  dataKey: CryptoKey,
  id: string,
  session: CachedSession,
): Promise<void> {
  const record = await sealCachedSession(dataKey, validateSessionId(id), session)
  await store.commit({ putRecords: [[sessionRecordId(id), record]] })
}

export async function forgetCachedSessions(store: VaultStore): Promise<number> {
  const ids = (await store.listRecords()).map((r) => r.id).filter((id) => id.startsWith(SESSION_PREFIX))
  if (ids.length) await store.commit({ deleteRecords: ids })
  return ids.length
}

function validateSsoKey(key: unknown): string {
  if (typeof key !== 'string' || key.length === 0 || key.length > 600 || /[\x00-\x1f\x7f]/.test(key))
    throw new RolecallFailure('bad-request', 'An Identity Center instance key must be 1–600 printable characters.')
  return key
}

/** An instance's registration and tokens, or undefined. A damaged record is deleted (signing in again restores it). */
export async function getSsoRecord(store: VaultStore, dataKey: CryptoKey, key: string): Promise<SsoRecord | undefined> {
  const recordId = ssoRecordId(validateSsoKey(key))
  const raw = await store.readRecord(recordId)
  if (raw === undefined) return undefined
  try {
    return await openSsoRecord(dataKey, key, raw)
  } catch (error) {
    await store.commit({ deleteRecords: [recordId] })
    throw error
  }
}

export async function putSsoRecord(
  store: VaultStore,
  dataKey: CryptoKey,
  key: string,
  record: SsoRecord,
): Promise<void> {
  const sealed = await sealSsoRecord(dataKey, validateSsoKey(key), record)
  await store.commit({ putRecords: [[ssoRecordId(key), sealed]] })
}

export async function deleteSsoRecord(store: VaultStore, key: string): Promise<void> {
  await store.commit({ deleteRecords: [ssoRecordId(validateSsoKey(key))] })
}

/** The keys of every stored instance record. */
export async function listSsoKeys(store: VaultStore): Promise<string[]> {
  return (await store.listRecords())
    .map((r) => r.id)
    .filter((id) => id.startsWith(SSO_PREFIX))
    .map((id) => id.slice(SSO_PREFIX.length))
}
