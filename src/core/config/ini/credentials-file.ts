// A pasted ~/.aws/credentials: the same configparser rules as the config (botocore reads both with
// raw_config_parse), but section names are plain profile names. The keys found here go only to the vault;
// no diagnostic ever contains a key, secret or token. The paste is hostile input (issue 15): reading it is
// linear in its size, whatever its number of sections or of [DEFAULT] keys.
import { type ConfigDiagnostic, sortDiagnostics } from '../diagnostics'
import { sectionValues } from './profile-map'
import { pyStrip } from './python-text'
import { type IniSection, type IniValue, parseRawIni } from './raw-ini'

export interface PastedCredential {
  profile: string
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
  /**
   * The line of the first diagnostic about a section of this name, if there is one: a check of the keys
   * that fails later (keys.importCredentials) is shown there, in place of the parser's own words.
   */
  diagnosticLine?: number
}

export interface CredentialsParse {
  credentials: PastedCredential[]
  diagnostics: ConfigDiagnostic[]
}

interface CredentialSection {
  name: string
  line: number
  values: Record<string, IniValue>
}

/** A profile section of the paste: its name as the cross-SDK standard reads it, and the raw section. */
interface ProfileSection {
  name: string
  section: IniSection
}

/**
 * The profile sections: surrounding spaces are trimmed from the name and `[profile x]` is not a profile (the
 * AWS CLI would call it "profile x", which no config uses). `defaults`: the [DEFAULT] section, if any.
 */
function profileSections(text: string): {
  sections: ProfileSection[]
  defaults: IniSection | undefined
  diagnostics: ConfigDiagnostic[]
} {
  const raw = parseRawIni(typeof text === 'string' ? text : '', '~/.aws/credentials')
  const diagnostics = raw.diagnostics
  const sections: ProfileSection[] = []
  if (raw.defaults && raw.sections.length > 0) {
    diagnostics.push({
      line: raw.defaults.line,
      severity: 'warning',
      message:
        '[DEFAULT] keys are copied into every section by the AWS CLI; write the keys under each profile instead.',
    })
  }
  for (const section of raw.sections) {
    const name = pyStrip(section.name)
    if (name.startsWith('profile ')) {
      diagnostics.push({
        line: section.line,
        severity: 'warning',
        message: `[${section.name}] is skipped: in ~/.aws/credentials a profile's section is just its name, e.g. [${pyStrip(name.slice('profile '.length))}].`,
      })
      continue
    }
    sections.push({ name, section })
  }
  return { sections, defaults: raw.defaults, diagnostics }
}

/** Section name → keys (with [DEFAULT]'s, as the AWS CLI reads them), for the cross-SDK standard's cases. */
export function readCredentialSections(text: string): {
  sections: CredentialSection[]
  diagnostics: ConfigDiagnostic[]
} {
  const { sections, defaults, diagnostics } = profileSections(text)
  return {
    sections: sections.map(({ name, section }) => ({
      name,
      line: section.line,
      values: sectionValues(section, defaults),
    })),
    diagnostics,
  }
}

/**
 * A key of a section as the AWS CLI reads it: its own, else [DEFAULT]'s. Read one key at a time: copying
 * [DEFAULT] into every section, as readCredentialSections does, is sections × keys of work.
 */
function keyOf(section: IniSection, defaults: IniSection | undefined, key: string): IniValue | undefined {
  return section.get(key) ?? defaults?.get(key)
}

export function parseCredentialsFile(text: string): CredentialsParse {
  const { sections, defaults, diagnostics } = profileSections(text)
  // By profile, in the order last set: a later section with the same name replaces the keys and moves to the end.
  const credentials = new Map<string, PastedCredential>()
  const seen = new Map<string, number>()
  const firstDiagnostic = new Map<string, number>()
  for (const { name, section } of sections) {
    const at = (message: string, severity: ConfigDiagnostic['severity'] = 'warning'): void => {
      diagnostics.push({ line: section.line, severity, message: `[${name}]: ${message}` })
      if (!firstDiagnostic.has(name)) firstDiagnostic.set(name, section.line)
    }
    const read = (key: string): string | undefined => {
      const value = keyOf(section, defaults, key)
      if (value === undefined) return undefined
      if (typeof value !== 'string') {
        at(`${key} is written as a sub-section (indented lines), not a value; put the value on the same line.`, 'error')
        return undefined
      }
      return value
    }
    const accessKeyId = read('aws_access_key_id')
    const secretAccessKey = read('aws_secret_access_key')
    const sessionToken = read('aws_session_token') ?? read('aws_security_token')
    if (!accessKeyId && !secretAccessKey) {
      at('no aws_access_key_id / aws_secret_access_key here, so there is nothing to import.')
      continue
    }
    if (!accessKeyId || !secretAccessKey) {
      at(
        `has ${accessKeyId ? 'aws_access_key_id but no aws_secret_access_key' : 'aws_secret_access_key but no aws_access_key_id'}; add the missing one, or these keys are not imported.`,
        'error',
      )
      continue
    }
    const previous = seen.get(name)
    if (previous !== undefined) at(`this profile already has keys on line ${previous}; the later ones are used.`)
    seen.set(name, section.line)
    checkShape(accessKeyId, secretAccessKey, sessionToken, at)
    const entry: PastedCredential = { profile: name, accessKeyId, secretAccessKey }
    if (sessionToken) entry.sessionToken = sessionToken
    credentials.delete(name)
    credentials.set(name, entry)
  }
  // Sections come in file order, so a name's first diagnostic is on the first line any was reported on.
  for (const [name, entry] of credentials) {
    const line = firstDiagnostic.get(name)
    if (line !== undefined) entry.diagnosticLine = line
  }
  return { credentials: [...credentials.values()], diagnostics: sortDiagnostics(diagnostics) }
}

/** Shape checks that never reveal the values: a space usually means an inline comment the CLI keeps. */
function checkShape(id: string, secret: string, token: string | undefined, at: (message: string) => void): void {
  if (/\s/.test(id) || /\s/.test(secret)) {
    at(
      'a key contains a space, probably an inline comment; the AWS CLI keeps it as part of the key. Put comments on their own line.',
    )
  } else if (/^ASIA/.test(id) || token) {
    at(
      "these are temporary credentials (session token); they expire. Rolecall needs an IAM user's long-term keys (access key id starting with AKIA).",
    )
  } else if (!/^AKIA[A-Z0-9]{16}$/.test(id)) {
    at(
      'the access key id does not look like an IAM user key (AKIA followed by 16 letters or digits); check it was copied whole.',
    )
  } else if (secret.length !== 40) {
    at('the secret access key is usually 40 characters long; check it was copied whole.')
  }
}
