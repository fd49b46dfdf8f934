// Differential test of ssoConfigOf against botocore's own SSO provider (sso-oracle.py imports botocore):
// generated configs mixing sso-session and legacy profiles, keys in the profile, the session and [DEFAULT],
// values that agree or differ, missing keys, odd section headers and repeated sections. Where botocore
// refuses, ssoConfigOf must throw botocore's message; otherwise return botocore's settings (or null).
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { parseAwsConfig, ssoConfigOf } from '../../../src/core/config'

const PYTHON = '/usr/bin/python3'
const ORACLE = fileURLToPath(new URL('./sso-oracle.py', import.meta.url))

type Answer = null | Record<string, unknown> | { error: string; message: string }

const KEYS = ['sso_session', 'sso_account_id', 'sso_role_name', 'sso_start_url', 'sso_region', 'region']
const value = fc.constantFrom('corp', 'other', '111122223333', 'Admin', 'https://a.awsapps.com/start', 'us-east-1', '')
const key = fc.constantFrom(...KEYS, 'SSO_REGION', 'Sso_Role_Name', 'sso_registration_scopes')
const keyLine = fc.oneof(
  fc.tuple(key, value).map(([k, v]) => `${k} = ${v}`),
  fc.constantFrom('sso_session =\n  a = b', 'sso_region =\n  x = y', "sso_start_url = it's"),
)
const header = fc.constantFrom(
  '[profile x]',
  '[profile y]',
  '[default]',
  '[DEFAULT]',
  '[sso-session corp]',
  '[sso-session other]',
  '[sso-session   corp]',
  '[sso-session "corp"]',
  '[sso-session my corp]',
  '[sso-sessioncorp x]',
)
const section = fc
  .tuple(header, fc.array(keyLine, { maxLength: 5 }))
  .map(([head, lines]) => [head, ...lines].join('\n'))
const randomConfig = fc.array(section, { minLength: 1, maxLength: 5 }).map((sections) => sections.join('\n'))
/** Configs botocore accepts, as people write them, each with a little noise after (which may break them). */
const usualConfig = fc
  .tuple(
    fc.constantFrom(
      '[profile x]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Admin\n' +
        '[sso-session corp]\nsso_start_url = https://a.awsapps.com/start\nsso_region = us-east-1',
      '[profile x]\nsso_start_url = https://a.awsapps.com/start\nsso_region = us-east-1\n' +
        'sso_account_id = 111122223333\nsso_role_name = Admin',
      '[default]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Admin\n' +
        '[profile y]\nsso_session = other\nsso_account_id = 111122223333\nsso_role_name = Admin\n' +
        '[sso-session other]\nsso_start_url = https://a.awsapps.com/start\nsso_region = us-east-1',
    ),
    fc.array(section, { maxLength: 2 }),
  )
  .map(([base, noise]) => [base, ...noise].join('\n'))
const configText = fc.oneof(randomConfig, usualConfig).map((text) => text + '\n')
const profile = fc.constantFrom('x', 'x', 'y', 'default', 'missing')

function oracle(cases: { text: string; profile: string }[]): Answer[] {
  const run = spawnSync(PYTHON, [ORACLE], {
    input: JSON.stringify(cases),
    encoding: 'utf8',
    env: { ...process.env, PYTHONUTF8: '1' },
    maxBuffer: 1 << 26,
  })
  if (run.status !== 0) throw new Error(`botocore SSO oracle failed: ${run.stderr}`)
  return JSON.parse(run.stdout) as Answer[]
}

describe('ssoConfigOf against botocore (differential)', () => {
  test('generated Identity Center configs get botocore settings or botocore refusals', () => {
    const runs = Math.min(Math.max(Number(process.env.FUZZ_RUNS ?? 300) * 3, 600), 20_000)
    const cases = fc
      .sample(fc.tuple(configText, profile), { numRuns: runs, seed: Number(process.env.FUZZ_SEED ?? 20261) })
      .map(([text, name]) => ({ text, profile: name }))
    const answers = oracle(cases)
    const outcomes = { none: 0, settings: 0, refused: 0 }
    for (const [i, { text, profile: name }] of cases.entries()) {
      const want = answers[i] as Answer
      const what = `${name} in ${JSON.stringify(text)}`
      const config = parseAwsConfig(text)
      if (want !== null && 'error' in want) {
        outcomes.refused++
        let thrown: unknown
        try {
          ssoConfigOf(config, name)
        } catch (error) {
          thrown = error
        }
        expect(thrown, `botocore refuses ${what}: ${want.message}`).toBeInstanceOf(Error)
        const message = (thrown as Error).message
        if (want.error === 'InvalidConfigError') expect(message, what).toBe(want.message)
        else if (want.error === 'ConfigParseError') expect(message, what).toMatch(/^Unable to parse config file: /)
        else expect(message, what).toMatch(/sso_session/) // TypeError: a sub-section where a name belongs
      } else {
        outcomes[want === null ? 'none' : 'settings']++
        expect(ssoConfigOf(config, name), what).toEqual(want)
      }
    }
    console.log(`ssoConfigOf vs botocore: ${JSON.stringify(outcomes)} of ${cases.length}`)
    // Each outcome must be common enough for the comparison to prove something.
    for (const count of Object.values(outcomes)) expect(count).toBeGreaterThan(cases.length / 20)
  }, 120_000)
})
