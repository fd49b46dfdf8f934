// Secret records: what each kind holds, its record id, and sealing/opening it under the data key.
// A record id names its kind and owner ("base:<profile>", "session:<mfa device>"); the id is part of the
// additional data, so a ciphertext copied under another id does not open.
import { fromBase64, openRecord, sealRecord, toBase64, GCM_TAG_BYTES, IV_BYTES } from '../crypto'
import { hasExactKeys, isPlainObject, FORMAT_VERSION, type SealedRecord } from './format'
import { damagedRecord } from './errors'
import { RolecallFailure } from '../../shared/protocol'

export interface BaseKey {
  accessKeyId: string
  secretAccessKey: string
}

export interface CachedSession {
  accessKeyId: string
  secretAccessKey: string
  sessionToken: string
  /** ISO 8601, as STS returns it. */
  expiration: string
}

export const BASE_KEY_PREFIX = 'base:'
export const SESSION_PREFIX = 'session:'
export const baseKeyRecordId = (profile: string) => `${BASE_KEY_PREFIX}${profile}`
export const sessionRecordId = (id: string) => `${SESSION_PREFIX}${id}`
export const SSO_PREFIX = 'sso:'
export const ssoRecordId = (key: string) => `${SSO_PREFIX}${key}`

/** An Identity Center instance's secrets: its OIDC client registration and the user's tokens. */
export interface SsoRecord {
  instance: { startUrl: string; region: string }
  registration?: { clientId: string; clientSecret: string; expiresAt: number; redirectUri?: string }
  tokens?: { accessToken: string; expiresAt: number; refreshToken?: string }
}

/** A stored record, checked for shape; undefined for anything that is not a version-1 sealed record. */
export function parseSealedRecord(
  raw: unknown,
): { iv: Uint8Array<ArrayBuffer>; ciphertext: Uint8Array<ArrayBuffer> } | undefined {
  if (!isPlainObject(raw) || !hasExactKeys(raw, ['v', 'iv', 'ct']) || raw.v !== 1) return undefined
  if (typeof raw.iv !== 'string' || typeof raw.ct !== 'string' || raw.ct.length > 100_000) return undefined
  const iv = fromBase64(raw.iv)
  const ciphertext = fromBase64(raw.ct)
  if (!iv || !ciphertext || iv.byteLength !== IV_BYTES || ciphertext.byteLength < GCM_TAG_BYTES) return undefined
  return { iv, ciphertext }
}

async function seal(dataKey: CryptoKey, recordId: string, payload: object): Promise<SealedRecord> {
  const { iv, ciphertext } = await sealRecord(dataKey, recordId, FORMAT_VERSION, JSON.stringify(payload))
  return { v: FORMAT_VERSION, iv: toBase64(iv), ct: toBase64(ciphertext) }
}

/** Opens a record; any damage (shape, IV, ciphertext, tag, wrong id) throws a 'tampered' failure for this record alone. */
async function open(dataKey: CryptoKey, recordId: string, raw: unknown): Promise<Record<string, unknown>> {
  const sealed = parseSealedRecord(raw)
  const text = sealed && (await openRecord(dataKey, recordId, FORMAT_VERSION, sealed))
  if (text === undefined) throw damagedRecord(recordId)
  let payload: unknown
  try {
    payload = JSON.parse(text)
  } catch {
    throw damagedRecord(recordId)
  }
  if (!isPlainObject(payload)) throw damagedRecord(recordId)
  return payload
}

const isText = (v: unknown, max = 4096): v is string => typeof v === 'string' && v.length > 0 && v.length <= max

export function sealBaseKey(dataKey: CryptoKey, profile: string, key: BaseKey): Promise<SealedRecord> {
  return seal(dataKey, baseKeyRecordId(profile), {
    kind: 'base-key',
    accessKeyId: key.accessKeyId,
    secretAccessKey: key.secretAccessKey,
  })
}

