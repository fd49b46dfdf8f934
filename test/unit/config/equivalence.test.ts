// Routes to the same answer must give it: resolveProfile is resolveDetailed's profile in any order of calls
// (resolutions and source chains are kept per parse), a header read under two names resolves alike either
// way, and what the parse does with repeated keys and sections shows the same in the parse and the preview.
// Each test compares two routes through the public functions, or pins the answer itself.
import { describe, expect, test } from 'vitest'
import { parseAwsConfig, resolveProfile } from '../../../src/core/config'
import { buildPreview } from '../../../src/core/config/import/preview'
import { resolveDetailed } from '../../../src/core/config/resolve/resolve'
import { generateConfig } from '../../generate-config'

describe('resolution', () => {
  test('resolveProfile equals resolveDetailed().profile for every profile of a generated config, in any order', () => {
    const { text, names } = generateConfig({ profiles: 400, seed: 3 })
    const forward = parseAwsConfig(text)
    const backward = parseAwsConfig(text)
    const reversed = [...names].reverse().map((name) => [name, resolveProfile(backward, name)] as const)
    const byName = new Map(reversed)
    for (const name of names) {
      const profile = resolveProfile(forward, name)
      expect(profile).toStrictEqual(resolveDetailed(forward, name).profile)
      expect(profile).toStrictEqual(byName.get(name))
    }
    // Chained roles really were resolved through cached sources.
    expect(names.some((name) => resolveProfile(forward, name).source?.source !== undefined)).toBe(true)
  })

  test('a resolved profile is a plain object in every way a caller can check', () => {
    const profile = resolveProfile(
      parseAwsConfig('[profile a]\nregion = r\nrole_arn = arn:aws:iam::123456789012:role/x\nsource_profile = a\n'),
      'a',
    )
    expect(Object.getPrototypeOf(profile)).toBe(Object.prototype)
    expect(profile.constructor).toBe(Object)
    expect(profile).toStrictEqual({
      name: 'a',
      region: 'r',
      roleArn: 'arn:aws:iam::123456789012:role/x',
      durationSeconds: 3600,
    })
    expect(structuredClone(profile)).toStrictEqual(profile)
  })

  test('a source chain is shared between results and frozen, so no caller can change what another gets', () => {
    const config = parseAwsConfig(
      '[profile base]\ntransitive_session_tags = a, b\nsession_tags = k=v\n[profile x]\nsource_profile = base\n[profile y]\nsource_profile = base\n',
    )
    const x = resolveProfile(config, 'x')
    const y = resolveProfile(config, 'y')
    expect(x.source).toBe(y.source)
    expect(Object.isFrozen(x.source)).toBe(true)
    expect(() => x.source!.transitiveSessionTags!.push('changed')).toThrow(TypeError)
    expect(() => {
      x.source!.sessionTags!.k = 'changed'
    }).toThrow(TypeError)
    expect(resolveProfile(config, 'y').source).toMatchObject({
      transitiveSessionTags: ['a', 'b'],
      sessionTags: { k: 'v' },
    })
    expect(resolveDetailed(config, 'x').source).toBe(resolveDetailed(config, 'y').source)
  })

  test('a header read as two names ([profile  x]: "x" for botocore, " x" for aws-vault) resolves alike in either order', () => {
    // y and z use the section as a source under each of its names (the quotes go, so z's is " x").
    const text =
      '[profile  x]\nregion = r\nsource_profile = base\n[profile base]\n[profile y]\nsource_profile = x\n[profile z]\nsource_profile = " x"\n'
    const first = parseAwsConfig(text)
    const second = parseAwsConfig(text)
    const a = [
      resolveProfile(first, 'x'),
      resolveProfile(first, ' x'),
      resolveProfile(first, 'y'),
      resolveProfile(first, 'z'),
    ]
    const b = [
      resolveProfile(second, 'z'),
      resolveProfile(second, 'y'),
      resolveProfile(second, ' x'),
      resolveProfile(second, 'x'),
    ].reverse()
    expect(a).toStrictEqual(b)
    expect(a[1]).toMatchObject({ name: ' x', region: 'r', sourceProfile: 'base' })
    expect(a[2]?.source?.name).toBe('x')
    expect(a[3]?.source?.name).toBe(' x')
  })

  test('fields keep the order they were first set in, [sso-session] overwrites included', () => {
    const text =
      '[default]\nmfa_serial = m\n[sso-session s]\nsso_start_url = https://s\n[profile a]\nregion = r\nsso_start_url = https://own\nsso_session = s\n'
    const detail = resolveDetailed(parseAwsConfig(text), 'a')
    expect(Object.keys(detail.fields)).toEqual([
      'sso_session',
      'sso_start_url',
      'sso_region',
      'sso_registration_scopes',
      'region',
      'mfa_serial',
    ])
    expect(detail.fields.sso_start_url).toEqual({ value: 'https://s', from: 'sso-session s' })
    expect(detail.fields.mfa_serial?.from).toBe('default')
  })
})

