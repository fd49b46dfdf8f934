// Issue 15, bounded work on hostile input: source_profile and include_profile chains are followed at most 64
// hops, each chain once per parse, with a loop check that does not rescan the path. These tests check the
// results, not the time: a long chain must still give every profile on it the right answer.
import { describe, expect, test } from 'vitest'
import { parseAwsConfig, resolveProfile } from '../../../src/core/config'
import { buildPreview } from '../../../src/core/config/import/preview'
import { MAX_INCLUDE_HOPS } from '../../../src/core/config/resolve/include-chain'
import { resolveDetailed } from '../../../src/core/config/resolve/resolve'
import { MAX_SOURCE_HOPS } from '../../../src/core/config/resolve/source-chain'
import { BAD_DURATION, expectedSourceOutcome, sourceChainConfig } from './chain-reference'

/** p0 → p1 → … → p<hops>: p0's chain has `hops` source_profile hops, and p<hops> has no source. */
function sourceChain(hops: number): string {
  return sourceChainConfig(Array.from({ length: hops + 1 }, (_, i) => (i < hops ? i + 1 : undefined)))
}

/** p0 includes p1, … p<hops - 1> includes p<hops>, which sets the region. */
function includeChain(hops: number): string {
  const lines: string[] = []
  for (let i = 0; i < hops; i++) lines.push(`[profile p${i}]`, `include_profile = p${i + 1}`)
  lines.push(`[profile p${hops}]`, 'region = eu-west-1')
  return `${lines.join('\n')}\n`
}

/** The message of what `work` throws (or undefined). */
function thrown(work: () => unknown): string | undefined {
  try {
    work()
  } catch (error) {
    return (error as Error).message
  }
  return undefined
}

describe('source_profile chain limit', () => {
  test('the limit is 64 hops', () => {
    expect(MAX_SOURCE_HOPS).toBe(64)
  })

  test('a chain of 64 hops resolves, with every source on it', () => {
    const config = parseAwsConfig(sourceChain(64))
    const profile = resolveProfile(config, 'p0')
    let hops = 0
    for (let node = profile.source; node; node = node.source) hops++
    expect(hops).toBe(64)
    const detail = resolveDetailed(config, 'p0')
    expect(detail.profile).toEqual(profile)
  })

  test('a chain of 65 hops is refused, with an error naming the profile', () => {
    const config = parseAwsConfig(sourceChain(65))
    for (const resolve of [resolveProfile, resolveDetailed]) {
      expect(() => resolve(config, 'p0')).toThrow('Profile "p0": its source_profile chain is longer than 64 hops')
      // One hop down, the same chain is 64 hops long.
      expect(() => resolve(config, 'p1')).not.toThrow()
    }
  })

  test('the preview shows the refused profile as unusable, with the error on its header line', () => {
    const preview = buildPreview(sourceChain(65))
    const row = preview.rows.find((r) => r.name === 'p0')!
    expect(row.access).toEqual({
      kind: 'unusable',
      reason: expect.stringContaining('Profile "p0": its source_profile chain is longer than 64 hops'),
    })
    expect(row.diagnostics).toContainEqual({
      line: row.line,
      severity: 'error',
      message: expect.stringContaining('longer than 64 hops'),
    })
    const next = preview.rows.find((r) => r.name === 'p1')!
    expect(next.access.kind).toBe('role')
    expect(next.chain).toHaveLength(65)
    expect(preview.errorCount).toBe(1)
  })

  test('a 5,000-profile chain ending in a loop: every profile gets the answer of following it hop by hop', () => {
    // p0 → p1 → … → p4999 → p4990: a loop of ten at the end of a long tail.
    const sources = Array.from({ length: 5000 }, (_, i) => (i < 4999 ? i + 1 : 4990))
    const config = parseAwsConfig(sourceChainConfig(sources))
    const detailed = parseAwsConfig(sourceChainConfig(sources))
    // From the end first, then from the start: kept outcomes must serve either order.
    for (const i of [4999, 4995, 4990, 4989, 4925, 4924, 0, 1, 2500]) {
      const name = `p${i}`
      const expected = expectedSourceOutcome(sources, i)
      expect(thrown(() => resolveProfile(config, name))).toBe(expected.error)
      expect(thrown(() => resolveDetailed(detailed, name))).toBe(expected.error)
    }
    expect(thrown(() => resolveProfile(config, 'p4990'))).toBe(
      'Profile "p4990": source_profile goes round in a loop (p4990 → p4991 → p4992 → p4993 → p4994 → p4995 → p4996 → p4997 → p4998 → p4999 → p4990), so no profile in it can get keys. Point one of them at a profile with keys.',
    )
    expect(thrown(() => resolveProfile(config, 'p4989'))).toMatch(
      /^Profile "p4989": source_profile goes round in a loop \(p4990 → .* → p4999 → p4990\)/,
    )
    expect(thrown(() => resolveProfile(config, 'p0'))).toMatch(
      /^Profile "p0": its source_profile chain is longer than 64 hops/,
    )
  })

  test('the preview of a 5,000-profile chain with a loop at the end: loop errors near it, the limit further up', () => {
    const sources = Array.from({ length: 5000 }, (_, i) => (i < 4999 ? i + 1 : 4990))
    const preview = buildPreview(sourceChainConfig(sources))
    expect(preview.rows).toHaveLength(5000)
    for (const [i, row] of preview.rows.entries()) {
      expect(row.access).toEqual({ kind: 'unusable', reason: expectedSourceOutcome(sources, i).error })
    }
    // The loop (10 profiles) plus the 55 profiles whose walk meets all of it within 64 hops.
    expect(preview.rows.filter((r) => r.access.kind === 'unusable' && r.access.reason.includes('loop'))).toHaveLength(
      65,
    )
  })

  test('a loop of 65 profiles is still a loop; one of 66 is longer than the limit', () => {
    const loop = (size: number) =>
      parseAwsConfig(sourceChainConfig(Array.from({ length: size }, (_, i) => (i + 1) % size)))
    expect(thrown(() => resolveProfile(loop(65), 'p0'))).toMatch(
      /^Profile "p0": source_profile goes round in a loop \(p0 → p1 → .* → p64 → p0\)/,
    )
    expect(thrown(() => resolveProfile(loop(66), 'p0'))).toMatch(
      /^Profile "p0": its source_profile chain is longer than 64 hops/,
    )
  })

  test('a profile failing on its own further down: its error within the limit, the limit beyond it', () => {
    // p0 → … → p70, and p70 has a bad duration_seconds.
    const config = parseAwsConfig(
      sourceChainConfig(
        Array.from({ length: 71 }, (_, i) => (i < 70 ? i + 1 : undefined)),
        (i) => (i === 70 ? [BAD_DURATION] : []),
      ),
    )
    expect(() => resolveProfile(config, 'p6')).toThrow('Profile "p70": duration_seconds must be a whole number')
    expect(() => resolveProfile(config, 'p5')).toThrow('Profile "p5": its source_profile chain is longer than 64 hops')
  })
})

