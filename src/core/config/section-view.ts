// The profile sections as aws-vault v7 sees them: a section's own keys (not [DEFAULT]'s), values read the
// go-ini way, [default] only from the plain [default] header, and go-ini's child-section rule: a key missing
// from [profile a.b] is looked up in [profile a]. Works from parse metadata when the config came from
// parseAwsConfig, else from the botocore maps alone.
import { type IniValue, type RawSection, getOwn } from './ini-raw'
import { type ParseMeta, parseMetaOf } from './parse'
import type { ParsedConfig } from './types'
import { vaultValue } from './vault-value'

export interface KeyHit {
  value: string
  /** 1-based line of the key, when known. */
  line?: number
  /** The profile (or sso-session) name whose section held the key. */
  from: string
}

export interface SectionView {
  name: string
  exists: boolean
  /** The key as aws-vault reads it, or undefined when no section in the lookup holds it. */
  get(key: string): KeyHit | undefined
}

interface Holder {
  label: string
  values: (key: string) => IniValue | undefined
  line: (key: string) => number | undefined
}

function rawHolder(section: RawSection, label: string): Holder {
  return {
    label,
    values: (key) => section.values.get(key),
    line: (key) => section.keys.get(key)?.lines[0],
  }
}

function mapHolder(values: Record<string, IniValue> | undefined, label: string): Holder | undefined {
  if (values === undefined) return undefined
  return { label, values: (key) => getOwn(values, key), line: () => undefined }
}

function viewOf(name: string, chain: Holder[]): SectionView {
  return {
    name,
    exists: chain.length > 0 && chain[0]!.label === name,
    get(key) {
      for (const holder of chain) {
        const value = holder.values(key)
        if (value !== undefined) {
          const line = holder.line(key)
          return line === undefined ? { value: vaultValue(value), from: holder.label } : { value: vaultValue(value), line, from: holder.label }
        }
      }
      return undefined
    },
  }
}

/** Parent section names under go-ini's child-section rule ("profile a.b.c" → "profile a.b", "profile a"). */
function parentNames(sectionName: string): string[] {
  const names: string[] = []
  let name = sectionName
  for (let dot = name.lastIndexOf('.'); dot >= 0; dot = name.lastIndexOf('.')) {
    name = name.slice(0, dot)
    names.push(name)
  }
  return names
}

function rawChain(meta: ParseMeta, section: RawSection | undefined, label: string, prefix: string): Holder[] {
  if (section === undefined) return []
  const chain = [rawHolder(section, label)]
  for (const parent of parentNames(section.name)) {
    const found = meta.raw.byName.get(parent)
    if (found) chain.push(rawHolder(found, parent.startsWith(prefix) ? parent.slice(prefix.length) : parent))
  }
  return chain
}

export function profileView(config: ParsedConfig, name: string): SectionView {
  const meta = parseMetaOf(config)
  if (meta) {
    // aws-vault reads the default profile only from [default], never from [profile default].
    const section = name === 'default' ? meta.raw.byName.get('default') : (meta.raw.byName.get(`profile ${name}`) ?? meta.profiles.get(name))
    return viewOf(name, rawChain(meta, section, name, 'profile '))
  }
  const chain: Holder[] = []
  const own = mapHolder(getOwn(config.profiles, name), name)
  if (own) {
    chain.push(own)
    if (name !== 'default') {
      for (const parent of parentNames(`profile ${name}`)) {
        const parentName = parent.slice('profile '.length)
        const holder = parent.startsWith('profile ') ? mapHolder(getOwn(config.profiles, parentName), parentName) : undefined
        if (holder) chain.push(holder)
      }
    }
  }
  return viewOf(name, chain)
}

export function ssoSessionView(config: ParsedConfig, name: string): SectionView {
  const meta = parseMetaOf(config)
  if (meta) {
    const section = meta.raw.byName.get(`sso-session ${name}`) ?? meta.ssoSessions.get(name)
    return viewOf(name, rawChain(meta, section, name, 'sso-session '))
  }
  const own = mapHolder(getOwn(config.ssoSessions, name), name)
  return viewOf(name, own ? [own] : [])
}

/** Whether the name is a profile the user can pick (botocore's names; "default" always exists for aws-vault). */
export function hasProfile(config: ParsedConfig, name: string): boolean {
  return name === 'default' || getOwn(config.profiles, name) !== undefined
}
