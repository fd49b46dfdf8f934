// The import preview: rows, diagnostics by profile, inherited values, and a generated config with mistakes.
import { describe, expect, test } from 'vitest'
import { generateConfig } from '../../generate-config'
import { buildPreview } from '../../../src/core/config/import/preview'

const TEXT = [
  '[default]', // 1
  'region = us-east-1', // 2
  '', // 3
  '[profile base]', // 4
  'mfa_serial = arn:aws:iam::111111111111:mfa/me', // 5
  '', // 6
  '[profile admin]', // 7
  'source_profile = base', // 8
  'role_arn = arn:aws:iam::222222222222:role/team/Admin', // 9
  'mfa_serial = arn:aws:iam::111111111111:mfa/me', // 10
  'color = 1f77b4', // 11
  'region = eu-west-1 # Ireland', // 12
  '', // 13
  '[profile sso]', // 14
  'sso_session = corp', // 15
  'oops', // 16
  '[sso-session corp]', // 17
  'sso_start_url = https://corp.awsapps.com/start', // 18
  'nonsense', // 19
].join('\n')

describe('buildPreview', () => {
  const preview = buildPreview(TEXT)
  const row = (name: string) => preview.rows.find((r) => r.name === name)!

  test('one row per profile, in file order, with account, role, chain, MFA, region and colour', () => {
    expect(preview.rows.map((r) => r.name)).toEqual(['default', 'base', 'admin', 'sso'])
    expect(row('admin')).toMatchObject({
      line: 7,
      accountId: '222222222222',
      roleName: 'Admin',
      partition: 'aws',
      chain: ['base', 'admin'],
      mfaSerial: 'arn:aws:iam::111111111111:mfa/me',
      region: 'eu-west-1',
      color: '#1f77b4',
      access: { kind: 'role', baseProfile: 'base' },
    })
    // A federation row shows the IAM user's account, read from its MFA device.
    expect(row('base')).toMatchObject({
      accountId: '111111111111',
      access: { kind: 'federation', baseProfile: 'base' },
      region: 'us-east-1',
    })
    expect(preview.baseProfiles).toEqual(['base', 'default'])
  })

  test('values taken from [default] are marked', () => {
    expect(row('base').inheritedFromDefault).toEqual(['region'])
    expect(row('base').inherited).toEqual({ region: 'default' })
    expect(row('admin').inheritedFromDefault).toEqual([])
    expect(row('base').diagnostics.some((d) => d.message.includes('Takes region from [default]'))).toBe(true)
  })

  test('diagnostics land on the profile whose section holds the line; others are file-level', () => {
    expect(row('admin').diagnostics.map((d) => [d.line, d.severity])).toEqual([[12, 'warning']])
    expect(
      row('sso')
        .diagnostics.filter((d) => d.severity === 'error')
        .map((d) => d.line),
    ).toEqual([16])
    expect(preview.fileDiagnostics.map((d) => d.line)).toEqual([19])
    expect(preview.errorCount).toBe(2)
    expect(preview.diagnostics.map((d) => d.line)).toEqual(
      [...preview.diagnostics.map((d) => d.line)].sort((a, b) => a - b),
    )
  })

  test('unusable profiles carry the reason', () => {
    expect(row('sso').access).toEqual({ kind: 'unusable', reason: expect.stringContaining('sso_account_id') })
  })

  test('a profile that fails to resolve becomes unusable with an error on its header line', () => {
    const p = buildPreview('[profile a]\nduration_seconds = 1h\n')
    expect(p.rows[0]).toMatchObject({ access: { kind: 'unusable' }, diagnostics: [{ line: 1, severity: 'error' }] })
  })

  test('warnings about resolved values: bad ARN, durations STS refuses, role chaining, repeated MFA, missing include', () => {
    const p = buildPreview(
      [
        '[profile base]',
        '[profile r1]',
        'source_profile = base',
        'role_arn = arn:aws:iam::111111111111:role/R1',
        'mfa_serial = m',
        'duration_seconds = 60',
        '[profile r2]',
        'source_profile = r1',
        'role_arn = arn:foo',
        'mfa_serial = m',
        'duration_seconds = 7200',
        'include_profile = ghost',
      ].join('\n'),
    )
    const messages = p.rows
      .find((r) => r.name === 'r2')!
      .diagnostics.map((d) => d.message)
      .join('\n')
    expect(messages).toMatch(/arn:foo.*not a valid IAM role ARN/)
    expect(messages).toMatch(/7200 is too long for this role.*3600/)
    expect(messages).toMatch(/2 roles in the chain ask for an MFA code/)
    expect(messages).toMatch(/include_profile = ghost names a profile that is not in the config/)
    expect(
      p.rows
        .find((r) => r.name === 'r1')!
        .diagnostics.map((d) => d.message)
        .join('\n'),
    ).toMatch(/60 is outside what STS allows/)
  })

  test('a realistic 50-profile config with mistakes: errors exactly on the lines where they were made', () => {
    const generated = generateConfig({ profiles: 50, seed: 3, errors: true })
    const p = buildPreview(generated.text)
    expect(p.rows).toHaveLength(50)
    expect(p.diagnostics.filter((d) => d.severity === 'error').map((d) => d.line)).toEqual(
      generated.errors.map((e) => e.line),
    )
    expect(p.rows.filter((r) => r.access.kind === 'role').length).toBeGreaterThan(25)
  })
})
