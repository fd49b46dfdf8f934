// sdk-standard-profile-parser.json: the cross-SDK parser suite. Rolecall parses like botocore
// (docs/aws-protocol.md §6.1), so a config file is checked against what botocore produced, including the cases
// where botocore departs from the standard (inline comments, duplicates, sub-properties, [profile default] order).
// Credentials-only cases check the credentials reader, which names sections the standard's way.
import { afterAll, describe, expect, test } from 'vitest'
import { parseAwsConfig } from '../../../src/core/config'
import { readCredentialSections } from '../../../src/core/config/ini/credentials-file'
import { type StandardCase, loadCases } from './cases'

const cases = loadCases<StandardCase>('sdk-standard-profile-parser.json')
const agreed: string[] = []
let matchesStandard = 0

describe('sdk-standard-profile-parser.json', () => {
  expect(cases.length).toBeGreaterThan(0)
  for (const c of cases) {
    test(c.id, () => {
      if (c.botocore && c.input.configFile !== undefined) {
        const parsed = parseAwsConfig(c.input.configFile)
        const errors = parsed.diagnostics.filter((d) => d.severity === 'error')
        if ('error' in c.botocore) {
          expect(errors.length, 'botocore rejects this file').toBeGreaterThan(0)
        } else {
          expect(errors).toEqual([])
          expect({ profiles: parsed.profiles, sso_sessions: parsed.ssoSessions }).toEqual(c.botocore)
        }
        if (c.botocore_matches_standard) matchesStandard++
      } else {
        // Only a credentials file: compare the profile sections with the standard's expectation.
        expect(c.input.credentialsFile).toBeDefined()
        const { sections } = readCredentialSections(c.input.credentialsFile ?? '')
        const profiles = Object.fromEntries(sections.map((s) => [s.name, s.values]))
        expect(profiles).toEqual(c.expected_by_standard.config?.profiles)
        matchesStandard++
      }
      agreed.push(c.id)
    })
  }
  afterAll(() => {
    console.log(
      `sdk-standard-profile-parser.json: ${agreed.length}/${cases.length} cases agree (botocore's result for config files; ${matchesStandard} also match the cross-SDK standard)`,
    )
  })
})
