// Property tests: parseAwsConfig (and the credentials reader) never throw, whatever they are given, and
// resolveProfile only ever fails with an Error that names the profile. `npm run fuzz` runs these with
// FUZZ_RUNS=100000.
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { parseAwsConfig, resolveProfile } from '../../../src/core/config'
import { parseCredentialsFile } from '../../../src/core/config/ini/credentials-file'
import { buildPreview } from '../../../src/core/config/import/preview'
import { resolveDetailed } from '../../../src/core/config/resolve/resolve'
import type { ResolvedProfile } from '../../../src/core/config/types'
import {
  BAD_DURATION,
  expectedIncludeOutcome,
  expectedSourceOutcome,
  includeChainConfig,
  sourceChainConfig,
} from './chain-reference'

const RUNS = Number(process.env.FUZZ_RUNS ?? 300)
/** `npm run fuzz` runs 100,000 cases per property: minutes, not the default 5 s. */
const FUZZ_TIMEOUT = 30 * 60_000

const configLine = fc.oneof(
  fc.constantFrom(
    '[default]',
    '[DEFAULT]',
    '[profile a]',
    '[profile b]',
    '[profile a.b]',
    '[sso-session s]',
    '[profile __proto__]',
  ),
  fc
    .tuple(
      fc.constantFrom(
        'region',
        'role_arn',
        'source_profile',
        'include_profile',
        'mfa_serial',
        'duration_seconds',
        'session_tags',
        'transitive_session_tags',
        'sso_session',
        'credential_process',
        'color',
        '__proto__',
        'constructor',
      ),
      fc.constantFrom(' = ', '=', ': '),
      fc.oneof(
        fc.constantFrom('a', 'b', 'default', 'a.b', '3600', '1h', '0x10', '', 'k=v,x', 'x # c', '"q"'),
        fc.string({ maxLength: 12 }),
      ),
    )
    .map(([k, d, v]) => k + d + v),
  fc.string({ maxLength: 20 }),
)
const configText = fc
  .array(fc.tuple(fc.constantFrom('', ' ', '\t'), configLine), { maxLength: 20 })
  .map((lines) => lines.map(([pad, l]) => pad + l).join('\n'))

function expectDiagnosticsShape(
  diagnostics: { line: number; severity: string; message: string }[],
  lineCount: number,
): void {
  for (const d of diagnostics) {
    expect(Number.isInteger(d.line) && d.line >= 1 && d.line <= lineCount).toBe(true)
    expect(['error', 'warning']).toContain(d.severity)
    expect(d.message.length).toBeGreaterThan(10)
  }
}

describe('config parser fuzz', () => {
  test(
    'any string at all: parseAwsConfig returns, with well-formed diagnostics',
    () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
          const parsed = parseAwsConfig(text)
          expectDiagnosticsShape(parsed.diagnostics, text.split(/\r\n|\r|\n/).length)
        }),
        { numRuns: RUNS },
      )
    },
    FUZZ_TIMEOUT,
  )

  test(
    'binary junk decoded as text: parseAwsConfig and parseCredentialsFile return',
    () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
          const text = new TextDecoder('utf-8').decode(bytes)
          expect(parseAwsConfig(text).diagnostics).toBeInstanceOf(Array)
          expect(parseCredentialsFile(text).credentials).toBeInstanceOf(Array)
          const latin1 = String.fromCharCode(...bytes)
          expect(parseAwsConfig(latin1).diagnostics).toBeInstanceOf(Array)
        }),
        { numRuns: RUNS },
      )
    },
    FUZZ_TIMEOUT,
  )

  test(
    'config-shaped text: every profile resolves or fails with an Error naming it',
    () => {
      fc.assert(
        fc.property(configText, (text) => {
          const parsed = parseAwsConfig(text)
          for (const name of [...Object.keys(parsed.profiles), 'default']) {
            try {
              const resolved = resolveProfile(parsed, name)
              expect(resolved.name).toBe(name)
            } catch (error) {
              expect(error).toBeInstanceOf(Error)
              expect((error as Error).message).toContain(`"`)
              expect((error as Error).message.length).toBeGreaterThan(20)
            }
          }
        }),
        { numRuns: RUNS },
      )
    },
    FUZZ_TIMEOUT,
  )

  test(
    'config-shaped text: resolveProfile (values read in place) agrees with resolveDetailed (key hits), errors too',
    () => {
      const outcome = (resolve: () => ResolvedProfile): unknown => {
        try {
          return resolve()
        } catch (error) {
          return { error: (error as Error).message }
        }
      }
      fc.assert(
        fc.property(configText, (text) => {
          const fast = parseAwsConfig(text)
          const detailed = parseAwsConfig(text)
          for (const name of [...Object.keys(fast.profiles), 'default']) {
            expect(outcome(() => resolveProfile(fast, name))).toStrictEqual(
              outcome(() => resolveDetailed(detailed, name).profile),
            )
          }
        }),
        { numRuns: RUNS },
      )
    },
    FUZZ_TIMEOUT,
  )

  test('a 5 MB input parses without throwing and reports its problems', () => {
    const chunk =
      '[profile p%]\nregion = eu-west-1 # c\nrole_arn = arn:aws:iam::111111111111:role/R\n\u0000\u00ff junk line\n'
    let text = ''
    for (let i = 0; text.length < 5 * 1024 * 1024; i++) text += chunk.replace('%', String(i))
    const parsed = parseAwsConfig(text)
    expect(Object.keys(parsed.profiles).length).toBeGreaterThan(50_000)
    expect(parsed.diagnostics.filter((d) => d.severity === 'error').length).toBeGreaterThan(50_000)
    expect(resolveProfile(parsed, 'p7').region).toBe('eu-west-1')
  }, 120_000)
})

