// build_profile_map's reading of a raw section name (botocore), and aws-vault's (for warnings where they differ).
import { shlexSplit } from './python-text'

export type SectionKind = 'profile' | 'sso-session' | 'services'

const PLAIN_NAME = /^[^\s'"\\]+$/

/** PLAIN_NAME.test(name.slice(from)), without the slice for the usual ASCII name (this runs per section). */
function isPlainFrom(name: string, from: number): boolean {
  if (from >= name.length) return false
  for (let i = from; i < name.length; i++) {
    const code = name.charCodeAt(i)
    if (code >= 0x80) return PLAIN_NAME.test(name.slice(from)) // Unicode whitespace: the regular expression knows it
    // \s among ASCII is \t \n \v \f \r and space; other control characters are allowed.
    if ((code >= 0x09 && code <= 0x0d) || code === 0x20 || code === 0x22 || code === 0x27 || code === 0x5c) return false
  }
  return true
}

/** botocore's classification of one raw section name: kind and name, 'other', or undefined if dropped. */
export type SectionClass = { kind: SectionKind; name: string } | { kind: 'other' } | undefined

export function classifySection(name: string): SectionClass {
  const kind = sectionKind(name)
  if (kind === undefined) return name === 'default' ? { kind: 'profile', name } : { kind: 'other' }
  const plain = plainName(name, kind)
  if (plain !== undefined) return { kind, name: plain }
  const parts = shlexSplit(name)
  return parts?.length === 2 ? { kind, name: parts[1] as string } : undefined
}

/**
 * classifySection(section.name) written into the section (kind and botoName), with no object for the usual
 * `[profile <plain-name>]`: this runs for every section.
 */
export function classifyInto(section: {
  name: string
  kind: SectionKind | 'other' | undefined
  botoName: string
}): void {
  const name = section.name
  const kind = sectionKind(name)
  const plain = kind === undefined ? undefined : plainName(name, kind)
  if (kind !== undefined && plain !== undefined) {
    section.kind = kind
    section.botoName = plain
    return
  }
  const found = classifySection(name)
  section.kind = found?.kind
  section.botoName = found !== undefined && found.kind !== 'other' ? found.name : ''
}

function sectionKind(name: string): SectionKind | undefined {
  return name.startsWith('profile')
    ? 'profile'
    : name.startsWith('sso-session')
      ? 'sso-session'
      : name.startsWith('services')
        ? 'services'
        : undefined
}

/** The common case, "<kind> <plain-name>", needs no shell-style splitting: the name, else undefined. */
function plainName(name: string, kind: SectionKind): string | undefined {
  const space = kind.length
  return name.charCodeAt(space) === 0x20 && isPlainFrom(name, space + 1) ? name.slice(space + 1) : undefined
}

/** The name aws-vault v7 gives the section (it only knows "default", "profile X" and "sso-session X"). */
export function vaultSectionName(name: string): { kind: 'profile' | 'sso-session'; name: string } | undefined {
  if (name === 'default') return { kind: 'profile', name }
  if (name.startsWith('profile ')) return { kind: 'profile', name: name.slice('profile '.length) }
  if (name.startsWith('sso-session ')) return { kind: 'sso-session', name: name.slice('sso-session '.length) }
  return undefined
}
