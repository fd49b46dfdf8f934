// Random identifiers shaped like AWS's: ASIA key ids, 40-character secrets, long session tokens that contain
// '/', '+' and '=' (so clients must encode them), sign-in tokens and request ids.
import { randomBytes, randomUUID } from 'node:crypto'

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

export function temporaryAccessKeyId(): string {
  return 'ASIA' + [...randomBytes(16)].map((b) => BASE32[b % 32]).join('')
}

export function secretAccessKey(): string {
  // 30 random bytes → exactly 40 base64 characters, like AWS secrets.
  return randomBytes(30).toString('base64')
}

export function sessionToken(): string {
  // Real regional tokens run to about 1 KB; 400 bytes (base64 with '==' padding) keeps that spirit.
  return 'IQoJb3JpZ2luX2Vj' + randomBytes(400).toString('base64')
}

export function signinToken(): string {
  return randomBytes(192).toString('base64url')
}

export function consoleSessionId(): string {
  return randomBytes(24).toString('base64url')
}

export const requestId = (): string => randomUUID()
