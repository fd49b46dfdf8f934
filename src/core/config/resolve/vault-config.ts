// aws-vault v7's view of a config's sections: the section a profile name reads ([profile <name>] exactly,
// else the one botocore chose; "default" only the plain [default]), its keys as go-ini reads them (its own,
// never [DEFAULT]'s), and go-ini's child-section rule: a key missing from [profile a.b] comes from
// [profile a]. What resolution works out for a parse is kept here, once per parse.
import { parsedIniOf } from '../ini/profile-map'
import type { IniValue } from '../ini/raw-ini'
import type { ParsedConfig, SectionMap } from '../types'
import { colorValue, vaultValue } from './go-ini-value'
import type { Reading } from './include-chain'
import { RESOLUTION_KEYS } from './keys'
import type { ChainOutcome } from './source-chain'

/** A section as resolution reads it: a parsed one, or one made from a hand-built ParsedConfig (no lines). */
export interface Section {
  readonly name: string
  readonly keys: ReadonlyMap<string, { readonly value: IniValue; readonly line?: number }>
}

/** A value as aws-vault reads it, and where: the profile (or "sso-session <name>") whose section held it. */
export interface ResolvedField {
  value: string
  from: string
}

/** A key of a profile section as aws-vault reads it. */
export interface Found extends ResolvedField {
  key: string
  line?: number | undefined
}

/**
 * The keys of a profile section that resolution reads (and `color`), then its dotted parents' it does not
 * set, in file order: a handful, so a list.
 */
export type View = readonly Found[]

const VIEW_KEYS = new Set([...RESOLUTION_KEYS, 'color'])

export class VaultConfig {
  /** include-chain.ts's readings by profile name: [0] read from the start, [1] after an sso_session was set. */
  readonly readings: [Map<string, Reading>, Map<string, Reading>] = [new Map(), new Map()]
  /** source-chain.ts's outcomes by profile name. */
  readonly outcomes = new Map<string, ChainOutcome>()
  /** Views of sections that are dotted parents, which many children may read. */
  private readonly parentViews = new Map<Section, View>()
  private parents: DottedParents | undefined

  constructor(
    /** botocore's profiles by name. */
    readonly profiles: ReadonlyMap<string, Section>,
    private readonly ssoSessions: ReadonlyMap<string, Section>,
    /** Every section by the text between its brackets. */
    private readonly byName: ReadonlyMap<string, Section>,
  ) {}

  /** botocore's name for a profile, or the name aws-vault reads from its header; "default" always exists. */
  hasProfile(name: string): boolean {
    return name === 'default' || this.profiles.has(name) || this.byName.has(`profile ${name}`)
  }

  profileSection(name: string): Section | undefined {
    if (name === 'default') return this.byName.get('default') // never [profile default]
    // Usually botocore's section for the name is [profile <name>] exactly, which is aws-vault's too.
    const winner = this.profiles.get(name)
    if (winner?.name.length === name.length + 8 && winner.name.startsWith('profile ') && winner.name.endsWith(name))
      return winner
    return this.byName.get(`profile ${name}`) ?? winner
  }

  ssoSession(name: string): Section | undefined {
    return this.byName.get(`sso-session ${name}`) ?? this.ssoSessions.get(name)
  }

  /** The profile's keys as aws-vault reads them, or undefined if it has no section. */
  view(name: string): View | undefined {
    const section = this.profileSection(name)
    return section && this.viewOf(section, name)
  }

  private viewOf(section: Section, label: string): View {
    const view: Found[] = []
    section.keys.forEach(({ value, line }, key) => {
      if (VIEW_KEYS.has(key))
        view.push({ key, value: key === 'color' ? colorValue(value) : vaultValue(value), from: label, line })
    })
    const parent = section.name.includes('.')
      ? (this.parents ??= new DottedParents(this.byName)).of(section.name)
      : undefined
    if (parent) view.push(...this.parentView(parent).filter((found) => !section.keys.has(found.key)))
    return view
  }

  /** A parent's view is kept: a chain of n dotted sections reads n views, not n². */
  private parentView(parent: Section): View {
    let view = this.parentViews.get(parent)
    if (!view) {
      const label = parent.name.startsWith('profile ') ? parent.name.slice('profile '.length) : parent.name
      this.parentViews.set(parent, (view = this.viewOf(parent, label)))
    }
    return view
  }
}

const PRIME = 2_147_483_647

/**
 * go-ini's parent of a dotted section name: the longest section name it starts with, followed by ".". Each
 * prefix is found by its hash, computed in one pass over the name, so a name of n characters costs O(n),
 * not a lookup of each of its prefixes (O(n²): a 63 KB "a.a.a…" name took 3 s). The hash's base is random,
 * so no pasted text can be made to collide, and a hit is checked against the name itself.
 */
class DottedParents {
  private readonly base = 256 + Math.floor(Math.random() * 2 ** 20)
  private readonly byHash = new Map<number, Section[]>()

  constructor(sections: ReadonlyMap<string, Section>) {
    for (const [name, section] of sections) {
      const hash = this.hashes(name, name.length)[name.length] as number
      this.byHash.set(hash, [...(this.byHash.get(hash) ?? []), section])
    }
  }

  of(name: string): Section | undefined {
    const hashes = this.hashes(name, name.lastIndexOf('.'))
    for (let dot = name.lastIndexOf('.'); dot > 0; dot = name.lastIndexOf('.', dot - 1)) {
      const found = this.byHash
        .get(hashes[dot] as number)
        ?.find((s) => s.name.length === dot && name.startsWith(s.name))
      if (found) return found
    }
    return undefined
  }

  /** hashes[i]: the hash of name.slice(0, i), for i up to `end`. */
  private hashes(name: string, end: number): number[] {
    const hashes = [0]
    for (let i = 0, hash = 0; i < end; i++) hashes.push((hash = (hash * this.base + name.charCodeAt(i)) % PRIME))
    return hashes
  }
}

const vaultConfigs = new WeakMap<ParsedConfig, VaultConfig>()

export function vaultConfigOf(config: ParsedConfig): VaultConfig {
  let vault = vaultConfigs.get(config)
  if (!vault) {
    const ini = parsedIniOf(config)
    vault = ini ? new VaultConfig(ini.profiles, ini.ssoSessions, ini.raw.byName) : handBuilt(config)
    vaultConfigs.set(config, vault)
  }
  return vault
}

/** A ParsedConfig made by hand (or through JSON): its profiles and sso-sessions become sections without lines. */
function handBuilt(config: ParsedConfig): VaultConfig {
  const byName = new Map<string, Section>()
  const sections = (map: SectionMap, header: (name: string) => string): Map<string, Section> =>
    new Map(
      Object.entries(map).map(([name, values]): [string, Section] => {
        const keys = new Map(Object.entries(values).map(([key, value]) => [key, { value }]))
        const section = { name: header(name), keys }
        byName.set(section.name, section)
        return [name, section]
      }),
    )
  const profiles = sections(config.profiles, (name) => (name === 'default' ? name : `profile ${name}`))
  return new VaultConfig(
    profiles,
    sections(config.ssoSessions, (name) => `sso-session ${name}`),
    byName,
  )
}
