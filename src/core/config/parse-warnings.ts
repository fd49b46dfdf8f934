// Warnings for input botocore accepts but that probably does not mean what the user thinks, or that the AWS
// CLI, aws-vault and Rolecall read differently (docs/aws-protocol.md §4.2, §5, §6). Errors come from ini-raw.ts.
import { type ConfigDiagnostic, describeKey, isSecretKey, mayQuoteValue, quoteShort } from './diagnostics'
import type { RawSection } from './ini-raw'
import type { ParseMeta } from './parse'
import { type SectionClass, vaultSectionName } from './section-names'
import { RESOLUTION_KEYS } from './resolution-keys'
import { colorValue, vaultValue } from './vault-value'

const INLINE_COMMENT = /\s[#;]/
/** Only values with these characters can read differently in botocore and aws-vault. */
const WORTH_A_LOOK = /[#;"'`\n]/

export function collectParseWarnings(meta: ParseMeta): ConfigDiagnostic[] {
  const out: ConfigDiagnostic[] = []
  const warn = (line: number, message: string): void => {
    out.push({ line, severity: 'warning', message })
  }
  const { raw } = meta
  if (raw.defaults) {
    warn(
      raw.defaults.line,
      '[DEFAULT] is special: the AWS CLI copies its keys into every section, while aws-vault and Rolecall ignore it. Move its keys into [default] or the profiles that need them.',
    )
  }
  for (let index = 0; index < raw.sections.length; index++) {
    const section = raw.sections[index] as RawSection
    // The usual section, [profile <name>] with a plain name defined once, passes every check below.
    const usual =
      section.kind === 'profile' &&
      section.exactProfile &&
      section.botoName !== 'default' &&
      section.botoName !== '' &&
      !raw.index.profileRedefined
    if (!usual) sectionNameWarnings(section, section.sectionClass, meta, warn)
  }
  // Every other key passes valueWarnings' checks (ini-raw.ts marks the ones that may not).
  for (let index = 0; index < raw.lookIn.length; index++) {
    const section = raw.lookIn[index] as RawSection
    const name = raw.lookName[index] as string
    const line = raw.lookLine[index] as number
    // A key set again later in its section was replaced by the later one.
    if (section.isCurrentKey(name, line)) valueWarnings(section, name, line, warn)
  }
  return out
}

function sectionNameWarnings(
  section: RawSection,
  found: SectionClass,
  meta: ParseMeta,
  warn: (line: number, message: string) => void,
): void {
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
    const plain = meta.raw.index.named('default')
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
    found.kind === 'profile' ? meta.profiles : found.kind === 'sso-session' ? meta.ssoSessions : meta.services
  const winner = winners.get(found.name)
  if (winner !== undefined && winner !== section && found.name !== 'default') {
    warn(
      section.line,
      `${header} and [${winner.name}] (line ${winner.line}) both define ${found.kind} "${found.name}"; the later one replaces this one entirely. Keep one.`,
    )
  }
}

function valueWarnings(
  section: RawSection,
  key: string,
  line: number,
  warn: (line: number, message: string) => void,
): void {
  const value = section.get(key)
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
