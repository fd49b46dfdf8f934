// Differential test against Python's own configparser + botocore's build_profile_map (botocore-oracle.py):
// thousands of generated configs, built from the characters and shapes where parsers disagree, must give
// the same profiles, sso-sessions and services where botocore accepts them, and an error where it does not.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { parseAwsConfig } from '../../../src/core/config'

const PYTHON = '/usr/bin/python3'
const ORACLE = fileURLToPath(new URL('./botocore-oracle.py', import.meta.url))

const token = fc.constantFrom(
  '[',
  ']',
  '[profile ',
  '[default]',
  '[DEFAULT]',
  '[sso-session ',
  '[services ',
  '[profiles x]',
  'profile',
  'default',
  ' ',
  '  ',
  '\t',
  '=',
  ' = ',
  ':',
  ': ',
  '#',
  ' # c',
  ';',
  '"',
  "'",
  '\\',
  'a',
  'B',
  'Key',
  'x.y',
  'region',
  'role_arn',
  's3 =',
  'v',
  '1',
  '\u00a0',
  '\x0b',
  '\x0c',
  '\x1c',
  '\x1f',
  '\x85',
  '\u2028',
  '\u3000',
  'İ',
  'Σ',
  'ß',
  '\ufeff',
  '__proto__',
  'constructor',
  '\u{1f600}',
)
const line = fc.array(token, { maxLength: 6 }).map((parts) => parts.join(''))
const indent = fc.constantFrom('', '', '', ' ', '  ', '\t')
const breakChar = fc.constantFrom('\n', '\n', '\n', '\r\n', '\r')
const configText = fc
  .array(fc.tuple(indent, line, breakChar), { maxLength: 14 })
  .map((lines) => lines.map(([pad, text, br]) => pad + text + br).join(''))

function oracle(texts: string[]): unknown[] {
  const run = spawnSync(PYTHON, [ORACLE], {
    input: JSON.stringify(texts),
    encoding: 'utf8',
    env: { ...process.env, PYTHONUTF8: '1' },
    maxBuffer: 1 << 28,
  })
  if (run.status !== 0) throw new Error(`botocore oracle failed: ${run.stderr}`)
  return JSON.parse(run.stdout) as unknown[]
}

describe('parseAwsConfig against botocore (differential fuzz)', () => {
  test('generated configs parse the same as configparser + build_profile_map', () => {
    const runs = Math.min(Math.max(Number(process.env.FUZZ_RUNS ?? 300) * 4, 400), 20_000)
    const texts = fc.sample(configText, { numRuns: runs, seed: Number(process.env.FUZZ_SEED ?? 20260) })
    texts.push(
      '[profile a]\nregion = x\n  cont\n\n[default]\ns3 =\n  k = v\n\tz=1\n',
      '\ufeff[default]\n',
      'x = 1\n[a]\n',
    )
    const expected = oracle(texts)
    let rejected = 0
    for (const [i, text] of texts.entries()) {
      const parsed = parseAwsConfig(text)
      const errors = parsed.diagnostics.filter((d) => d.severity === 'error')
      const want = expected[i] as { error?: boolean }
      if (want.error) {
        rejected++
        expect(errors.length, `botocore rejects ${JSON.stringify(text)}`).toBeGreaterThan(0)
      } else {
        expect(errors, `botocore accepts ${JSON.stringify(text)}`).toEqual([])
        expect(
          { profiles: parsed.profiles, sso_sessions: parsed.ssoSessions, services: parsed.services },
          JSON.stringify(text),
        ).toEqual(want)
      }
    }
    // The generator must exercise both outcomes, or the comparison proves little.
    expect(rejected).toBeGreaterThan(texts.length / 10)
    expect(texts.length - rejected).toBeGreaterThan(texts.length / 10)
  }, 300_000)
})
