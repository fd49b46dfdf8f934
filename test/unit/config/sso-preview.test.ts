// Identity Center profiles in the import preview: botocore's refusal, with its words, on the line to change,
// with what to write there; the row says why it cannot open, and a role chained from it says the same.
import { describe, expect, test } from 'vitest'
import { buildPreview } from '../../../src/core/config/import/preview'
import { parseAwsConfig } from '../../../src/core/config/ini/profile-map'
import { ssoConfigOf } from '../../../src/core/config/resolve/sso-config'

const CONFIG = `[profile differs]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Admin
sso_region = eu-west-1
[profile unknown]
sso_session = nope
sso_account_id = 111122223333
sso_role_name = Admin
[profile half]
sso_session = half
sso_role_name = Admin
[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1
[sso-session half]
sso_start_url = https://corp.awsapps.com/start
[profile chained]
role_arn = arn:aws:iam::222222222222:role/Deploy
source_profile = differs
[profile fine]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Admin
`

const rows = new Map(buildPreview(CONFIG).rows.map((row) => [row.name, row]))
const errorsOf = (name: string) => rows.get(name)!.diagnostics.filter((d) => d.severity === 'error')

describe('Identity Center profiles in the preview', () => {
  test('a value that differs from its sso-session: botocore words, on the key line, with the fix', () => {
    expect(errorsOf('differs')).toEqual([
      {
        line: 5,
        severity: 'error',
        message:
          'The value for sso_region is inconsistent between profile (eu-west-1) and sso-session (us-east-1). Remove sso_region from this profile: its sso-session "corp" sets it.',
      },
    ])
    expect(rows.get('differs')!.access).toMatchObject({
      kind: 'unusable',
      reason: expect.stringMatching(/^Profile "differs": The value for sso_region/),
    })
  })

  test('an sso-session that does not exist: on the sso_session line', () => {
    const [error] = errorsOf('unknown')
    expect(error!.line).toBe(7)
    expect(error!.message).toBe(
      'The specified sso-session does not exist: "nope". Add an [sso-session nope] section with sso_start_url and sso_region, or name one that exists.',
    )
  })

  test('missing keys: each one named where it belongs (the profile, or its sso-session)', () => {
    const [error] = errorsOf('half')
    expect(error!.line).toBe(10) // the profile's header: sso_account_id goes there
    expect(error!.message).toBe(
      'The profile "half" is configured to use SSO but is missing required configuration: sso_account_id, sso_region. Add sso_account_id to this profile, and add sso_region to [sso-session half].',
    )
  })

  test('a role chained from a broken SSO profile says which source and why, without repeating the error', () => {
    expect(errorsOf('chained')).toEqual([])
    expect(rows.get('chained')!.access).toMatchObject({
      kind: 'unusable',
      reason: expect.stringMatching(/^Its source profile "differs": The value for sso_region/),
    })
  })

  test('a valid SSO profile has no error and opens through Identity Center, its account and role shown', () => {
    expect(errorsOf('fine')).toEqual([])
    const row = rows.get('fine')!
    expect(row.access).toMatchObject({
      kind: 'sso',
      sso: { startUrl: 'https://corp.awsapps.com/start', ssoRegion: 'us-east-1', accountId: '111122223333' },
    })
    expect(row).toMatchObject({ accountId: '111122223333', roleName: 'Admin', chain: ['fine'] })
  })

  test("checking one profile reads that profile alone (with [DEFAULT]'s keys), not every profile's values", () => {
    const withDefault = parseAwsConfig(`[DEFAULT]\nsso_region = eu-west-2\n${CONFIG}`)
    expect(() => ssoConfigOf(withDefault, 'fine')).toThrow(
      'The value for sso_region is inconsistent between profile (eu-west-2) and sso-session (us-east-1).',
    )
    // botocore's table of every profile is made when first read: a preview of 10,000 profiles has no use for it.
    expect(Object.getOwnPropertyDescriptor(withDefault, 'profiles')?.get).toBeTypeOf('function')
    // The same answer as from the table (a hand-built config, as JSON gives one, is read through it).
    const parsed = parseAwsConfig(CONFIG)
    const handBuilt = JSON.parse(JSON.stringify(parsed)) as typeof parsed
    expect(ssoConfigOf(parsed, 'fine')).toEqual(ssoConfigOf(handBuilt, 'fine'))
    expect(ssoConfigOf(parsed, 'fine')).toMatchObject({ sso_region: 'us-east-1', sso_account_id: '111122223333' })
  })
})
