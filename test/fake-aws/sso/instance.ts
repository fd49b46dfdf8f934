// The IAM Identity Center instance the stand-in serves: its start URL and region, its one user, and which
// accounts and permission sets that user is assigned. Pure data and names; the live state is identity-center.ts.
import { createHash } from 'node:crypto'
import type { IamUser } from '../iam-model'

export interface PermissionSetFixture {
  name: string
  /** The role session length of credentials issued for it, seconds (AWS: 1 hour by default, 12 hours at most). */
  sessionDurationSeconds?: number
}

export interface SsoAccountFixture {
  /** 12 digits. */
  id: string
  name: string
  email: string
  permissionSets: PermissionSetFixture[]
}

export interface IdentityCenterFixture {
  /** https://d-<10 hex>.awsapps.com/start */
  startUrl: string
  /** The instance's region: its OIDC and portal hosts are that region's. */
  region: string
  /** The account that holds the instance (the organisation's management account). */
  managementAccountId: string
  user: { name: string; password: string; email: string }
  /** How long a portal (access portal) session lasts, seconds. AWS's default is 8 hours. */
  sessionDurationSeconds?: number
  accounts: SsoAccountFixture[]
}

/** AWS's default portal session duration: 8 hours [D] (IAM Identity Center user guide, "session duration"). */
export const DEFAULT_PORTAL_SESSION_SECONDS = 8 * 3600
/** A permission set's default session duration: 1 hour [D] (CreatePermissionSet's SessionDuration, PT1H). */
export const DEFAULT_PERMISSION_SET_SECONDS = 3600

/**
 * The IAM role Identity Center provisions for a permission set in an account:
 * `arn:aws:iam::<account>:role/aws-reserved/sso.amazonaws.com/<region>/AWSReservedSSO_<set>_<16 hex>` [D] (IAM
 * Identity Center user guide, "referencing permission sets in resource policies"; instances outside us-east-1
 * carry the region in the path). The 16 hex characters are derived from the account and the set, so they stay
 * the same across runs and a fixture's trust policy can name the role.
 */
export function ssoRoleName(accountId: string, permissionSet: string): string {
  const hex = createHash('sha256').update(`${accountId}/${permissionSet}`).digest('hex').slice(0, 16)
  return `AWSReservedSSO_${permissionSet}_${hex}`
}

export function ssoRolePath(region: string): string {
  return region === 'us-east-1' ? '/aws-reserved/sso.amazonaws.com/' : `/aws-reserved/sso.amazonaws.com/${region}/`
}

export function ssoRoleArn(accountId: string, permissionSet: string, region: string): string {
  return `arn:aws:iam::${accountId}:role${ssoRolePath(region)}${ssoRoleName(accountId, permissionSet)}`
}

/** `count` accounts with `roles` permission sets each, for listing tests (POST /__test/sso/accounts). */
export function generatedAccounts(count: number, roles: number): SsoAccountFixture[] {
  const sets = ['AdministratorAccess', 'ReadOnlyAccess', 'Billing', 'PowerUserAccess', 'ViewOnlyAccess']
  return Array.from({ length: count }, (_, i) => ({
    id: String(900000000000 + i),
    name: `generated-${String(i + 1).padStart(4, '0')}`,
    email: `aws+generated-${i + 1}@example.com`,
    permissionSets: Array.from({ length: roles }, (_, r) => ({ name: sets[r] ?? `PermissionSet${r + 1}` })),
  }))
}

export function checkIdentityCenterFixture(f: IdentityCenterFixture): void {
  if (!/^https:\/\/d-[0-9a-f]{10}\.awsapps\.com\/start$/.test(f.startUrl))
    throw new Error(`identity center: start URL must be https://d-<10 hex>.awsapps.com/start, got ${f.startUrl}`)
  for (const a of f.accounts)
    if (!/^\d{12}$/.test(a.id)) throw new Error(`identity center: account id must be 12 digits, got '${a.id}'`)
}

/**
 * The root of a chain that starts with Identity Center: its user, as an identity-store user of the management
 * account (credentials record it as their base user; no IAM user exists). Shown on the console's whoami.
 */
export function ssoBaseUser(f: IdentityCenterFixture): IamUser {
  const userId = createHash('sha256').update(f.user.name).digest('hex').slice(0, 32)
  return {
    accountId: f.managementAccountId,
    name: f.user.name,
    arn: `arn:aws:identitystore::${f.managementAccountId}:user/${userId}`,
    userId,
  }
}
