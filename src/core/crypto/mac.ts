// Authenticating non-secret data under the vault's data key: settings that decide where credentials go, and
// the key metadata of a backup. Anyone who can write storage.local (or edit a backup file) can change the
// data, but not its tag, because the tag needs the data key, which only an unlocked vault has.
// The HMAC key is derived from the data key with HKDF and a purpose label, so it is never the key that
// encrypts records, and a tag made for one purpose never verifies for another.
import { fromBase64, toBase64, utf8 } from './bytes'
import { DATA_KEY_BYTES } from './keys'

const HKDF_SALT = utf8('rolecall/mac/v1')

/** A non-extractable HMAC-SHA256 key for one purpose ("settings", "backup-meta"), derived from the raw data key. */
export async function deriveMacKey(rawDataKey: Uint8Array<ArrayBuffer>, purpose: string): Promise<CryptoKey> {
  if (rawDataKey.byteLength !== DATA_KEY_BYTES) throw new Error('A data key is 32 bytes.')
  const material = await crypto.subtle.importKey('raw', rawDataKey, 'HKDF', false, ['deriveKey'])
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: HKDF_SALT, info: utf8(purpose) },
    material,
    { name: 'HMAC', hash: 'SHA-256', length: 256 },
    false,
    ['sign', 'verify'],
  )
}

/** The tag of `text` (base64), to store beside it. */
export async function macOf(key: CryptoKey, text: string): Promise<string> {
  return toBase64(new Uint8Array(await crypto.subtle.sign('HMAC', key, utf8(text))))
}

/** Whether `tag` is the tag of `text` under `key`; a malformed tag is simply no match. Constant-time (WebCrypto). */
export async function macMatches(key: CryptoKey, text: string, tag: unknown): Promise<boolean> {
  if (typeof tag !== 'string') return false
  const bytes = fromBase64(tag)
  if (!bytes) return false
  return crypto.subtle.verify('HMAC', key, bytes, utf8(text))
}
