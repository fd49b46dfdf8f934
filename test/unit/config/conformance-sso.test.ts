// sso-resolution.json: botocore's Identity Center settings for a profile (SSOProvider._load_sso_config), or
// its refusal, through the public ssoConfigOf. One test per case, and a printed tally.
import { afterAll, describe, expect, test } from 'vitest'
import { parseAwsConfig, ssoConfigOf } from '../../../src/core/config'
import { loadCases } from './cases'

interface SsoCase {
  id: string
  input: string
  profile: string
  /** { uses_sso: false }, { uses_sso: true, <botocore's keys>… }, or { error, message } */
  expected: Record<string, unknown>
}

/** The keys botocore's provider returns; the cases add the CLI's cache key and the scopes beside them. */
const BOTOCORE_KEYS = ['sso_role_name', 'sso_account_id', 'sso_start_url', 'sso_region', 'sso_session']

const cases = loadCases<SsoCase>('sso-resolution.json')
const agreed: string[] = []

describe('sso-resolution.json (botocore SSOProvider)', () => {
  expect(cases.length).toBeGreaterThan(0)
  for (const c of cases) {
    test(c.id, () => {
      const config = parseAwsConfig(c.input)
      const want = c.expected
      if ('error' in want) {
        // botocore's own message; a file it cannot parse names the file, which here is the pasted text.
        const message = String(want.message).replace('<file>', '')
        expect(() => ssoConfigOf(config, c.profile)).toThrowError(message)
      } else if (!want.uses_sso) {
        expect(ssoConfigOf(config, c.profile)).toBeNull()
      } else {
        const botocore = Object.fromEntries(BOTOCORE_KEYS.filter((k) => want[k] != null).map((k) => [k, want[k]]))
        expect(ssoConfigOf(config, c.profile)).toEqual(botocore)
      }
      agreed.push(c.id)
    })
  }
  afterAll(() => {
    console.log(`sso-resolution.json: ${agreed.length}/${cases.length} cases agree with botocore`)
  })
})
