// A small IAM world for the stand-in's own tests. Names and ids follow ../shared/cases (alice in
// 111111111111 with key AKIDEXAMPLE, role Admin in 123456789012) so its errors can be compared verbatim.
import type { IamFixture } from './fixture'
import { totpCode, TOTP_PERIOD_MS } from './totp'

export const ALICE_KEY = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' }
export const ALICE_INACTIVE_KEY = {
  accessKeyId: 'AKIAALICEINACTIVE000',
  secretAccessKey: 'inactiveKeyForTestsOnly/0123456789abcdef',
}
export const BOB_KEY = {
  accessKeyId: 'AKIABOBEXAMPLE000001',
  secretAccessKey: 'bobSecretForTestsOnly/0123456789abcdefgh',
}
/** RFC 6238's test secret "12345678901234567890" in base32. */
export const ALICE_MFA = { serial: 'arn:aws:iam::111111111111:mfa/alice', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' }
export const BOB_MFA = { serial: 'arn:aws:iam::123456789012:mfa/bob', secret: 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U' }

export const ROLES = {
  admin: 'arn:aws:iam::123456789012:role/Admin',
  readOnly: 'arn:aws:iam::123456789012:role/ReadOnly',
  partner: 'arn:aws:iam::123456789012:role/Partner',
  chained: 'arn:aws:iam::123456789012:role/Chained',
  pathed: 'arn:aws:iam::123456789012:role/team/Pathed',
  chainedMfa: 'arn:aws:iam::123456789012:role/ChainedMfa',
}

export const testOrg: IamFixture = {
  accounts: [
    {
      id: '111111111111',
      alias: 'identity',
      users: [
        {
          name: 'alice',
          accessKeys: [ALICE_KEY, { ...ALICE_INACTIVE_KEY, status: 'Inactive' }],
          mfaDevices: [{ name: 'alice', secret: ALICE_MFA.secret }],
        },
      ],
    },
    {
      id: '123456789012',
      alias: 'workload',
      stsDisabledRegions: ['ap-east-1'],
      users: [{ name: 'bob', accessKeys: [BOB_KEY], mfaDevices: [{ name: 'bob', secret: BOB_MFA.secret }] }],
      roles: [
        {
          name: 'Admin',
          maxSessionDuration: 43200,
          trust: [{ principals: ['arn:aws:iam::111111111111:user/alice'], mfaRequired: true }],
        },
        { name: 'ReadOnly', trust: [{ principals: ['111111111111'] }] },
        {
          name: 'Partner',
          maxSessionDuration: 7200,
          trust: [{ principals: ['arn:aws:iam::111111111111:root'], externalId: 'ext-1' }],
        },
        { name: 'Chained', trust: [{ principals: [ROLES.admin] }] },
        { name: 'Pathed', path: '/team/', trust: [{ principals: ['arn:aws:iam::111111111111:user/alice'] }] },
        { name: 'ChainedMfa', trust: [{ principals: [ROLES.admin], mfaRequired: true }] },
      ],
    },
  ],
}

/** A 6-digit code that is certainly wrong now: none of the codes for this step or the steps either side. */
export function wrongTotp(secret: string, nowMs: number): string {
  const valid = new Set([-1, 0, 1].map((d) => totpCode(secret, nowMs + d * TOTP_PERIOD_MS)))
  return ['000000', '111111', '222222', '333333'].find((c) => !valid.has(c))!
}
