// Sealing secret records: AES-256-GCM under the data key, a fresh random 96-bit IV per seal, and additional
// data that binds the ciphertext to its record id and format version (so a ciphertext moved to another id,
// or replayed under another format, fails to open).
import { IV_BYTES, GCM_TAG_BYTES } from './keys'
import { fromUtf8, randomBytes, utf8 } from './bytes'

export interface SealedBytes {
  iv: Uint8Array<ArrayBuffer>
  ciphertext: Uint8Array<ArrayBuffer>
}

export function recordAad(recordId: string, formatVersion: number): Uint8Array<ArrayBuffer> {
  // JSON of an array: unambiguous framing, so ("a:b", 1) and ("a", ":b1") can never produce the same bytes.
  return utf8(JSON.stringify(['rolecall/record', formatVersion, recordId]))
}

/*
 * A random 96-bit IV per seal is safe here: NIST SP 800-38D caps random IVs at 2^32 encryptions per key, and a
 * vault seals a few records per login at most.
 */
export async function sealRecord(
  dataKey: CryptoKey,
  recordId: string,
  formatVersion: number,
  plaintext: string,
): Promise<SealedBytes> {
  const iv = randomBytes(IV_BYTES)
  const additionalData = recordAad(recordId, formatVersion)
  const ciphertext = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData }, dataKey, utf8(plaintext)),
  )
  return { iv, ciphertext }
}

/** The plaintext, or undefined when the record was altered, moved to another id, or sealed under another key. */
export async function openRecord(
  dataKey: CryptoKey,
  recordId: string,
  formatVersion: number,
  sealed: SealedBytes,
): Promise<string | undefined> {
  if (sealed.iv.byteLength !== IV_BYTES || sealed.ciphertext.byteLength < GCM_TAG_BYTES) return undefined
  try {
    const additionalData = recordAad(recordId, formatVersion)
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: sealed.iv, additionalData },
      dataKey,
      sealed.ciphertext,
    )
    return fromUtf8(new Uint8Array(plain))
  } catch {
    return undefined
  }
}