describe('source_profile and include_profile chains fuzz', () => {
  /**
   * n profiles, each pointing at a profile index (or none): mostly the next one, so chains often run past the
   * 64-hop limit, now and then none or any profile at all (loops, joins, self-references). `bad`: profiles
   * that fail on their own; `order`: the order they are asked for (kept outcomes must serve any order).
   */
  const chains = fc.integer({ min: 1, max: 150 }).chain((n) =>
    fc.record({
      links: fc
        .array(
          fc.oneof(
            { weight: 60, arbitrary: fc.constant('next' as const) },
            { weight: 1, arbitrary: fc.constant('none' as const) },
            { weight: 1, arbitrary: fc.nat(n - 1) },
          ),
          { minLength: n, maxLength: n },
        )
        .map((links) =>
          links.map((link, i) =>
            link === 'none' ? undefined : link === 'next' ? (i + 1 < n ? i + 1 : undefined) : link,
          ),
        ),
      bad: fc.uniqueArray(fc.nat(n - 1), { maxLength: 2 }).map((list) => new Set(list)),
      order: fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }),
    }),
  )

  /** The error message of `work`, or what it returns. */
  function outcome<T>(work: () => T): T | { error: string } {
    try {
      return work()
    } catch (error) {
      return { error: (error as Error).message }
    }
  }

  test(
    'source_profile: resolveProfile, resolveDetailed and the preview give what following the chain hop by hop gives',
    () => {
      fc.assert(
        fc.property(chains, ({ links, bad, order }) => {
          const text = sourceChainConfig(links, (i) => (bad.has(i) ? [BAD_DURATION] : []))
          const fast = parseAwsConfig(text)
          const detailed = parseAwsConfig(text)
          const rows = buildPreview(text).rows
          const hopsOf = (profile: ResolvedProfile): number => (profile.source ? 1 + hopsOf(profile.source) : 0)
          // One comparison per case: each profile's hop count or error, from each of the three.
          const want = order.map((i) => {
            const expected = expectedSourceOutcome(links, i, bad)
            return expected.error === undefined ? expected.hops : { error: expected.error }
          })
          const preview = (i: number) => {
            const row = rows[i]!
            return row.access.kind === 'unusable' ? { error: row.access.reason } : row.chain.length - 1
          }
          expect(order.map((i) => outcome(() => hopsOf(resolveProfile(fast, `p${i}`))))).toEqual(want)
          expect(order.map((i) => outcome(() => hopsOf(resolveDetailed(detailed, `p${i}`).profile)))).toEqual(want)
          expect(order.map(preview)).toEqual(want)
        }),
        { numRuns: RUNS },
      )
    },
    FUZZ_TIMEOUT,
  )

  test(
    'include_profile: both resolutions give what following the chain hop by hop gives, [default] included',
    () => {
      const withDefault = chains.chain((c) =>
        fc.record({ c: fc.constant(c), defaultInclude: fc.option(fc.nat(c.links.length - 1), { nil: undefined }) }),
      )
      fc.assert(
        fc.property(withDefault, ({ c: { links, order }, defaultInclude }) => {
          const text = includeChainConfig(links, defaultInclude)
          const fast = parseAwsConfig(text)
          const detailed = parseAwsConfig(text)
          const want = order.map((i) => {
            const expected = expectedIncludeOutcome(links, i, defaultInclude)
            return expected.error === undefined ? `m${i}` : { error: expected.error }
          })
          expect(order.map((i) => outcome(() => resolveProfile(fast, `p${i}`).mfaSerial))).toEqual(want)
          expect(order.map((i) => outcome(() => resolveDetailed(detailed, `p${i}`).profile.mfaSerial))).toEqual(want)
        }),
        { numRuns: RUNS },
      )
    },
    FUZZ_TIMEOUT,
  )
})

describe('config parser fuzz: not even text', () => {
  test.each([
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
    ['an object', {}],
    ['an array', []],
    ['a symbol', Symbol('s')],
    [
      'an object whose toString throws',
      {
        toString: () => {
          throw new Error('no')
        },
      },
    ],
  ])('parseAwsConfig(%s) returns an error diagnostic', (_what, value) => {
    const parsed = parseAwsConfig(value as unknown as string)
    expect(parsed.profiles).toEqual({})
    expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toHaveLength(1)
  })
})

describe('prototype pollution', () => {
  test('__proto__ and constructor are plain data as section and key names', () => {
    const text =
      '[profile __proto__]\n__proto__ = polluted\nconstructor = c\nregion = r\n[profile constructor]\nsource_profile = __proto__\nrole_arn = arn:aws:iam::111111111111:role/x\n[sso-session __proto__]\nsso_region = x\n'
    const parsed = parseAwsConfig(text)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.getPrototypeOf(parsed.profiles)).toBe(Object.prototype)
    expect(Object.keys(parsed.profiles)).toEqual(['__proto__', 'constructor'])
    expect(Object.getOwnPropertyDescriptor(parsed.profiles, '__proto__')?.value).toEqual(
      JSON.parse('{"__proto__":"polluted","constructor":"c","region":"r"}'),
    )
    expect(Object.keys(parsed.ssoSessions)).toEqual(['__proto__'])
    const resolved = resolveProfile(parsed, 'constructor')
    expect(resolved.source?.name).toBe('__proto__')
    expect(resolved.source?.region).toBe('r')
    expect(() => resolveProfile(parsed, 'toString')).toThrow('"toString"')
    expect(() => resolveProfile(parsed, 'hasOwnProperty')).toThrow('not in the config')
  })
})
