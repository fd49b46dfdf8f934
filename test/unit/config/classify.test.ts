// How each kind of profile can (or cannot) open a console.
import { describe, expect, test } from 'vitest'
import { parseAwsConfig } from '../../../src/core/config'
import { awsVaultProfileOf } from '../../../src/core/config/import/aws-vault-command'
import { baseProfilesOf, classifyProfile } from '../../../src/core/config/import/classify'

const classify = (text: string, name: string) => classifyProfile(parseAwsConfig(text), name)
const ARN = (account: string, role: string) => `arn:aws:iam::${account}:role/${role}`

describe('classifyProfile', () => {
  test("a role chain lists every hop from the base-key profile to the target, with each hop's own settings", () => {
    const text = [
      '[profile base]',
      'mfa_serial = arn:aws:iam::111111111111:mfa/me',
      '[profile hop1]',
      'source_profile = base',
      `role_arn = ${ARN('111111111111', 'Hop1')}`,
      'mfa_serial = arn:aws:iam::111111111111:mfa/me',
      'duration_seconds = 43200',
      '[profile hop2]',
      'source_profile = hop1',
      `role_arn = ${ARN('222222222222', 'Hop2')}`,
      'external_id = ext',
      'role_session_name = alice',
      'source_identity = alice',
      'session_tags = team=web',
      'transitive_session_tags = team',
    ].join('\n')
    expect(classify(text, 'hop2')).toEqual({
      kind: 'role',
      baseProfile: 'base',
      chain: [
        {
          profile: 'hop1',
          roleArn: ARN('111111111111', 'Hop1'),
          mfaSerial: 'arn:aws:iam::111111111111:mfa/me',
          durationSeconds: 43200,
        },
        {
          profile: 'hop2',
          roleArn: ARN('222222222222', 'Hop2'),
          externalId: 'ext',
          roleSessionName: 'alice',
          sourceIdentity: 'alice',
          sessionTags: { team: 'web' },
          transitiveSessionTags: ['team'],
        },
      ],
    })
    expect(classify(text, 'base')).toEqual({ kind: 'federation', baseProfile: 'base' })
  })

  test('a source profile without a role is passed through to its own source', () => {
    const text = `[profile keys]\n[profile alias]\nsource_profile = keys\n[profile r]\nsource_profile = alias\nrole_arn = ${ARN('111111111111', 'R')}\n`
    expect(classify(text, 'r')).toMatchObject({ kind: 'role', baseProfile: 'keys', chain: [{ profile: 'r' }] })
  })

  test("a self-referencing source_profile assumes the role with the profile's own keys", () => {
    expect(classify(`[profile a]\nsource_profile = a\nrole_arn = ${ARN('111111111111', 'R')}\n`, 'a')).toMatchObject({
      kind: 'role',
      baseProfile: 'a',
      chain: [{ profile: 'a' }],
    })
  })

  test("credential_process running aws-vault for P means P's vault keys", () => {
    const text = `[profile master]\ncredential_process = aws-vault export --format=json master\n[profile r]\nsource_profile = master\nrole_arn = ${ARN('111111111111', 'R')}\n[profile other]\ncredential_process = aws-vault exec master --json\n`
    expect(classify(text, 'r')).toMatchObject({ kind: 'role', baseProfile: 'master' })
    expect(classify(text, 'other')).toEqual({ kind: 'federation', baseProfile: 'master' })
  })

  test.each([
    [
      'SSO',
      '[profile a]\nsso_session = s\n[sso-session s]\nsso_start_url = https://x\n',
      /IAM Identity Center sign-in but no account and role.*add sso_account_id and sso_role_name/,
    ],
    ['legacy SSO', '[profile a]\nsso_start_url = https://x\nsso_account_id = 1\n', /SSO/],
    [
      'web identity',
      `[profile a]\nrole_arn = ${ARN('111111111111', 'R')}\nweb_identity_token_file = /t\n`,
      /web identity/,
    ],
    [
      'credential_source',
      `[profile a]\nrole_arn = ${ARN('111111111111', 'R')}\ncredential_source = Ec2InstanceMetadata\n`,
      /credential_source = Ec2InstanceMetadata/,
    ],
    ['another credential_process', '[profile a]\ncredential_process = /usr/bin/get-creds\n', /cannot run in a browser/],
    ['a role without source_profile', `[profile a]\nrole_arn = ${ARN('111111111111', 'R')}\n`, /no source_profile/],
    [
      'a source that uses SSO',
      `[profile s]\nsso_start_url = https://x\n[profile a]\nsource_profile = s\nrole_arn = ${ARN('111111111111', 'R')}\n`,
      /Its source profile "s" names an IAM Identity Center sign-in/,
    ],
    [
      'a source_profile loop',
      '[profile a]\nsource_profile = b\nrole_arn = x\n[profile b]\nsource_profile = a\nrole_arn = y\n',
      /loop/,
    ],
  ])('unusable: %s, with the reason', (_what, text, reason) => {
    const access = classify(text, 'a')
    expect(access.kind).toBe('unusable')
    expect(access.kind === 'unusable' && access.reason).toMatch(reason)
  })

  test('[default] leaking role_arn makes every profile a role, the source too (aws-vault does the same)', () => {
    const text = `[default]\nrole_arn = ${ARN('111111111111', 'Leak')}\nsource_profile = base\n[profile base]\n[profile x]\n`
    // base inherits role_arn and a source_profile naming itself: it assumes the role with its own keys.
    expect(classify(text, 'x')).toEqual({
      kind: 'role',
      baseProfile: 'base',
      chain: [
        { profile: 'base', roleArn: ARN('111111111111', 'Leak') },
        { profile: 'x', roleArn: ARN('111111111111', 'Leak') },
      ],
    })
  })

  test('baseProfilesOf lists the keys a set of profiles needs, once each', () => {
    expect(
      baseProfilesOf([
        { kind: 'federation', baseProfile: 'b' },
        { kind: 'role', chain: [], baseProfile: 'a' },
        { kind: 'unusable', reason: 'x' },
        { kind: 'federation', baseProfile: 'a' },
      ]),
    ).toEqual(['a', 'b'])
  })
})

