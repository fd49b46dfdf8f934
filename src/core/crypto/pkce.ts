// Proof Key for Code Exchange (RFC 7636, S256): the code the redirect carries is useless without the
// verifier, which never leaves the background. So a loopback redirect that some local program (or a page)
// also sees cannot be turned into a token.
import { randomBytes, toBase64, utf8 } from './bytes'
import { sha256 } from './keys'

function base64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

export interface PkcePair {
  verifier: string
  challenge: string
}

/** 32 random bytes as the verifier (43 characters, RFC 7636 §4.1), SHA-256 of it as the challenge. */
export async function newPkcePair(): Promise<PkcePair> {
  const verifier = base64Url(randomBytes(32))
  return { verifier, challenge: await pkceChallenge(verifier) }
}

/** The S256 challenge of a verifier: BASE64URL(SHA-256(ASCII(verifier))), RFC 7636 §4.2. */
export async function pkceChallenge(verifier: string): Promise<string> {
  return base64Url(await sha256(utf8(verifier)))
}

/** An unguessable OAuth `state`: ties the redirect to the request this background made. */
export function newOAuthState(): string {
  return base64Url(randomBytes(24))
}
