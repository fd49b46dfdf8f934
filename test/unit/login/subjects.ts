// Login subjects shared by the plan and run tests: a base user with an MFA device and roles around it.
import type { LoginSubject, RoleHop } from '../../../src/core/login/subject'

export const DEVICE = 'arn:aws:iam::111111111111:mfa/alice'
export const OTHER_DEVICE = 'arn:aws:iam::111111111111:mfa/alice-yubikey'
export const ROLE_A = 'arn:aws:iam::222222222222:role/Admin'
export const ROLE_B = 'arn:aws:iam::333333333333:role/ReadOnly'
export const ROLE_C = 'arn:aws:iam::444444444444:role/Deploy'

export const base = { profile: 'alice', mfaSerial: DEVICE, iamUserName: 'alice' }

export function hop(profile: string, roleArn: string, extra: Partial<RoleHop> = {}): RoleHop {
  return { profile, roleArn, mfaSerial: DEVICE, ...extra }
}

export function role(
  profile: string,
  hops: RoleHop[],
  extra: Partial<Extract<LoginSubject, { kind: 'role' }>> = {},
): LoginSubject {
  return { kind: 'role', profile, region: 'eu-west-1', base, hops, ...extra }
}

export const federation: Extract<LoginSubject, { kind: 'federation' }> = {
  kind: 'federation',
  profile: 'alice-console',
  region: 'eu-west-1',
  base,
}

export const SSO_ROLE = {
  startUrl: 'https://d-1234567890.awsapps.com/start',
  ssoRegion: 'eu-west-1',
  accountId: '555555555555',
  roleName: 'AdministratorAccess',
  session: 'corp',
}

export function sso(profile: string, hops: RoleHop[] = []): LoginSubject {
  return { kind: 'sso', profile, region: 'eu-west-1', sso: SSO_ROLE, hops }
}