describe('awsVaultProfileOf', () => {
  test.each([
    ['aws-vault exec P --json', 'P'],
    ['aws-vault exec --json P', 'P'],
    ['aws-vault exec -j P', 'P'],
    ['aws-vault exec --no-session --json P', 'P'],
    ['aws-vault exec P --json --no-session', 'P'],
    ['aws-vault export --format=json P', 'P'],
    ['aws-vault export --format json --no-session P', 'P'],
    ['aws-vault --backend=file exec my-profile --json', 'my-profile'],
    ['aws-vault --backend file exec --duration 1h P --json', 'P'],
    ['/usr/local/bin/aws-vault exec P --json', 'P'],
    ['C:\\Tools\\aws-vault.exe exec P --json', 'P'],
    ['AWS_VAULT_BACKEND=pass aws-vault exec P --json', 'P'],
    ['aws-vault exec "my profile" --json', 'my profile'],
    ['aws-vault exec P -- aws sts get-caller-identity', undefined],
    ['aws-vault exec P some-command', undefined],
    ['aws-vault login P', undefined],
    ['aws-vault exec --json', undefined],
    ['not-aws-vault exec P --json', undefined],
    ['sh -c "aws-vault exec P --json"', undefined],
    ['aws-vault exec "unclosed --json', undefined],
  ])('%s → %s', (command, profile) => {
    expect(awsVaultProfileOf(command)).toBe(profile)
  })
})

describe('Identity Center profiles', () => {
  const SSO = `[sso-session corp]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = eu-west-1
[profile admin]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = AdministratorAccess
[profile legacy]
sso_start_url = https://d-1234567890.awsapps.com/start
sso_region = eu-west-1
sso_account_id = 444455556666
sso_role_name = ReadOnlyAccess
[profile deploy]
source_profile = admin
role_arn = ${ARN('777788889999', 'Deploy')}
role_session_name = alice
[profile deeper]
source_profile = deploy
role_arn = ${ARN('777788889999', 'Deeper')}
`
  test('an sso-session profile: the portal role, no base keys', () => {
    expect(classify(SSO, 'admin')).toEqual({
      kind: 'sso',
      ssoProfile: 'admin',
      sso: {
        startUrl: 'https://d-1234567890.awsapps.com/start',
        ssoRegion: 'eu-west-1',
        accountId: '111122223333',
        roleName: 'AdministratorAccess',
        session: 'corp',
      },
      chain: [],
    })
  })

  test('the legacy form (start URL and region in the profile) names no session', () => {
    const access = classify(SSO, 'legacy')
    expect(access).toMatchObject({ kind: 'sso', sso: { accountId: '444455556666', roleName: 'ReadOnlyAccess' } })
    expect(access.kind === 'sso' && access.sso.session).toBeUndefined()
  })

  test('roles chained from an SSO profile: GetRoleCredentials, then each hop in call order', () => {
    const access = classify(SSO, 'deeper')
    expect(access.kind).toBe('sso')
    if (access.kind !== 'sso') return
    expect(access.ssoProfile).toBe('admin')
    expect(access.chain.map((h) => h.profile)).toEqual(['deploy', 'deeper'])
    expect(access.chain[0]).toMatchObject({ roleArn: ARN('777788889999', 'Deploy'), roleSessionName: 'alice' })
  })

  test.each([
    ['a region that is not a region name', 'sso_region = eu-west-1', 'sso_region = evil.example/x', /region name/],
    [
      'a start URL that is not https',
      'sso_start_url = https://d-1234567890.awsapps.com/start',
      'sso_start_url = http://d-1234567890.awsapps.com/start',
      /https:\/\//,
    ],
  ])('does not open with %s (the region names the hosts the token goes to)', (_what, from, to, reason) => {
    const text = SSO.replace(from, to)
    expect(text).not.toBe(SSO)
    const access = classify(text, 'admin')
    expect(access.kind).toBe('unusable')
    expect(access.kind === 'unusable' && access.reason).toMatch(reason)
    // A role chained from it does not open either.
    expect(classify(text, 'deploy').kind).toBe('unusable')
  })

  test('an SSO profile needs no key in the vault', () => {
    const config = parseAwsConfig(SSO)
    expect(baseProfilesOf(['admin', 'deeper'].map((n) => classifyProfile(config, n)))).toEqual([])
  })
})
