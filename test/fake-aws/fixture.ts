// The typed shape of the IAM world the stand-in serves. Kept small on purpose: only what STS, the federation
// endpoint and the console need to decide who may do what.

export interface IamFixture {
  accounts: AccountFixture[]
}

export interface AccountFixture {
  /** 12-digit account id. */
  id: string
  /** Shown on console pages, like the account alias in the console header. */
  alias?: string
  users?: UserFixture[]
  roles?: RoleFixture[]
  /** Regions where STS is deactivated for this account (calls signed for them get RegionDisabledException). */
  stsDisabledRegions?: string[]
}

export interface UserFixture {
  name: string
  /** Unique id as GetCallerIdentity reports it (AIDA…); derived from the name when absent. */
  userId?: string
  accessKeys: AccessKeyFixture[]
  mfaDevices?: MfaDeviceFixture[]
}

export interface AccessKeyFixture {
  /** AKIA + 16 characters (AWS's documentation example AKIDEXAMPLE is accepted too). */
  accessKeyId: string
  /** 40 characters. */
  secretAccessKey: string
  /** An inactive key is refused like an unknown one (InvalidClientTokenId). */
  status?: 'Active' | 'Inactive'
}

export interface MfaDeviceFixture {
  /** Virtual device name: the serial is arn:aws:iam::<account>:mfa/<name>. */
  name: string
  /** RFC 6238 shared secret, base32 (what the QR code carries). */
  secret: string
}

export interface RoleFixture {
  name: string
  /** IAM path, e.g. "/team/" (default "/"); part of the role ARN, not of the assumed-role ARN. */
  path?: string
  /** Unique id (AROA…); derived from the ARN when absent. */
  roleId?: string
  /** Seconds, 3600..43200 (IAM's range); default 3600 as in IAM. */
  maxSessionDuration?: number
  /** The role trusts a caller if ANY rule matches (several Allow statements of a trust policy). */
  trust: TrustRule[]
}

export interface TrustRule {
  /**
   * Trusted principals: an IAM user or role ARN, an account id ("123456789012") or an account root ARN
   * ("arn:aws:iam::123456789012:root"), the last two meaning any user or role of that account.
   */
  principals: string[]
  /** Condition aws:MultiFactorAuthPresent = true. */
  mfaRequired?: boolean
  /** Condition sts:ExternalId = this value. */
  externalId?: string
}
