// Damage detection for stored and exported structures: SHA-256 over the canonical JSON of everything but the
// checksum itself. It catches accidents (a flipped bit, a truncated edit) so Rolecall can say "damaged"
// precisely; authenticity comes from AES-GCM, not from this.
import { sha256, toBase64, utf8 } from '../crypto'
import { canonicalJson } from './format'

export async function checksumOf(value: unknown): Promise<string | undefined> {
  const text = canonicalJson(value)
  return text === undefined ? undefined : toBase64(await sha256(utf8(text)))
}

/** Splits off `check` and verifies it; false for a missing, malformed or mismatching checksum. */
export async function hasValidChecksum(obj: Record<string, unknown>): Promise<boolean> {
  const { check, ...rest } = obj
  return typeof check === 'string' && check.length === 44 && (await checksumOf(rest)) === check
}