export async function openBaseKey(dataKey: CryptoKey, profile: string, raw: unknown): Promise<BaseKey> {
  const id = baseKeyRecordId(profile)
  const p = await open(dataKey, id, raw)
  if (
    !hasExactKeys(p, ['kind', 'accessKeyId', 'secretAccessKey']) ||
    p.kind !== 'base-key' ||
    !isText(p.accessKeyId) ||
    !isText(p.secretAccessKey)
  ) {
    throw damagedRecord(id)
  }
  return { accessKeyId: p.accessKeyId, secretAccessKey: p.secretAccessKey }
}

export function validateCachedSession(session: CachedSession): void {
  const ok =
    isPlainObject(session) &&
    isText(session.accessKeyId, 128) &&
    isText(session.secretAccessKey, 128) &&
    isText(session.sessionToken, 8192) &&
    typeof session.expiration === 'string' &&
    !Number.isNaN(Date.parse(session.expiration))
  if (!ok)
    throw new RolecallFailure(
      'bad-request',
      'A cached session needs an access key id, secret, session token and expiration time.',
    )
}

export function sealCachedSession(dataKey: CryptoKey, id: string, session: CachedSession): Promise<SealedRecord> {
  validateCachedSession(session)
  const { accessKeyId, secretAccessKey, sessionToken, expiration } = session
  return seal(dataKey, sessionRecordId(id), { kind: 'session', accessKeyId, secretAccessKey, sessionToken, expiration })
}

export async function openCachedSession(dataKey: CryptoKey, id: string, raw: unknown): Promise<CachedSession> {
  const recordId = sessionRecordId(id)
  const p = await open(dataKey, recordId, raw)
  const ok =
    hasExactKeys(p, ['kind', 'accessKeyId', 'secretAccessKey', 'sessionToken', 'expiration']) &&
    p.kind === 'session' &&
    isText(p.accessKeyId) &&
    isText(p.secretAccessKey) &&
    isText(p.sessionToken, 8192) &&
    typeof p.expiration === 'string'
  if (!ok) throw damagedRecord(recordId)
  return {
    accessKeyId: p.accessKeyId as string,
    secretAccessKey: p.secretAccessKey as string,
    sessionToken: p.sessionToken as string,
    expiration: p.expiration as string,
  }
}

export function sealSsoRecord(dataKey: CryptoKey, key: string, record: SsoRecord): Promise<SealedRecord> {
  if (!validSsoRecord(record)) throw new RolecallFailure('bad-request', 'An Identity Center record is malformed.')
  return seal(dataKey, ssoRecordId(key), { kind: 'sso', ...record })
}

export async function openSsoRecord(dataKey: CryptoKey, key: string, raw: unknown): Promise<SsoRecord> {
  const recordId = ssoRecordId(key)
  const { kind, ...rest } = await open(dataKey, recordId, raw)
  if (kind !== 'sso' || !validSsoRecord(rest)) throw damagedRecord(recordId)
  return rest
}

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)

function validSsoRecord(r: unknown): r is SsoRecord {
  if (!isPlainObject(r) || !hasExactKeys(r, ['instance'], ['registration', 'tokens'])) return false
  const { instance, registration, tokens } = r
  if (!isPlainObject(instance) || !hasExactKeys(instance, ['startUrl', 'region'])) return false
  if (!isText(instance.startUrl, 512) || !isText(instance.region, 64)) return false
  if (registration !== undefined) {
    if (
      !isPlainObject(registration) ||
      !hasExactKeys(registration, ['clientId', 'clientSecret', 'expiresAt'], ['redirectUri'])
    )
      return false
    if (!isText(registration.clientId) || !isText(registration.clientSecret, 8192) || !isTime(registration.expiresAt))
      return false
    if (registration.redirectUri !== undefined && !isText(registration.redirectUri)) return false
  }
  if (tokens !== undefined) {
    if (!isPlainObject(tokens) || !hasExactKeys(tokens, ['accessToken', 'expiresAt'], ['refreshToken'])) return false
    if (!isText(tokens.accessToken, 16_384) || !isTime(tokens.expiresAt)) return false
    if (tokens.refreshToken !== undefined && !isText(tokens.refreshToken, 16_384)) return false
  }
  return true
}
