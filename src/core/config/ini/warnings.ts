// Warnings for input botocore accepts but that probably does not mean what the user thinks, or that the AWS
// CLI, aws-vault and Rolecall read differently (docs/aws-protocol.md §4.2, §5, §6). Errors come from raw-ini.ts.
import { type ConfigDiagnostic, describeKey, isSecretKey, mayQuoteValue, quoteShort } from '../diagnostics'
import { colorValue, vaultValue } from '../resolve/go-ini-value'
import { RESOLUTION_KEYS } from '../resolve/keys'
import type { ParsedIni } from './profile-map'
import type { IniSection } from './raw-ini'
import { type SectionClass, vaultSectionName } from './section-names'

const INLINE_COMMENT = /\s[#;]/
/** Only values with these characters can read differently in botocore and aws-vault. */
const WORTH_A_LOOK = /[#;"'`\n]/

type Warn = (line: number, message: string) => void

export function collectParseWarnings(ini: ParsedIni): ConfigDiagnostic[] {
  const out: ConfigDiagnostic[] = []
  const warn: Warn = (line, message) => {
    out.push({ line, severity: 'warning', message })
  }
  const { defaults, sections } = ini.raw
  if (defaults) {
    warn(
      defaults.line,
      '[DEFAULT] is special: the AWS CLI copies its keys into every section, while aws-vault and Rolecall ignore it. Move its keys into [default] or the profiles that need them.',
    )
  }
  // When no profile name is defined twice, every profile section is the one botocore keeps for its name.
  const redefined = ini.classes.reduce((n, found) => (found?.kind === 'profile' ? n + 1 : n), 0) > ini.profiles.size
  sections.forEach((section, index) => sectionNameWarnings(section, ini.classes[index], ini, redefined, warn))
  for (const section of defaults ? [defaults, ...sections] : sections)
    section.keys.forEach(({ value, line }, key) => valueWarnings(section, key, value, line, warn))
  return out
}

function sectionNameWarnings(
  section: IniSection,
  found: SectionClass,
  ini: ParsedIni,
  redefined: boolean,
  warn: Warn,
): void {
  // The usual section, [profile <name>] read alike by botocore and aws-vault and defined once, passes every check.
  if (found?.kind === 'profile' && isExactProfile(section.name, found.name) && !redefined) return
  const header = `[${section.name}]`
  if (found === undefined) {
    warn(
      section.line,
      `${header} is not read as a profile: the name after "profile" must be one word (or quoted), e.g. [profile my-name].`,
    )
    return
  }
  if (found.kind === 'other') {
    if (section.name.trim().startsWith('profile ')) {
      warn(section.line, `${header} is not a profile because of the space after "["; write [${section.name.trim()}].`)
    } else if (!['plugins', 'preview', 'cli'].includes(section.name)) {
      warn(
        section.line,
        `${header} is ignored: in ~/.aws/config a profile is written [profile ${section.name}] (only [default] needs no prefix).`,
      )
    }
    return
  }
  if (found.kind === 'profile' && found.name === 'default' && section.name !== 'default') {
    const plain = ini.raw.byName.get('default')
    warn(
      section.line,
      plain
        ? `${header} and [default] (line ${plain.line}) both define the default profile: the AWS CLI uses the later one, aws-vault and Rolecall only [default]. Keep just [default].`
        : `${header}: aws-vault and Rolecall only read the default profile from [default]; rename this header to [default].`,
    )
    return
  }
  if (found.kind !== 'services') {
    const canonical = found.name === 'default' ? 'default' : `${found.kind} ${found.name}`
    const vault = vaultSectionName(section.name)
    if (vault === undefined || vault.kind !== found.kind) {
      warn(
        section.line,
        `${header} is read as ${found.kind} "${found.name}" by the AWS CLI (it only checks how the name starts), but aws-vault ignores it. Write [${canonical}].`,
      )
    } else if (vault.name !== found.name) {
      warn(
        section.line,
        `${header} is read as ${found.kind} "${found.name}" by the AWS CLI but as ${quoteShort(vault.name)} by aws-vault. Write [${canonical}].`,
      )
    }
  }
  if (found.name === '') warn(section.line, `${header} defines a ${found.kind} with an empty name; give it a name.`)
  const winners =
    found.kind === 'profile' ? ini.profiles : found.kind === 'sso-session' ? ini.ssoSessions : ini.services
  const winner = winners.get(found.name)
  if (winner !== undefined && winner !== section && found.name !== 'default') {
    warn(
      section.line,
      `${header} and [${winner.name}] (line ${winner.line}) both define ${found.kind} "${found.name}"; the later one replaces this one entirely. Keep one.`,
    )
  }
}

/** Whether `header` is "profile " + `name`, without building that string. */
function isExactProfile(header: string, name: string): boolean {
  return (
    name !== '' &&
    name !== 'default' &&
    header.length === name.length + 8 &&
    header.startsWith('profile ') &&
    header.endsWith(name)
  )
}

function valueWarnings(section: IniSection, key: string, value: string | object, line: number, warn: Warn): void {
  if (key === 'parent_profile') {
    warn(
      line,
      `parent_profile was replaced by include_profile in aws-vault v6 and is ignored by aws-vault v7 and Rolecall; rename it to include_profile.`,
    )
  }
  if (isSecretKey(key)) {
    warn(
      line,
      `${describeKey(key)} in ${'['}${section.name}] is a secret in the config file. Rolecall never stores keys from the config: paste your ~/.aws/credentials (or add the keys in the vault) instead.`,
    )
    return
  }
  if (typeof value !== 'string' || !WORTH_A_LOOK.test(value)) return
  if (value.includes('\n')) {
    warn(
      line,
      `The value of ${describeKey(key)} continues on the next line (an indented line); the AWS CLI joins the lines, but aws-vault refuses the whole file. Put the value on one line.`,
    )
    return
  }
  const quotable = mayQuoteValue(key)
  if (INLINE_COMMENT.test(value)) {
    const cut = key === 'color' ? colorValue(value) : vaultValue(value)
    warn(
      line,
      quotable
        ? `The AWS CLI keeps the inline comment as part of ${describeKey(key)}: it reads ${quoteShort(value)}; aws-vault and Rolecall read ${quoteShort(cut)}. Put the comment on its own line.`
        : `The AWS CLI keeps the text after "#"/";" as part of ${describeKey(key)}; aws-vault and Rolecall cut it off. Put the comment on its own line.`,
    )
    return
  }
  // Keys aws-vault v7 reads from a profile section: their values are what resolution uses.
  if (!RESOLUTION_KEYS.has(key)) return
  const seen = vaultValue(value)
  if (seen !== value) {
    const why = /[#;]/.test(value) ? 'cut the value at the first "#" or ";"' : 'remove the surrounding quotes'
    warn(
      line,
      quotable
        ? `aws-vault and Rolecall ${why} of ${describeKey(key)}: they read ${quoteShort(seen)} where the AWS CLI reads ${quoteShort(value)}.`
        : `aws-vault and Rolecall ${why} of ${describeKey(key)}, so they read a different value than the AWS CLI.`,
    )
  }
}
