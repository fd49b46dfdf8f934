// Byte helpers for the crypto module: random bytes, UTF-8, and a strict base64 that accepts only the one
// canonical encoding of each byte string. Strictness matters: a lenient decoder ignores the spare bits of the
// last character, so a flipped bit there would decode to the same bytes and go unnoticed.

export function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length)
  globalThis.crypto.getRandomValues(bytes)
  return bytes
}

export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(text)
}

/** Throws on invalid UTF-8 instead of substituting U+FFFD, so damage is never silently "repaired". */
export function fromUtf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
}

export function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

const BASE64_SHAPE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

/** Decodes canonical, padded base64; returns undefined for anything else (wrong alphabet, spare bits set). */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!BASE64_SHAPE.test(text)) return undefined
  const binary = atob(text)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return toBase64(bytes) === text ? bytes : undefined
}

/** Best effort: overwrite a buffer that held key material once it is no longer needed. */
export function wipe(bytes: Uint8Array | undefined): void {
  bytes?.fill(0)
}
