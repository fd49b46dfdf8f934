// Non-secret facts about each stored base key, kept beside (not inside) the encrypted record so the options
// page can list keys while the vault is locked. Never the full access key id: only its last 4 characters.
import { RolecallFailure } from '../../shared/protocol'
import { hasExactKeys, isPlainObject, ISO_TIME, type KeyMeta } from './format'

export type KeyMetaUpdate = Partial<Pick<KeyMeta, 'iamUserName' | 'userArn' | 'accountId'>>

const IAM_USER_NAME = /^[\w+=,.@-]{1,64}$/
const ACCOUNT_ID = /^\d{12}$/
const USER_ARN = /^arn:aws[\w-]*:(iam|sts)::\d{12}:[\x21-\x7e]{1,2000}$/
export const PROFILE_NAME_MAX = 128

export function newKeyMeta(profile: string, accessKeyId: string, now: Date, previous?: KeyMeta): KeyMeta {
  const last4 = accessKeyId.slice(-4)
  if (!previous) return { profile, accessKeyIdLast4: last4, createdAt: now.toISOString() }
  // A rotated key belongs to the same IAM user, so the identity learned from GetCallerIdentity carries over.
  return { ...previous, accessKeyIdLast4: last4, rotatedAt: now.toISOString() }
}

export function applyKeyMetaUpdate(meta: KeyMeta, update: KeyMetaUpdate): KeyMeta {
  const next: KeyMeta = { ...meta }
  if (update.iamUserName !== undefined) {
    if (!IAM_USER_NAME.test(update.iamUserName))
      throw new RolecallFailure('bad-request', `"${update.iamUserName.slice(0, 80)}" is not an IAM user name.`)
    next.iamUserName = update.iamUserName
  }
  if (update.accountId !== undefined) {
    if (!ACCOUNT_ID.test(update.accountId)) throw new RolecallFailure('bad-request', 'An AWS account id is 12 digits.')
    next.accountId = update.accountId
  }
  if (update.userArn !== undefined) {
    if (!USER_ARN.test(update.userArn)) throw new RolecallFailure('bad-request', 'That is not an IAM or STS ARN.')
    next.userArn = update.userArn
  }
  return next
}

export function isValidProfileName(profile: unknown): profile is string {
  // Profile names come from ~/.aws/config section names: anything printable, but never empty or control characters.
  return (
    typeof profile === 'string' &&
    profile.length > 0 &&
    profile.length <= PROFILE_NAME_MAX &&
    !/[\x00-\x1f\x7f]/.test(profile)
  )
}

/** A stored (or imported) metadata record checked field by field; undefined when malformed. */
export function parseKeyMeta(raw: unknown): KeyMeta | undefined {
  if (!isPlainObject(raw)) return undefined
  if (
    !hasExactKeys(
      raw,
      ['profile', 'accessKeyIdLast4', 'createdAt'],
      ['rotatedAt', 'iamUserName', 'userArn', 'accountId'],
    )
  )
    return undefined
  const { profile, accessKeyIdLast4, createdAt, rotatedAt, iamUserName, userArn, accountId } = raw
  if (!isValidProfileName(profile)) return undefined
  if (typeof accessKeyIdLast4 !== 'string' || !/^[A-Z0-9]{4}$/.test(accessKeyIdLast4)) return undefined
  const isTime = (t: unknown) => typeof t === 'string' && ISO_TIME.test(t)
  if (!isTime(createdAt) || (rotatedAt !== undefined && !isTime(rotatedAt))) return undefined
  if (iamUserName !== undefined && (typeof iamUserName !== 'string' || !IAM_USER_NAME.test(iamUserName)))
    return undefined
  if (accountId !== undefined && (typeof accountId !== 'string' || !ACCOUNT_ID.test(accountId))) return undefined
  if (userArn !== undefined && (typeof userArn !== 'string' || !USER_ARN.test(userArn))) return undefined
  return raw as unknown as KeyMeta
}
