// aws-vault v7 resolution and docs/aws-protocol.md §6's choices, case by case.
import { describe, expect, test } from 'vitest'
import { parseAwsConfig, resolveProfile } from '../../../src/core/config'
import { resolveDetailed } from '../../../src/core/config/resolve/resolve'
import { parseGoUint, vaultValue } from '../../../src/core/config/resolve/go-ini-value'

const resolve = (text: string, name: string) => resolveProfile(parseAwsConfig(text), name)

describe('inheritance', () => {
  test('unset values come from [default]; include_profile replaces that fallback', () => {
    const text =
      '[default]\nregion = us-east-1\nmfa_serial = arn:aws:iam::111111111111:mfa/me\n[profile base]\n[profile inc]\ninclude_profile = base\n[profile own]\nregion = eu-west-1\n'
    expect(resolve(text, 'own')).toEqual({
      name: 'own',
      region: 'eu-west-1',
      mfaSerial: 'arn:aws:iam::111111111111:mfa/me',
      durationSeconds: 3600,
    })
    // inc includes base, base has no include, so base falls back to [default]: inc still gets it.
    expect(resolve(text, 'inc').region).toBe('us-east-1')
    const detail = resolveDetailed(parseAwsConfig(text), 'own')
    expect(detail.fields.mfa_serial?.from).toBe('default')
    expect(detail.fields.region?.from).toBe('own')
  })

  test('nothing is inherited from source_profile', () => {
    const r = resolve(
      '[profile base]\nregion = eu-west-1\nmfa_serial = m\n[profile role]\nsource_profile = base\nrole_arn = arn:aws:iam::111111111111:role/R\n',
      'role',
    )
    expect(r.region).toBeUndefined()
    expect(r.mfaSerial).toBeUndefined()
    expect(r.source).toEqual({ name: 'base', region: 'eu-west-1', mfaSerial: 'm', durationSeconds: 3600 })
  })

  test('go-ini child sections: [profile a.b] takes missing keys from [profile a]', () => {
    const r = resolve(
      '[profile team]\nregion = eu-west-1\nrole_arn = arn:aws:iam::111111111111:role/P\n[profile team.admin]\nrole_arn = arn:aws:iam::111111111111:role/Admin\n',
      'team.admin',
    )
    expect(r).toEqual({
      name: 'team.admin',
      region: 'eu-west-1',
      roleArn: 'arn:aws:iam::111111111111:role/Admin',
      durationSeconds: 3600,
    })
  })

  test('an [sso-session] overwrites the start URL and region, even with empty values', () => {
    const text =
      '[profile a]\nsso_start_url = https://legacy\nsso_region = us-east-2\ninclude_profile = b\n[profile b]\nsso_session = s\n[sso-session s]\nsso_start_url = https://new\n'
    expect(resolve(text, 'a')).toEqual({
      name: 'a',
      ssoSession: 's',
      ssoStartUrl: 'https://new',
      durationSeconds: 3600,
    })
  })

  test('a source_profile with no section resolves to an empty profile (its keys live in the vault)', () => {
    const r = resolve('[profile role]\nsource_profile = ghost\nrole_arn = arn:aws:iam::111111111111:role/R\n', 'role')
    expect(r.source).toEqual({ name: 'ghost', durationSeconds: 3600 })
  })
})

