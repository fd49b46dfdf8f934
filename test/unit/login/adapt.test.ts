import { describe, expect, it } from 'vitest'
import { parseAwsConfig, resolveProfile } from '../../../src/core/config'
import { loginSubjectOf } from '../../../src/core/login/adapt'

const CONFIG = `
[profile alice]
mfa_serial = arn:aws:iam::111111111111:mfa/alice
region = eu-west-1

[profile admin]
source_profile = alice
role_arn = arn:aws:iam::222222222222:role/Admin
mfa_serial = arn:aws:iam::111111111111:mfa/alice
role_session_name = alice-admin
external_id = ext-1
duration_seconds = 1800

[profile deep]
source_profile = admin
role_arn = arn:aws:iam::333333333333:role/Deep
region = us-east-2

[profile self]
source_profile = self
role_arn = arn:aws:iam::444444444444:role/Own
mfa_serial = arn:aws:iam::111111111111:mfa/self
`
const config = parseAwsConfig(CONFIG)

describe('loginSubjectOf', () => {
  it('orders a chain from the base keys to the profile, with each hop’s settings', () => {
    expect(loginSubjectOf(resolveProfile(config, 'deep'), { iamUserName: 'alice' })).toEqual({
      kind: 'role',
      profile: 'deep',
      region: 'us-east-2',
      base: { profile: 'alice', mfaSerial: 'arn:aws:iam::111111111111:mfa/alice', iamUserName: 'alice' },
      hops: [
        { profile: 'admin', roleArn: 'arn:aws:iam::222222222222:role/Admin', roleSessionName: 'alice-admin', externalId: 'ext-1', durationSeconds: 1800, mfaSerial: 'arn:aws:iam::111111111111:mfa/alice' },
        { profile: 'deep', roleArn: 'arn:aws:iam::333333333333:role/Deep' },
      ],
    })
  })

  it('a profile without role_arn logs in by federation; its mfa_serial is kept for the note', () => {
    expect(loginSubjectOf(resolveProfile(config, 'alice'))).toEqual({
      kind: 'federation', profile: 'alice', region: 'eu-west-1',
      base: { profile: 'alice', mfaSerial: 'arn:aws:iam::111111111111:mfa/alice' }, mfaSerial: 'arn:aws:iam::111111111111:mfa/alice',
    })
  })

  it('a self-referencing source_profile assumes the role with the profile’s own keys', () => {
    const subject = loginSubjectOf(resolveProfile(config, 'self'))
    expect(subject).toMatchObject({ kind: 'role', base: { profile: 'self', mfaSerial: 'arn:aws:iam::111111111111:mfa/self' }, hops: [{ profile: 'self' }] })
  })

  it('takes the keys’ profile from the classifier when given (credential_process running aws-vault)', () => {
    expect(loginSubjectOf(resolveProfile(config, 'admin'), { baseProfile: 'vault-user' }).base.profile).toBe('vault-user')
  })
})
