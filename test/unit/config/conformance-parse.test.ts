// config-parse.json: every case through parseAwsConfig. Where botocore accepts the file the result must equal
// build_profile_map's exactly (and the raw sections raw_config_parse's); where it rejects it, Rolecall must
// report an error with a line. One test per case, and a printed tally.
import { afterAll, describe, expect, test } from 'vitest'
import { parseAwsConfig } from '../../../src/core/config'
import { parseRawIni } from '../../../src/core/config/ini/raw-ini'
import { sectionValues } from '../../../src/core/config/ini/profile-map'
import { classifySection } from '../../../src/core/config/ini/section-names'
import { type ParseCase, loadCases } from './cases'

const cases = loadCases<ParseCase>('config-parse.json')
const agreed: string[] = []

/** raw_config_parse's dict and build_profile_map's leftover sections, from the raw parser. */
function rawView(text: string): { raw: Record<string, object>; other: Record<string, object> } {
  const ini = parseRawIni(text)
  const raw = ini.sections.map((section) => [section.name, sectionValues(section, ini.defaults)] as const)
  // fromEntries defines own properties, so a section named "__proto__" stays data.
  return {
    raw: Object.fromEntries(raw),
    other: Object.fromEntries(raw.filter(([name]) => classifySection(name)?.kind === 'other')),
  }
}

describe('config-parse.json (botocore build_profile_map)', () => {
  expect(cases.length).toBeGreaterThan(0)
  for (const c of cases) {
    test(c.id, () => {
      const parsed = parseAwsConfig(c.input)
      const errors = parsed.diagnostics.filter((d) => d.severity === 'error')
      if ('error' in c.expected) {
        expect(errors.length, 'botocore rejects this file, so Rolecall must report an error').toBeGreaterThan(0)
        for (const e of errors) expect(e.line).toBeGreaterThanOrEqual(1)
      } else {
        expect(errors).toEqual([])
        expect({ profiles: parsed.profiles, sso_sessions: parsed.ssoSessions, services: parsed.services }).toEqual({
          profiles: c.expected.profiles,
          sso_sessions: c.expected.sso_sessions,
          services: c.expected.services,
        })
        const { raw, other } = rawView(c.input)
        expect(raw).toEqual(c.expected_raw_sections)
        expect(other).toEqual(c.expected.other_sections)
      }
      agreed.push(c.id)
    })
  }
  afterAll(() => {
    console.log(`config-parse.json: ${agreed.length}/${cases.length} cases agree with botocore`)
  })
})
