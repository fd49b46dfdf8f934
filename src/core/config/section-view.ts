// The profile sections as aws-vault v7 sees them: a section's own keys (not [DEFAULT]'s), values read the
// go-ini way, [default] only from the plain [default] header, and go-ini's child-section rule: a key missing
// from [profile a.b] is looked up in [profile a]. These are the hits of resolutions that keep details (the
// preview's, and sources'); a section's hits are read once and kept on it. resolveProfile reads the common
// section straight from its values instead (resolve.ts), allocating nothing per key.
import type { IniValue, RawSection } from './ini-raw'
import { getOwn } from './own-property'
import { type ParseMeta, parseMetaOf } from './parse'
import { KIND_OF_FIELD, KeyKind, fieldOf } from './resolution-keys'
import type { ParsedConfig } from './types'
import { colorValue, vaultValue } from './vault-value'

export interface KeyHit {
  /** The config key. */
  name: string
  /** The value as aws-vault reads it. */
  value: string
  /** 1-based line of the key, when known. */
  line: number | undefined
  /** The profile (or sso-session) name whose section held the key. */
  from: string
  /** Its resolution-keys.ts field number (0: not read by resolution). */
  field: number
  /** The next hit of the section (or of its layers). */
  next: KeyHit | undefined
}

/** A section lookup: the keys resolution reads, chained from `first`, or undefined when there is no such section. */
export type Hits = { readonly first: KeyHit | undefined } | undefined

/** `color` is Rolecall's own key: "#" starts a hex colour there, not a comment. */
function readValue(key: string, value: IniValue | undefined): string {
  return key === 'color' ? colorValue(value) : vaultValue(value)
}

function hitOf(section: RawSection, name: string, from: string): KeyHit {
  return {
    name,
    value: readValue(name, section.get(name)),
    line: section.lineOf(name),
    from,
    field: fieldOf(name),
    next: undefined,
  }
}

/** The section's own resolution keys as hits, in file order; read once (with the first name it is read under). */
function ownHits(section: RawSection, from: string): Hits {
  if (section.hits === undefined) {
    const hits = new HitChain()
    if (section.fieldMask !== 0) {
      const values = section.values
      const names = Object.keys(values)
      for (let index = 0; index < names.length; index++) {
        const name = names[index] as string
        const field = fieldOf(name)
        if (!isResolutionField(field)) continue
        hits.add(name, section.vaultReading(field, values[name]), from, field, section.lineAt(name, index))
      }
    }
    section.hits = hits
  }
  return section.hits as Hits
}

/** Whether resolution reads the key (RESOLUTION_KEYS), by field number. */
function isResolutionField(field: number): boolean {
  return KIND_OF_FIELD[field] !== KeyKind.Other
}

/** Parent section names under go-ini's child-section rule ("profile a.b.c" → "profile a.b", "profile a"). */
function parentNames(sectionName: string): string[] {
  const names: string[] = []
  for (let dot = sectionName.lastIndexOf('.'); dot >= 0; dot = sectionName.lastIndexOf('.', dot - 1)) {
    names.push(sectionName.slice(0, dot))
  }
  return names
}

interface Layer {
  label: string
  section: RawSection
}

function layersOf(meta: ParseMeta, name: string, section: RawSection, prefix: string): Layer[] {
  const layers: Layer[] = [{ label: name, section }]
  for (const parent of parentNames(section.name)) {
    const found = meta.raw.index.named(parent)
    if (found) layers.push({ label: parent.startsWith(prefix) ? parent.slice(prefix.length) : parent, section: found })
  }
  return layers
}

/** Chains hits (copies, as a raw key's own `next` belongs to its section). */
class HitChain {
  first: KeyHit | undefined = undefined
  private last: KeyHit | undefined = undefined

  add(name: string, value: string, from: string, field: number, line: number | undefined): void {
    // One shape for every hit: `line` is always there (undefined when not known).
    const hit: KeyHit = { name, value, line, from, field, next: undefined }
    if (this.last) this.last.next = hit
    else this.first = hit
    this.last = hit
  }
}

function layeredHits(layers: Layer[]): Hits {
  const hits = new HitChain()
  const seen = new Set<string>()
  for (const { label, section } of layers) {
    for (let hit = ownHits(section, label)?.first; hit; hit = hit.next) {
      if (seen.has(hit.name)) continue
      seen.add(hit.name)
      hits.add(hit.name, hit.value, label, hit.field, hit.line)
    }
  }
  return hits
}

/**
 * aws-vault's section for a profile: [profile <name>] exactly; else the one botocore chose for the name.
 * Resolution looks it up once per profile and passes it on.
 */
