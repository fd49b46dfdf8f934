// The vault's stored formats, version 1 (the first release). Every persisted shape carries its version so a
// later release can migrate it (see ./migrations.ts); these types describe exactly what version 1 writes.

export const VAULT_FORMAT = 'rolecall-vault'
/** The format version this code writes. Readers accept every version listed in ./migrations.ts. */
export const FORMAT_VERSION = 1

/**
 * OWASP's 2023 figure for PBKDF2-HMAC-SHA256: every new wrap uses it, and unlocking a vault wrapped with fewer
 * raises it to this. The header records the count, so it can be raised later.
 */
export const DEFAULT_ITERATIONS = 600_000
/**
 * The fewest iterations a vault may be created or restored (backup import) with. Every backup a released
 * Rolecall wrote meets it; raising DEFAULT_ITERATIONS later must not raise this, or those backups stop importing.
 */
export const MIN_NEW_ITERATIONS = 600_000
/**
 * The fewest iterations a stored header may ask for and still be read: vaults written with fewer (the
 * version-1 fixture has 1,000) keep opening, and the unlock re-wraps them at DEFAULT_ITERATIONS. Below this a
 * header asks for almost no work, which only damage or an attacker would write.
 */
export const MIN_STORED_ITERATIONS = 1_000
/** Refuses a header that would make unlocking hang (a damaged or hostile count). */
export const MAX_ITERATIONS = 10_000_000

/** The one header record (store "vault", key "header"). Binary fields are canonical base64. */
export interface VaultHeader {
  format: typeof VAULT_FORMAT
  version: 1
  /** Random, fixed for the life of the data key: lets the background notice that the vault was replaced. */
  vaultId: string
  createdAt: string
  kdf: { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: string }
  wrap: { name: 'AES-GCM'; iv: string; key: string }
  /**
   * SHA-256 of everything above. It is not what protects the header (the key wrap's additional data does):
   * it only lets Rolecall say "damaged" instead of "wrong passphrase" when bits flip by accident.
   */
  check: string
}

/** One encrypted record (store "secrets", keyed by record id). */
export interface SealedRecord {
  v: 1
  iv: string
  ct: string
}

/** Non-secret facts about a stored base key (store "keyMeta", keyed by profile). */
export interface KeyMeta {
  profile: string
  /** Only the last 4 characters of the access key id are ever kept or shown outside the encrypted record. */
  accessKeyIdLast4: string
  createdAt: string
  rotatedAt?: string
  iamUserName?: string
  userArn?: string
  accountId?: string
}

export const HEADER_KEY = 'header'

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

export function hasExactKeys(
  obj: Record<string, unknown>,
  required: readonly string[],
  optional: readonly string[] = [],
): boolean {
  const keys = Object.keys(obj)
  return required.every((k) => Object.hasOwn(obj, k)) && keys.every((k) => required.includes(k) || optional.includes(k))
}

/**
 * JSON with object keys sorted at every level: the same value always gives the same bytes, whatever order
 * its properties were written or structured-cloned in. Returns undefined for anything that is not plain JSON
 * data (or nests deeper than `depth`), so a damaged record cannot make it loop or throw.
 */
export function canonicalJson(value: unknown, depth = 6): string | undefined {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : undefined
  if (depth <= 0) return undefined
  if (Array.isArray(value)) {
    const parts = value.map((item) => canonicalJson(item, depth - 1))
    return parts.every((p) => p !== undefined) ? `[${parts.join(',')}]` : undefined
  }
  if (!isPlainObject(value)) return undefined
  const parts: string[] = []
  for (const key of Object.keys(value).sort()) {
    if (value[key] === undefined) continue // as JSON.stringify does, so a JSON round trip keeps the checksum
    const part = canonicalJson(value[key], depth - 1)
    if (part === undefined) return undefined
    parts.push(`${JSON.stringify(key)}:${part}`)
  }
  return `{${parts.join(',')}}`
}

export const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/
