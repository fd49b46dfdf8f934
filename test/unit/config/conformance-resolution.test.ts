// aws-vault-resolution.json: every case through resolveProfile. The oracle is aws-vault v7.2.0's
// GetProfileConfig; where it hangs (source_profile loops) or crashes (bad duration), docs/aws-protocol.md §6.3/§6.4
// make those clear errors that name the profile. The v6.6.2 results beside it are only tallied.
import { afterAll, describe, expect, test } from 'vitest'
import { parseAwsConfig, resolveProfile } from '../../../src/core/config'
import { resolveDetailed } from '../../../src/core/config/resolve/resolve'
import { type ResolutionCase, comparable, loadCases, vaultShape } from './cases'

const cases = loadCases<ResolutionCase>('aws-vault-resolution.json')
const agreed: string[] = []
let sameAsV6 = 0

describe('aws-vault-resolution.json (aws-vault v7 GetProfileConfig)', () => {
  expect(cases.length).toBeGreaterThan(0)
  for (const c of cases) {
    test(c.id, () => {
      const config = parseAwsConfig(c.input)
      if ('error' in c.expected) {
        expect(() => resolveProfile(config, c.profile)).toThrow(`"${c.profile}"`)
      } else {
        const shape = vaultShape(resolveDetailed(config, c.profile))
        expect(shape).toEqual(comparable(c.expected, shape))
        // The public function returns the same profile the detailed one does.
        expect(resolveProfile(config, c.profile)).toEqual(resolveDetailed(config, c.profile).profile)
        const v6 = c.aws_vault_v6_6_2
        if (
          v6 &&
          !('error' in v6) &&
          JSON.stringify(comparable(v6, shape)) === JSON.stringify(comparable(c.expected, comparable(v6, shape)))
        )
          sameAsV6++
      }
      agreed.push(c.id)
    })
  }
  afterAll(() => {
    console.log(
      `aws-vault-resolution.json: ${agreed.length}/${cases.length} cases agree with aws-vault v7 (${sameAsV6} of them also match v6.6.2 on the fields v6 reports)`,
    )
  })
})