export function profileSection(meta: ParseMeta, name: string): RawSection | undefined {
  if (name === 'default') return meta.vaultDefault // never [profile default]
  const winner = meta.profiles.get(name)
  // Usually botocore's section is exactly "profile <name>" (parse.ts marks it): no string to build and hash.
  if (winner?.exactProfile) return winner
  return meta.raw.index.named(`profile ${name}`) ?? winner
}

const dottedHits = new WeakMap<ParseMeta, Map<string, Hits>>()

function metaHits(meta: ParseMeta, name: string, section: RawSection | undefined, prefix: string): Hits {
  if (section === undefined) return undefined
  if (!section.dotted) return ownHits(section, name)
  let cache = dottedHits.get(meta)
  if (!cache) dottedHits.set(meta, (cache = new Map()))
  const key = `${prefix}${name}`
  let hits = cache.get(key)
  if (!hits) cache.set(key, (hits = layeredHits(layersOf(meta, name, section, prefix))))
  return hits
}

function mapHits(
  values: Record<string, IniValue> | undefined,
  label: string,
  parents: [string, Record<string, IniValue>][] = [],
): Hits {
  if (values === undefined) return undefined
  const hits = new HitChain()
  const seen = new Set<string>()
  for (const [from, layer] of [[label, values] as [string, Record<string, IniValue>], ...parents]) {
    for (const name of Object.keys(layer)) {
      const field = fieldOf(name)
      if (!isResolutionField(field) || seen.has(name)) continue
      seen.add(name)
      hits.add(name, readValue(name, layer[name]), from, field, undefined)
    }
  }
  return hits
}

/** The resolution keys of a profile's section (and its dotted parents), or undefined if it has none. */
export function sectionHits(meta: ParseMeta, name: string, section: RawSection | undefined): Hits {
  return metaHits(meta, name, section, 'profile ')
}

/** The resolution keys of a profile's section (and its dotted parents), or undefined if it has none. */
export function profileHits(config: ParsedConfig, name: string, meta = parseMetaOf(config)): Hits {
  if (meta) return metaHits(meta, name, profileSection(meta, name), 'profile ')
  const parents: [string, Record<string, IniValue>][] = []
  if (name !== 'default') {
    for (const parent of parentNames(name)) {
      const values = getOwn(config.profiles, parent)
      if (values) parents.push([parent, values])
    }
  }
  return mapHits(getOwn(config.profiles, name), name, parents)
}

/** One key of a profile as aws-vault reads it (any key, e.g. Rolecall's `color`), with dotted parents. */
export function profileKey(
  config: ParsedConfig,
  name: string,
  key: string,
  meta = parseMetaOf(config),
): KeyHit | undefined {
  if (meta) return sectionKey(meta, name, profileSection(meta, name), key)
  for (const [from, values] of [name, ...(name === 'default' ? [] : parentNames(name))].map(
    (n) => [n, getOwn(config.profiles, n)] as const,
  )) {
    const value = getOwn(values, key)
    if (value !== undefined)
      return { name: key, value: readValue(key, value), line: undefined, from, field: fieldOf(key), next: undefined }
  }
  return undefined
}

/** profileKey for the section profileSection() found. */
export function sectionKey(
  meta: ParseMeta,
  name: string,
  section: RawSection | undefined,
  key: string,
): KeyHit | undefined {
  if (!section) return undefined
  if (section.has(key)) return hitOf(section, key, name)
  if (!section.dotted) return undefined
  for (const { label, section: parent } of layersOf(meta, name, section, 'profile ').slice(1)) {
    if (parent.has(key)) return hitOf(parent, key, label)
  }
  return undefined
}

/** The [sso-session name] section's keys as aws-vault reads them, or undefined if there is none. */
export function ssoSessionKey(
  config: ParsedConfig,
  name: string,
  key: string,
  meta = parseMetaOf(config),
): string | undefined | null {
  if (meta) {
    const section = meta.raw.index.named(`sso-session ${name}`) ?? meta.ssoSessions.get(name)
    if (!section) return null
    const raw = section.get(key)
    return raw === undefined ? undefined : vaultValue(raw)
  }
  const values = getOwn(config.ssoSessions, name)
  if (values === undefined) return null
  const value = getOwn(values, key)
  return value === undefined ? undefined : vaultValue(value)
}

/**
 * Whether the name is a profile: botocore's name for it, or the name aws-vault reads from the header (they
 * differ for `[profile "x"]` and `[profile  x]`); "default" always exists for aws-vault.
 */
export function hasProfile(config: ParsedConfig, name: string): boolean {
  if (name === 'default' || getOwn(config.profiles, name) !== undefined) return true
  return parseMetaOf(config)?.raw.index.named(`profile ${name}`) !== undefined
}
