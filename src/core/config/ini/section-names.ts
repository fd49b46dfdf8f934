// build_profile_map's reading of a raw section name (botocore), and aws-vault's (for warnings where they differ).
// Section kinds live here: a new kind of section is a new SectionKind and a line in sectionKind().
import { shlexSplit } from './python-text'

export type SectionKind = 'profile' | 'sso-session' | 'services'

/** botocore's classification of one raw section name: kind and name, 'other', or undefined if dropped. */
export type SectionClass = { kind: SectionKind; name: string } | { kind: 'other' } | undefined

/** A name shlex.split leaves as one word: no whitespace, quote or backslash. */
const PLAIN_NAME = /^[^\s'"\\]+$/

export function classifySection(name: string): SectionClass {
  const kind = sectionKind(name)
  if (kind === undefined) return name === 'default' ? { kind: 'profile', name } : { kind: 'other' }
  // The usual "<kind> <plain-name>" needs no shell-style splitting.
  const rest = name.slice(kind.length + 1)
  if (name[kind.length] === ' ' && PLAIN_NAME.test(rest)) return { kind, name: rest }
  const parts = shlexSplit(name)
  return parts?.length === 2 ? { kind, name: parts[1] as string } : undefined
}

/** botocore only checks how the name starts ("profiles x" is profile "x"). */
function sectionKind(name: string): SectionKind | undefined {
  if (name.startsWith('profile')) return 'profile'
  if (name.startsWith('sso-session')) return 'sso-session'
  if (name.startsWith('services')) return 'services'
  return undefined
}

/** The name aws-vault v7 gives the section (it only knows "default", "profile X" and "sso-session X"). */
export function vaultSectionName(name: string): { kind: 'profile' | 'sso-session'; name: string } | undefined {
  if (name === 'default') return { kind: 'profile', name }
  if (name.startsWith('profile ')) return { kind: 'profile', name: name.slice('profile '.length) }
  if (name.startsWith('sso-session ')) return { kind: 'sso-session', name: name.slice('sso-session '.length) }
  return undefined
}
