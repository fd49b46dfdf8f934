// parseAwsConfig: botocore's raw_config_parse + build_profile_map on pasted text, never throwing. The sections
// behind the result (their lines, their own keys apart from [DEFAULT]'s) are kept beside it in a WeakMap, so a
// ParsedConfig stays exactly botocore's data and still compares equal to it.
import { sortDiagnostics } from '../diagnostics'
import type { ParsedConfig, SectionMap } from '../types'
import { type IniSection, type IniValue, type RawIni, parseRawIni } from './raw-ini'
import { type SectionClass, classifySection } from './section-names'
import { collectParseWarnings } from './warnings'

/** A parse as botocore sees it: every section's kind, and the section that won each name. */
export interface ParsedIni {
  raw: RawIni
  /** botocore's reading of each section's name, by its index in raw.sections. */
  classes: SectionClass[]
  profiles: Map<string, IniSection>
  ssoSessions: Map<string, IniSection>
  services: Map<string, IniSection>
}

const parsedIni = new WeakMap<ParsedConfig, ParsedIni>()

export function parsedIniOf(config: ParsedConfig): ParsedIni | undefined {
  return parsedIni.get(config)
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
  const ini: ParsedIni = { raw, classes: [], profiles: new Map(), ssoSessions: new Map(), services: new Map() }
  for (const section of raw.sections) {
    const found = classifySection(section.name)
    ini.classes.push(found)
    // A later section with the same name replaces an earlier one (in the earlier one's place, as in a dict).
    if (found?.kind === 'profile') ini.profiles.set(found.name, section)
    else if (found?.kind === 'sso-session') ini.ssoSessions.set(found.name, section)
    else if (found?.kind === 'services') ini.services.set(found.name, section)
  }
  // The tables are botocore's shape, made when first read: the preview reads the sections and never needs them.
  const config = {} as ParsedConfig
  settleOnRead(config, 'profiles', () => sectionMap(ini.profiles, raw.defaults))
  settleOnRead(config, 'ssoSessions', () => sectionMap(ini.ssoSessions, raw.defaults))
  settleOnRead(config, 'services', () => sectionMap(ini.services, raw.defaults))
  config.diagnostics = raw.diagnostics
  config.diagnostics.push(...collectParseWarnings(ini))
  sortDiagnostics(config.diagnostics)
  parsedIni.set(config, ini)
  return config
}

/**
 * Defines `key` on `target` as `make()`, made on first read (or replaced by a write): from outside, an ordinary
 * enumerable property, to every deep-equality test, JSON and structuredClone.
 */
function settleOnRead(target: object, key: string, make: () => unknown): void {
  const settle = (value: unknown): unknown => {
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true })
    return value
  }
  Object.defineProperty(target, key, { get: () => settle(make()), set: settle, enumerable: true, configurable: true })
}

/**
 * botocore's name → values table. With a [DEFAULT], botocore copies its keys into every section: 4,000 keys in
 * 4,000 sections (99 KB of text) would be 16 million copies, so each section's values are made when first read.
 */
function sectionMap(sections: Map<string, IniSection>, defaults: IniSection | undefined): SectionMap {
  if (!defaults) return Object.fromEntries([...sections].map(([name, section]) => [name, sectionValues(section)]))
  const map: SectionMap = {}
  for (const [name, section] of sections) settleOnRead(map, name, () => sectionValues(section, defaults))
  return map
}

/** cp.options(section) as a dict: the section's own keys, then [DEFAULT]'s keys it does not set itself. */
export function sectionValues(section: IniSection, defaults?: IniSection): Record<string, IniValue> {
  const entries = [...section.keys].map(([key, { value }]): [string, IniValue] => [key, copy(value)])
  for (const [key, { value }] of defaults?.keys ?? []) if (!section.keys.has(key)) entries.push([key, copy(value)])
  return Object.fromEntries(entries)
}

/** Each section gets its own sub-section dicts, as configparser's copies are. */
function copy(value: IniValue): IniValue {
  return typeof value === 'string' ? value : { ...value }
}

/**
 * One profile's values as botocore's table has them (config.profiles[name]), made alone: reading the table itself
 * would make the values of every profile, which a preview that checks each Identity Center profile does not need.
 * A hand-built ParsedConfig (no parse behind it) is read as it is.
 */
export function profileValues(config: ParsedConfig, name: string): Record<string, IniValue> | undefined {
  const ini = parsedIniOf(config)
  if (ini) {
    const section = ini.profiles.get(name)
    return section && sectionValues(section, ini.raw.defaults)
  }
  return Object.hasOwn(config.profiles, name) ? config.profiles[name] : undefined
}

/**
 * A key of a profile as the AWS CLI reads it (its own, else [DEFAULT]'s), without making the profile's values.
 * A hand-built ParsedConfig (no parse behind it) is read as it is.
 */
export function profileValue(config: ParsedConfig, name: string, key: string): IniValue | undefined {
  const ini = parsedIniOf(config)
  if (ini) {
    const section = ini.profiles.get(name)
    return section && (section.get(key) ?? ini.raw.defaults?.get(key))
  }
  const values = Object.hasOwn(config.profiles, name) ? config.profiles[name] : undefined
  return values && Object.hasOwn(values, key) ? values[key] : undefined
}
