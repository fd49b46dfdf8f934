import { describe, expect, it } from 'vitest'
import { subjectFromAccess } from '../../../src/core/login/adapt'

const ADMIN = {
  profile: 'admin',
  roleArn: 'arn:aws:iam::222222222222:role/Admin',
  mfaSerial: 'arn:aws:iam::111111111111:mfa/alice',
  roleSessionName: 'alice-admin',
  externalId: 'ext-1',
  durationSeconds: 1800,
}
const DEEP = { profile: 'deep', roleArn: 'arn:aws:iam::333333333333:role/Deep' }

describe('subjectFromAccess', () => {
  it('keeps the chain in call order from the base keys, with each hop’s settings', () => {
    const access = { kind: 'role' as const, chain: [ADMIN, DEEP], baseProfile: 'alice' }
    const subject = subjectFromAccess(access, {
      profile: 'deep',
      region: 'us-east-2',
      baseMfaSerial: 'arn:aws:iam::111111111111:mfa/alice',
      iamUserName: 'alice',
    })
    expect(subject).toEqual({
      kind: 'role',
      profile: 'deep',
      region: 'us-east-2',
      base: { profile: 'alice', mfaSerial: 'arn:aws:iam::111111111111:mfa/alice', iamUserName: 'alice' },
      hops: [ADMIN, DEEP],
    })
    // A copy: the plan may not change the classifier's objects.
    expect(subject?.kind === 'role' && subject.hops[0]).not.toBe(ADMIN)
  })

  it('a federation profile keeps its mfa_serial for the "MFA cannot apply" note', () => {
    expect(
      subjectFromAccess(
        { kind: 'federation', baseProfile: 'alice' },
        { profile: 'alice', mfaSerial: 'arn:aws:iam::111111111111:mfa/alice' },
      ),
    ).toEqual({
      kind: 'federation',
      profile: 'alice',
      base: { profile: 'alice' },
      mfaSerial: 'arn:aws:iam::111111111111:mfa/alice',
    })
  })

  it('an unusable profile gives no subject; an empty chain is refused', () => {
    expect(subjectFromAccess({ kind: 'unusable', reason: 'SSO' }, { profile: 'x' })).toBeUndefined()
    expect(() => subjectFromAccess({ kind: 'role', chain: [], baseProfile: 'a' }, { profile: 'x' })).toThrow(/no role/)
  })
})
