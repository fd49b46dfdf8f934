// Key derivation and key wrapping. The only other file allowed to call crypto.subtle is ./seal.ts; together
// they are Rolecall's one crypto module, and everything else goes through their small named operations.
import { randomBytes, utf8 } from './bytes'

export const DATA_KEY_BYTES = 32
export const SALT_BYTES = 16
export const IV_BYTES = 12
/** AES-GCM appends a 128-bit tag to every ciphertext. */
export const GCM_TAG_BYTES = 16

/**
 * PBKDF2-SHA256 → an AES-256-GCM key-encryption key. Not extractable: it can only encrypt and decrypt the
 * data key, it never leaves WebCrypto. The passphrase is NFC-normalised first, so the same passphrase typed
 * through different input methods (composed or decomposed accents) derives the same key.
 */
export async function deriveKek(
  passphrase: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', utf8(passphrase.normalize('NFC')), 'PBKDF2', false, [
    'deriveKey',
  ])
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  )
}

/** A fresh random 256-bit data key, as raw bytes (they go, wrapped, into the header and, unwrapped, into storage.session). */
export function generateDataKey(): Uint8Array<ArrayBuffer> {
  return randomBytes(DATA_KEY_BYTES)
}

export interface WrappedKey {
  iv: Uint8Array<ArrayBuffer>
  wrapped: Uint8Array<ArrayBuffer>
}

/*
 * Why AES-GCM and not AES-KW for the key wrap: AES-KW (RFC 3394) takes no additional data, so it could not
 * authenticate the vault header; we would need a second primitive (an HMAC) and a second key for that.
 * AES-GCM authenticates the header as additional data in the same operation that protects the data key, with
 * a fresh 96-bit IV per wrap (a wrap happens only at creation and at each passphrase change, each time under a
 * new salt and so a new KEK, so IV reuse under one key cannot happen in practice).
 */
export async function wrapDataKey(
  kek: CryptoKey,
  dataKey: Uint8Array<ArrayBuffer>,
  headerAad: Uint8Array<ArrayBuffer>,
): Promise<WrappedKey> {
  const iv = randomBytes(IV_BYTES)
  const wrapped = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: headerAad }, kek, dataKey),
  )
  return { iv, wrapped }
}

/** Returns the raw data key, or undefined when the KEK is wrong or the wrap or its header was altered (GCM cannot tell which). */
export async function unwrapDataKey(
  kek: CryptoKey,
  wrap: WrappedKey,
  headerAad: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer> | undefined> {
  try {
    const raw = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: wrap.iv, additionalData: headerAad },
      kek,
      wrap.wrapped,
    )
    return raw.byteLength === DATA_KEY_BYTES ? new Uint8Array(raw) : undefined
  } catch {
    return undefined
  }
}

/** The data key as a non-extractable AES-GCM key for sealing and opening records. */
export function importDataKey(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  if (raw.byteLength !== DATA_KEY_BYTES) throw new Error('A data key is 32 bytes.')
  return crypto.subtle.importKey('raw', raw, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt'])
}

/** SHA-256, used for the header's damage checksum (not for secrets). */
export async function sha256(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))
}
