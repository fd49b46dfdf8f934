// parseAwsConfig: botocore's raw_config_parse + build_profile_map on pasted text, never throwing. What
// resolution and the preview need beyond the public shape (which raw section a profile came from, its
// own keys without [DEFAULT]'s, key lines) is kept beside the result in a WeakMap, so ParsedConfig stays
// exactly botocore's data and still compares equal to it.
import { sortDiagnostics } from './diagnostics'
import { type IniValue, type RawIni, type RawSection, parseRawIni, setOwn } from './ini-raw'
import { collectParseWarnings } from './parse-warnings'
import { classifySection } from './section-names'
import type { ParsedConfig, SectionMap } from './types'

export interface ParseMeta {
  raw: RawIni
  /** botocore name → the raw section that won (a later section with the same name replaces an earlier one). */
  profiles: Map<string, RawSection>
  ssoSessions: Map<string, RawSection>
  services: Map<string, RawSection>
}

const metaByConfig = new WeakMap<ParsedConfig, ParseMeta>()

export function parseMetaOf(config: ParsedConfig): ParseMeta | undefined {
  return metaByConfig.get(config)
}

export function parseAwsConfig(text: string): ParsedConfig {
  const raw = parseRawIni(typeof text === 'string' ? text : String(text))
  const meta: ParseMeta = { raw, profiles: new Map(), ssoSessions: new Map(), services: new Map() }
  const config: ParsedConfig = { profiles: {}, ssoSessions: {}, services: {}, diagnostics: raw.diagnostics }
  for (const section of raw.sections) {
    const found = classifySection(section.name)
    if (found === undefined || found.kind === 'other') continue
    const [target, winners]: [SectionMap, Map<string, RawSection>] =
      found.kind === 'profile'
        ? [config.profiles, meta.profiles]
        : found.kind === 'sso-session'
          ? [config.ssoSessions, meta.ssoSessions]
          : [config.services, meta.services]
    setOwn(target, found.name, sectionValues(section, raw.defaults))
    winners.set(found.name, section)
  }
  config.diagnostics.push(...collectParseWarnings(meta))
  sortDiagnostics(config.diagnostics)
  metaByConfig.set(config, meta)
  return config
}

/** cp.options(section): the section's own keys, then [DEFAULT]'s keys it does not set itself. */
function sectionValues(section: RawSection, defaults: RawSection | undefined): Record<string, IniValue> {
  const values: Record<string, IniValue> = {}
  for (const [key, value] of section.values) setOwn(values, key, copyValue(value))
  if (defaults) {
    for (const [key, value] of defaults.values) {
      if (!section.values.has(key)) setOwn(values, key, copyValue(value))
    }
  }
  return values
}

function copyValue(value: IniValue): IniValue {
  if (typeof value === 'string') return value
  const copy: Record<string, string> = {}
  for (const key of Object.keys(value)) setOwn(copy, key, value[key] as string)
  return copy
}
