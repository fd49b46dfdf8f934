// Issue 16, three pastes shaped to make parsing and resolving slow (test/bench/hostile-bench.ts times them at
// full size): many [DEFAULT] keys in many sections, a long dotted profile name, many profiles that include
// the start of a long include chain. The work is now linear in the paste; these tests check the answers.
import { describe, expect, test } from 'vitest'
import { parseAwsConfig, resolveProfile } from '../../../src/core/config'
import { buildPreview } from '../../../src/core/config/import/preview'
import { resolveDetailed } from '../../../src/core/config/resolve/resolve'

/** Which error resolving `name` gives, if any. */
function thrown(work: () => unknown): string | undefined {
  try {
    work()
  } catch (error) {
    return (error as Error).message
  }
  return undefined
}

describe('[DEFAULT] keys in every section', () => {
  const keys = Array.from({ length: 300 }, (_, i) => `k${i}`)
  const text = `[DEFAULT]\n${keys.map((k) => `${k} = d`).join('\n')}\nregion = from-default\n${Array.from(
    { length: 300 },
    (_, i) => `[profile p${i}]\nk7 = own`,
  ).join('\n')}\n`

  test("botocore's profiles each hold their own keys, then every [DEFAULT] key they do not set", () => {
    const { profiles } = parseAwsConfig(text)
    expect(Object.keys(profiles)).toHaveLength(300)
    const expected = { ...Object.fromEntries(keys.map((k) => [k, 'd'])), k7: 'own', region: 'from-default' }
    expect(profiles.p0).toEqual(expected)
    expect(Object.keys(profiles.p299!)).toEqual(['k7', ...keys.filter((k) => k !== 'k7'), 'region'])
    expect(JSON.parse(JSON.stringify(profiles)).p150).toEqual(expected)
  })

  test('each profile is its own object: changing one changes no other', () => {
    const { profiles } = parseAwsConfig(text)
    profiles.p1!.k1 = 'changed'
    profiles.p2 = { replaced: 'yes' }
    expect(profiles.p1!.k1).toBe('changed')
    expect(profiles.p3!.k1).toBe('d')
    expect(profiles.p2).toEqual({ replaced: 'yes' })
  })

  test('resolution and the preview ignore [DEFAULT], as aws-vault does', () => {
    expect(resolveProfile(parseAwsConfig(text), 'p9').region).toBeUndefined()
    const preview = buildPreview(text)
    expect(preview.rows).toHaveLength(300)
    expect(preview.rows.every((row) => row.region === undefined)).toBe(true)
    expect(preview.warningCount).toBe(1) // "[DEFAULT] is special"
  })
})

describe('a long dotted profile name', () => {
  const long = Array.from({ length: 3_000 }, () => 'a').join('.')

  test("takes each missing key from its nearest dotted parent, as go-ini's child sections do", () => {
    const text = [
      `[profile ${long}]`,
      'mfa_serial = own',
      '[profile a]',
      'region = eu-west-1',
      'role_arn = arn:aws:iam::111111111111:role/Far',
      '[profile a.a.a]',
      'role_arn = arn:aws:iam::111111111111:role/Near',
      '[profile a.a.a.a.b]', // not a parent: the name does not start with it
      'external_id = x',
    ].join('\n')
    const config = parseAwsConfig(text)
    expect(resolveProfile(config, long)).toEqual({
      name: long,
      mfaSerial: 'own',
      region: 'eu-west-1',
      roleArn: 'arn:aws:iam::111111111111:role/Near',
      durationSeconds: 3600,
    })
    const fields = resolveDetailed(config, long).fields
    expect([fields.mfa_serial?.from, fields.region?.from, fields.role_arn?.from]).toEqual([long, 'a', 'a.a.a'])
    expect(buildPreview(text).rows.find((row) => row.name === long)?.region).toBe('eu-west-1')
  })

  test('with no parent section, only its own keys', () => {
    const config = parseAwsConfig(`[profile ${long}]\nregion = r\n[profile b]\nregion = x\n`)
    expect(resolveProfile(config, long)).toEqual({ name: long, region: 'r', durationSeconds: 3600 })
  })
})

describe('many profiles including the start of one long include chain', () => {
  /** c0 includes c1, … c<hops - 1> includes c<hops>; then `profiles` profiles p<i> that each include c0. */
  function shared(hops: number, profiles: number, last = 'region = eu-west-1'): string {
    const lines: string[] = []
    for (let i = 0; i < hops; i++) lines.push(`[profile c${i}]`, `include_profile = c${i + 1}`, `mfa_serial = m${i}`)
    lines.push(`[profile c${hops}]`, last)
    for (let i = 0; i < profiles; i++) lines.push(`[profile p${i}]`, 'include_profile = c0', `role_arn = r${i}`)
    return `${lines.join('\n')}\n`
  }

  test('63 hops from each profile: every one reads the whole chain', () => {
    const config = parseAwsConfig(shared(63, 2_000))
    for (const i of [1_999, 0, 1_000]) {
      expect(resolveProfile(config, `p${i}`)).toEqual({
        name: `p${i}`,
        roleArn: `r${i}`,
        mfaSerial: 'm0',
        region: 'eu-west-1',
        durationSeconds: 3600,
      })
      expect(resolveDetailed(config, `p${i}`).fields.region?.from).toBe('c63')
    }
    const preview = buildPreview(shared(63, 2_000))
    expect(preview.rows.filter((row) => row.region === 'eu-west-1')).toHaveLength(2_064)
  })

  test('64 hops to the end: the profiles that include it are one hop past the limit', () => {
    const config = parseAwsConfig(shared(64, 500))
    expect(resolveProfile(config, 'c0').region).toBe('eu-west-1')
    expect(thrown(() => resolveProfile(config, 'p7'))).toMatch(
      /^Profile "p7": its include_profile chain is longer than 64 hops/,
    )
  })

  test('a bad duration_seconds at the end fails every profile, naming it and where the value is', () => {
    const config = parseAwsConfig(shared(63, 500, 'duration_seconds = soon'))
    expect(thrown(() => resolveProfile(config, 'p3'))).toBe(
      'Profile "p3": duration_seconds (read from profile "c63") must be a whole number of seconds, e.g. 3600; aws-vault crashes on this value.',
    )
    expect(thrown(() => resolveProfile(config, 'c63'))).toMatch(/^Profile "c63": duration_seconds must be/)
  })

  test('a chain that ends in a loop: each profile that reaches it gets the loop, named for itself', () => {
    const config = parseAwsConfig(shared(30, 500, 'include_profile = c25'))
    expect(thrown(() => resolveProfile(config, 'p4'))).toBe(
      `Profile "p4": include_profile goes round in a loop (c25 → c26 → c27 → c28 → c29 → c30 → c25); aws-vault stops with "Loop detected in config file for profile 'c25'". Remove one of the include_profile lines.`,
    )
    expect(thrown(() => resolveProfile(config, 'c27'))).toMatch(/\(c27 → c28 → c29 → c30 → c25 → c26 → c27\)/)
  })
})
