// The vault header: KDF parameters and the wrapped data key. The key wrap's additional data is the header
// itself (everything but the wrap's own IV and ciphertext, which GCM authenticates anyway), so changing any
// field — the iteration count, the salt, the version, the vault id — makes the unwrap fail.
import {
  deriveKek,
  fromBase64,
  randomBytes,
  toBase64,
  unwrapDataKey,
  utf8,
  wrapDataKey,
  DATA_KEY_BYTES,
  GCM_TAG_BYTES,
  IV_BYTES,
  SALT_BYTES,
} from '../crypto'
import {
  canonicalJson,
  hasExactKeys,
  isPlainObject,
  ISO_TIME,
  MAX_ITERATIONS,
  MIN_STORED_ITERATIONS,
  VAULT_FORMAT,
  FORMAT_VERSION,
  type VaultHeader,
} from './format'
import { kdfPolicy, type KdfOptions } from './kdf-policy'
import { checksumOf, hasValidChecksum } from './checksum'
import { damagedHeader, newerFormat, wrongPassphrase, type HeaderSource } from './errors'

type HeaderFields = Omit<VaultHeader, 'check' | 'wrap'>

function headerAad(fields: HeaderFields): Uint8Array<ArrayBuffer> {
  return utf8(canonicalJson({ ...fields, wrap: { name: 'AES-GCM' } })!)
}

export interface SealHeaderOptions extends KdfOptions {
  /** Kept when re-wrapping (passphrase change, unlock of an older vault); fresh for a new vault. */
  vaultId?: string
  createdAt?: string
}

/**
 * Wraps `dataKey` under a fresh salt and the passphrase, with the policy's iteration count (never a count the
 * caller picks): used to create a vault, to change its passphrase and to strengthen an older vault on unlock.
 */
export async function sealHeader(
  dataKey: Uint8Array<ArrayBuffer>,
  passphrase: string,
  options: SealHeaderOptions = {},
): Promise<VaultHeader> {
  const iterations = kdfPolicy(options).wrapIterations
  const salt = randomBytes(SALT_BYTES)
  const fields: HeaderFields = {
    format: VAULT_FORMAT,
    version: FORMAT_VERSION,
    vaultId: options.vaultId ?? toBase64(randomBytes(16)),
    createdAt: options.createdAt ?? (options.now ?? new Date()).toISOString(),
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: toBase64(salt) },
  }
  const kek = await deriveKek(passphrase, salt, iterations)
  const { iv, wrapped } = await wrapDataKey(kek, dataKey, headerAad(fields))
  const unchecked = { ...fields, wrap: { name: 'AES-GCM' as const, iv: toBase64(iv), key: toBase64(wrapped) } }
  return { ...unchecked, check: (await checksumOf(unchecked))! }
}

function base64Of(value: unknown, length: number): boolean {
  return typeof value === 'string' && fromBase64(value)?.byteLength === length
}

/** Why a version-1 header is malformed, or undefined when it is well formed. */
function v1Problem(h: Record<string, unknown>): string | undefined {
  if (!hasExactKeys(h, ['format', 'version', 'vaultId', 'createdAt', 'kdf', 'wrap', 'check']))
    return 'unexpected or missing fields'
  if (!base64Of(h.vaultId, 16)) return 'the vault id is malformed'
  if (typeof h.createdAt !== 'string' || !ISO_TIME.test(h.createdAt)) return 'the creation time is malformed'
  const kdf = h.kdf
  if (
    !isPlainObject(kdf) ||
    !hasExactKeys(kdf, ['name', 'hash', 'iterations', 'salt']) ||
    kdf.name !== 'PBKDF2' ||
    kdf.hash !== 'SHA-256'
  ) {
    return 'the key derivation settings are malformed'
  }
  const n = kdf.iterations
  if (typeof n !== 'number' || !Number.isInteger(n) || n < MIN_STORED_ITERATIONS || n > MAX_ITERATIONS)
    return 'the iteration count is out of range'
  if (!base64Of(kdf.salt, SALT_BYTES)) return 'the salt is malformed'
  const wrap = h.wrap
  if (!isPlainObject(wrap) || !hasExactKeys(wrap, ['name', 'iv', 'key']) || wrap.name !== 'AES-GCM')
    return 'the key wrap is malformed'
  if (!base64Of(wrap.iv, IV_BYTES) || !base64Of(wrap.key, DATA_KEY_BYTES + GCM_TAG_BYTES))
    return 'the wrapped key is malformed'
  return undefined
}

/**
 * Checks a stored (or imported) header and returns it typed. Order matters for the message the user sees:
 * the damage checksum first, so a flipped bit anywhere reads as "damaged", never as "wrong passphrase".
 */
export async function parseHeader(raw: unknown, source: HeaderSource = 'vault'): Promise<VaultHeader> {
  if (!isPlainObject(raw)) throw damagedHeader('it is not a header record', source)
  if (raw.format !== VAULT_FORMAT) throw damagedHeader('it is not a Rolecall vault header', source)
  if (!(await hasValidChecksum(raw))) throw damagedHeader('its checksum does not match', source)
  const version = raw.version
  if (typeof version === 'number' && Number.isInteger(version) && version > FORMAT_VERSION)
    throw newerFormat(version, source)
  if (version !== 1) throw damagedHeader('its format version is unknown', source)
  const problem = v1Problem(raw)
  if (problem) throw damagedHeader(problem, source)
  return raw as unknown as VaultHeader
}

/** Unwraps the data key with the passphrase. A well-formed header that fails to unwrap means a wrong passphrase. */
export async function openHeader(
  header: VaultHeader,
  passphrase: string,
  source: HeaderSource = 'vault',
): Promise<Uint8Array<ArrayBuffer>> {
  const { wrap, check: _check, ...fields } = header
  const kek = await deriveKek(passphrase, fromBase64(header.kdf.salt)!, header.kdf.iterations)
  const dataKey = await unwrapDataKey(
    kek,
    { iv: fromBase64(wrap.iv)!, wrapped: fromBase64(wrap.key)! },
    headerAad(fields),
  )
  if (!dataKey) throw wrongPassphrase(source)
  return dataKey
}
