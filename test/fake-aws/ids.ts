// Random identifiers shaped like AWS's: ASIA key ids, 40-character secrets, long session tokens that contain
// '/', '+' and '=' (so clients must encode them), sign-in tokens and request ids.
import { randomBytes, randomInt, randomUUID } from 'node:crypto'

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

export function temporaryAccessKeyId(): string {
  return 'ASIA' + [...randomBytes(16)].map((b) => BASE32[b % 32]).join('')
}

export function secretAccessKey(): string {
  // 30 random bytes → exactly 40 base64 characters, like AWS secrets.
  return randomBytes(30).toString('base64')
}

/** Session tokens are 1,100–1,340 characters, varying, as AWS's regional ones (about 1 KB and more) do. */
export const SESSION_TOKEN_LENGTH = { min: 1100, max: 1340 }
/** Sign-in tokens are 1,200–1,400 characters of base64url, varying. */
export const SIGNIN_TOKEN_LENGTH = { min: 1200, max: 1400 }

export function sessionToken(): string {
  // 3m+1 random bytes: base64 with '==' padding, so every token has '=' (and, at this size, '/' and '+').
  return 'IQoJb3JpZ2luX2Vj' + randomBytes(3 * randomInt(270, 331) + 1).toString('base64')
}

export function signinToken(): string {
  return randomBytes(randomInt(900, 1051)).toString('base64url')
}

export function consoleSessionId(): string {
  return randomBytes(24).toString('base64url')
}

export const requestId = (): string => randomUUID()
