// parseAwsConfig: botocore's raw_config_parse + build_profile_map on pasted text, never throwing. What
// resolution and the preview need beyond the public shape (which raw section a profile came from, its
// own keys without [DEFAULT]'s, key lines) is kept beside the result in a WeakMap, so ParsedConfig stays
// exactly botocore's data and still compares equal to it. Without a [DEFAULT] section a profile's object
// is its section's own `values`, which resolution reads: a ParsedConfig is to be read, not changed.
import { sortDiagnostics } from './diagnostics'
import { type IniValue, type RawIni, type RawSection, parseRawIni } from './ini-raw'
import { setOwn } from './own-property'
import { collectParseWarnings } from './parse-warnings'
import { NameTable } from './name-table'
import type { ProfileTable } from './profile-table'
import type { ParsedConfig } from './types'

export interface ParseMeta {
  raw: RawIni
  /** botocore name → the raw section that won (raw.index.profiles: a later section with the name replaces an earlier one). */
  profiles: ProfileTable
  ssoSessions: NameTable<RawSection>
  services: NameTable<RawSection>
  /** The plain [default] section, the only one aws-vault reads the default profile from (every profile falls back to it). */
  vaultDefault: RawSection | undefined
}

const metaByConfig = new WeakMap<ParsedConfig, ParseMeta>()

export function parseMetaOf(config: ParsedConfig): ParseMeta | undefined {
  return metaByConfig.get(config)
}

export function parseAwsConfig(text: string): ParsedConfig {
  if (typeof text !== 'string') {
    // Callers outside TypeScript may pass anything; the promise is never to throw.
    const empty = parseAwsConfig('')
    empty.diagnostics.push({
      line: 1,
      severity: 'error',
      message: 'The config must be text (the contents of ~/.aws/config).',
    })
    return empty
  }
  const raw = parseRawIni(text)
  const meta: ParseMeta = {
    raw,
    profiles: raw.index.profiles,
    ssoSessions: new NameTable(),
    services: new NameTable(),
    vaultDefault: raw.index.named('default'),
  }
  // Without a [DEFAULT], botocore's profiles are the section index's table itself: same names, same order.
  const config: ParsedConfig = {
    profiles: raw.defaults ? {} : meta.profiles.values,
    ssoSessions: {},
    services: {},
    diagnostics: raw.diagnostics,
  }
  for (const section of raw.sections) {
    const kind = section.kind
    if (kind === undefined || kind === 'other') continue
    const values = sectionValues(section, raw.defaults)
    const name = section.botoName
    if (kind === 'profile') {
      // Without a [DEFAULT] the profile is in config.profiles already: that is the index's table.
      if (raw.defaults) setOwn(config.profiles, name, values)
    } else if (kind === 'sso-session') {
      setOwn(config.ssoSessions, name, values)
      meta.ssoSessions.set(name, section)
    } else {
      setOwn(config.services, name, values)
      meta.services.set(name, section)
    }
  }
  config.diagnostics.push(...collectParseWarnings(meta))
  sortDiagnostics(config.diagnostics)
  metaByConfig.set(config, meta)
  return config
}

/**
 * cp.options(section): the section's own keys, then [DEFAULT]'s keys it does not set itself. Without a
 * [DEFAULT] that is the section's own `values` object, handed out as it is (resolution reads it too): to be
 * read, not changed. credentials-file.ts reads its sections the same way.
 */
export function sectionValues(section: RawSection, defaults: RawSection | undefined): Record<string, IniValue> {
  if (!defaults) return section.values
  const values: Record<string, IniValue> = {}
  for (const [name, value] of Object.entries(section.values)) setOwn(values, name, copyValue(value))
  for (const [name, value] of Object.entries(defaults.values))
    if (!section.has(name)) setOwn(values, name, copyValue(value))
  return values
}

function copyValue(value: IniValue): IniValue {
  if (typeof value === 'string') return value
  const copy: Record<string, string> = {}
  for (const key of Object.keys(value)) setOwn(copy, key, value[key] as string)
  return copy
}