describe('parse', () => {
  test('a section with many keys, a repeated key, and odd key spellings', () => {
    const keys = Array.from({ length: 20 }, (_, i) => `k${i} = ${i}`)
    const text = `[profile big]\n${keys.join('\n')}\nk3 = again\nRegion = R\nregion = r\nRole_Arn : a\n`
    const parsed = parseAwsConfig(text)
    const big = parsed.profiles.big as Record<string, string>
    expect(Object.keys(big)).toEqual([
      ...keys.map((_, i) => `k${i}`).filter((k) => k !== 'k3'),
      'k3',
      'region',
      'role_arn',
    ])
    expect(big).toMatchObject({ k3: 'again', region: 'r', role_arn: 'a' })
    expect(parsed.diagnostics.filter((d) => d.severity === 'error').map((d) => d.line)).toEqual([22, 24])
    expect(resolveProfile(parsed, 'big')).toMatchObject({ region: 'r', roleArn: 'a' })
  })

  test('among thousands of headers, a repeated one is still found, whichever way its name is spelled', () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `[profile p${i}]\nregion = r${i}`)
    lines.push(
      '[profile p17]\noutput = json',
      '[profile  p18]\nregion = spaced',
      '[profile  p19]\nregion = spaced',
      '[profile p19]\nregion = exact',
    )
    const text = `${lines.join('\n')}\n`
    const parsed = parseAwsConfig(text)
    const all = text.split('\n')
    const first = (header: string) => all.indexOf(header) + 1
    const last = (header: string) => all.lastIndexOf(header) + 1
    expect(parsed.diagnostics.filter((d) => d.severity === 'error').map((d) => d.line)).toEqual([
      last('[profile p17]'),
      last('[profile p19]'),
    ])
    expect(parsed.profiles.p17).toEqual({ region: 'r17', output: 'json' })
    // botocore: a later section with the same name replaces the earlier one; aws-vault reads [profile pN] only.
    expect(parsed.profiles.p18).toEqual({ region: 'spaced' })
    expect(parsed.profiles.p19).toEqual({ region: 'spaced' })
    expect(parsed.diagnostics.filter((d) => d.message.includes('replaces')).map((d) => d.line)).toEqual([
      first('[profile p18]'),
      first('[profile p19]'),
    ])
    expect(resolveProfile(parsed, 'p18').region).toBe('r18')
    expect(resolveProfile(parsed, 'p19').region).toBe('exact')
    expect(resolveProfile(parsed, 'p4999').region).toBe('r4999')
  })

  test("a repeated section: its later lines are its row's, and its keys stay in file order", () => {
    // The second [profile a] runs from its header to its last line that is neither blank nor a comment.
    const text = '[profile a]\nx = 1\n\n[profile b]\ny = 2\n[profile a]\nz = 3\nregion = eu # c\n# end\n'
    const preview = buildPreview(text)
    expect(preview.rows.find((row) => row.name === 'a')?.diagnostics).toContainEqual(
      expect.objectContaining({ line: 8, severity: 'warning' }),
    )
    expect(preview.errorCount).toBe(1)
    expect(Object.keys(parseAwsConfig(text).profiles.a!)).toEqual(['x', 'z', 'region'])
  })
})