describe('errors and Rolecall choices', () => {
  test('a self-referencing source_profile is cleared, not a cycle', () => {
    const detail = resolveDetailed(
      parseAwsConfig('[profile a]\nsource_profile = a\nrole_arn = arn:aws:iam::111111111111:role/R\n'),
      'a',
    )
    expect(detail.profile.sourceProfile).toBeUndefined()
    expect(detail.selfSourced).toBe(true)
  })

  test('longer source_profile loops are errors that show the loop and name the profile', () => {
    const config = parseAwsConfig(
      '[profile a]\nsource_profile = b\n[profile b]\nsource_profile = c\n[profile c]\nsource_profile = a\n',
    )
    expect(() => resolveProfile(config, 'a')).toThrow(
      'Profile "a": source_profile goes round in a loop (a → b → c → a)',
    )
    expect(() => resolveProfile(config, 'b')).toThrow('Profile "b"')
  })

  test('include_profile loops are errors', () => {
    expect(() => resolve('[profile a]\ninclude_profile = b\n[profile b]\ninclude_profile = a\n', 'a')).toThrow(
      /"a".*a → b → a/,
    )
  })

  test.each(['1h', '3600s', '12.5', '-1', 'soon', ''])(
    'duration_seconds = %j is an error naming the profile',
    (value) => {
      expect(() => resolve(`[profile p]\nduration_seconds = ${value}\n`, 'p')).toThrow('Profile "p": duration_seconds')
    },
  )

  test('a bad duration in [default] fails every profile that falls back to it, saying where it is', () => {
    expect(() => resolve('[default]\nduration_seconds = 1h\n[profile p]\n', 'p')).toThrow('read from profile "default"')
  })

  test("durations are Go unsigned integers; 0 means unset; unset resolves to aws-vault's default of 3600", () => {
    expect(resolve('[profile p]\n', 'p').durationSeconds).toBe(3600)
    expect(resolve('[profile p]\nduration_seconds = 0x384\n', 'p').durationSeconds).toBe(900)
    expect(
      resolve('[default]\nduration_seconds = 1800\n[profile p]\nduration_seconds = 0\n', 'p').durationSeconds,
    ).toBe(1800)
    expect([
      parseGoUint('3600'),
      parseGoUint('010'),
      parseGoUint('1_000'),
      parseGoUint('0b11'),
      parseGoUint('08'),
      parseGoUint('_1'),
    ]).toEqual([3600, 8, 1000, 3, undefined, undefined])
  })

  test('session tags: parsed, trimmed, and malformed ones are errors', () => {
    expect(resolve('[profile p]\nsession_tags = a = 1 , b=2\ntransitive_session_tags = a, ,b\n', 'p')).toMatchObject({
      sessionTags: { a: '1', b: '2' },
      transitiveSessionTags: ['a', 'b'],
    })
    expect(() => resolve('[profile p]\nsession_tags = a=1,b\n', 'p')).toThrow('Profile "p": session_tags')
  })

  test('a profile can also be named the way aws-vault reads its header', () => {
    const config = parseAwsConfig('[profile "quoted"]\nregion = a\n[profile  spaced]\nregion = b\n')
    expect(resolveProfile(config, 'quoted').region).toBe('a')
    expect(resolveProfile(config, '"quoted"').region).toBe('a')
    expect(resolveProfile(config, ' spaced').region).toBe('b')
  })

  test('an unknown profile is an error; "default" always exists for aws-vault', () => {
    const config = parseAwsConfig('[profile a]\n')
    expect(() => resolveProfile(config, 'nope')).toThrow('Profile "nope" is not in the config')
    expect(resolveProfile(config, 'default')).toEqual({ name: 'default', durationSeconds: 3600 })
  })

  test('values read the aws-vault way: comments cut at # or ; (even without a space), quotes removed', () => {
    expect([
      vaultValue('a # c'),
      vaultValue('a#c'),
      vaultValue('a;c'),
      vaultValue('"q"'),
      vaultValue("'q'"),
      vaultValue('"a"b"'),
      vaultValue('`x#y`'),
      vaultValue('"""z;z"""'),
    ]).toEqual(['a', 'a', 'a', 'q', 'q', '"a"b"', 'x#y', 'z;z'])
  })

  test('color is Rolecall\'s key: "#" is part of it, a bare hex gets one', () => {
    expect(resolve('[profile p]\ncolor = #1f77b4 # blue\n', 'p').color).toBe('#1f77b4')
    expect(resolve('[profile p]\ncolor = d62728\n', 'p').color).toBe('#d62728')
  })

  test('resolveProfile hands out its own top-level object and a frozen source: changing one does not change the next', () => {
    const config = parseAwsConfig('[profile base]\n[profile a]\nsource_profile = base\nsession_tags = k=v\n')
    const first = resolveProfile(config, 'a')
    expect(() => {
      first.source!.name = 'changed'
    }).toThrow(TypeError)
    first.region = 'changed'
    first.sessionTags!.k = 'changed'
    expect(resolveProfile(config, 'a')).toStrictEqual({
      name: 'a',
      durationSeconds: 3600,
      sourceProfile: 'base',
      sessionTags: { k: 'v' },
      source: { name: 'base', durationSeconds: 3600 },
    })
  })

  test('a hand-built ParsedConfig (no parse metadata) resolves the same way', () => {
    const text =
      '[default]\nregion = r\n[profile team]\nmfa_serial = m\n[profile team.x]\nsource_profile = base # c\n[profile base]\n'
    const parsed = parseAwsConfig(text)
    const plain = JSON.parse(JSON.stringify(parsed)) as typeof parsed
    expect(resolveProfile(plain, 'team.x')).toEqual(resolveProfile(parsed, 'team.x'))
    expect(resolveProfile(plain, 'team.x')).toMatchObject({ region: 'r', mfaSerial: 'm', sourceProfile: 'base' })
  })
})