describe('include_profile chain limit', () => {
  test('the limit is 64 hops', () => {
    expect(MAX_INCLUDE_HOPS).toBe(64)
  })

  test('a chain of 64 include_profile hops resolves; 65 is refused, naming the profile', () => {
    expect(resolveProfile(parseAwsConfig(includeChain(64)), 'p0').region).toBe('eu-west-1')
    const config = parseAwsConfig(includeChain(65))
    for (const resolve of [resolveProfile, resolveDetailed]) {
      expect(() => resolve(config, 'p0')).toThrow('Profile "p0": its include_profile chain is longer than 64 hops')
      expect(() => resolve(config, 'p1')).not.toThrow()
    }
  })

  test('the [default] fallback at the end of an include chain is not a hop', () => {
    const text = includeChain(64).replace('region = eu-west-1', 'mfa_serial = m') + '[default]\nregion = us-east-1\n'
    expect(resolveProfile(parseAwsConfig(text), 'p0')).toMatchObject({ region: 'us-east-1', mfaSerial: 'm' })
  })

  test("past the limit the chain is refused before any section is read, even the profile's own", () => {
    // Within the limit the profile's own bad duration_seconds comes first, as it always has.
    const bad = (hops: number) =>
      parseAwsConfig(includeChain(hops).replace('[profile p0]\n', '[profile p0]\nduration_seconds = soon\n'))
    expect(() => resolveProfile(bad(64), 'p0')).toThrow('Profile "p0": duration_seconds must be a whole number')
    expect(() => resolveProfile(bad(65), 'p0')).toThrow(
      'Profile "p0": its include_profile chain is longer than 64 hops',
    )
    expect(buildPreview(includeChain(65)).rows[0]!.access).toEqual({
      kind: 'unusable',
      reason: expect.stringContaining('longer than 64 hops'),
    })
  })

  test('a 5,000-profile include chain ending in a loop: loop errors near it, the limit further up', () => {
    const lines: string[] = []
    for (let i = 0; i < 5000; i++) lines.push(`[profile p${i}]`, `include_profile = p${i < 4999 ? i + 1 : 4990}`)
    const config = parseAwsConfig(lines.join('\n'))
    expect(() => resolveProfile(config, 'p4990')).toThrow(
      'Profile "p4990": include_profile goes round in a loop (p4990 → p4991 → p4992 → p4993 → p4994 → p4995 → p4996 → p4997 → p4998 → p4999 → p4990)',
    )
    expect(() => resolveProfile(config, 'p4935')).toThrow(
      /^Profile "p4935": include_profile goes round in a loop \(p4990 → .* → p4999 → p4990\)/,
    )
    expect(() => resolveProfile(config, 'p4934')).toThrow(
      'Profile "p4934": its include_profile chain is longer than 64 hops',
    )
    expect(() => resolveDetailed(config, 'p0')).toThrow(
      'Profile "p0": its include_profile chain is longer than 64 hops',
    )
    const preview = buildPreview(lines.join('\n'))
    expect(preview.rows.filter((r) => r.access.kind === 'unusable')).toHaveLength(5000)
  })
})
