// A pasted ~/.aws/credentials: the same configparser rules as the config (botocore reads both with
// raw_config_parse), but section names are plain profile names. The keys found here go only to the vault;
// no diagnostic ever contains a key, secret or token.
import { type ConfigDiagnostic, sortDiagnostics } from './diagnostics'
import { type IniValue, parseRawIni } from './ini-raw'
import { sectionValues } from './parse'
import { pyStrip } from './python-text'

export interface PastedCredential {
  profile: string
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
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

/**
 * Section name → keys, named as the cross-SDK standard does for credentials files: surrounding spaces are
 * trimmed and `[profile x]` is not a profile (the AWS CLI would call it "profile x", which no config uses).
 */
export function readCredentialSections(text: string): { sections: CredentialSection[]; diagnostics: ConfigDiagnostic[] } {
  const raw = parseRawIni(typeof text === 'string' ? text : '', '~/.aws/credentials')
  const diagnostics = raw.diagnostics
  const sections: CredentialSection[] = []
  if (raw.defaults && raw.sections.length > 0) {
    diagnostics.push({ line: raw.defaults.line, severity: 'warning', message: '[DEFAULT] keys are copied into every section by the AWS CLI; write the keys under each profile instead.' })
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
    sections.push({ name, line: section.line, values: sectionValues(section, raw.defaults) })
  }
  return { sections, diagnostics }
}

export function parseCredentialsFile(text: string): CredentialsParse {
  const { sections, diagnostics } = readCredentialSections(text)
  const credentials: PastedCredential[] = []
  const seen = new Map<string, number>()
  for (const section of sections) {
    const at = (message: string, severity: ConfigDiagnostic['severity'] = 'warning'): void => {
      diagnostics.push({ line: section.line, severity, message: `[${section.name}]: ${message}` })
    }
    const read = (key: string): string | undefined => {
      const value = Object.hasOwn(section.values, key) ? section.values[key] : undefined
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
      at(`has ${accessKeyId ? 'aws_access_key_id but no aws_secret_access_key' : 'aws_secret_access_key but no aws_access_key_id'}; add the missing one, or these keys are not imported.`, 'error')
      continue
    }
    const previous = seen.get(section.name)
    if (previous !== undefined) at(`this profile already has keys on line ${previous}; the later ones are used.`)
    seen.set(section.name, section.line)
    checkShape(accessKeyId, secretAccessKey, sessionToken, at)
    const entry: PastedCredential = { profile: section.name, accessKeyId, secretAccessKey }
    if (sessionToken) entry.sessionToken = sessionToken
    const index = credentials.findIndex((c) => c.profile === section.name)
    if (index >= 0) credentials.splice(index, 1)
    credentials.push(entry)
  }
  return { credentials, diagnostics: sortDiagnostics(diagnostics) }
}

/** Shape checks that never reveal the values: a space usually means an inline comment the CLI keeps. */
function checkShape(id: string, secret: string, token: string | undefined, at: (message: string) => void): void {
  if (/\s/.test(id) || /\s/.test(secret)) {
    at('a key contains a space, probably an inline comment; the AWS CLI keeps it as part of the key. Put comments on their own line.')
  } else if (/^ASIA/.test(id) || token) {
    at('these are temporary credentials (session token); they expire. Rolecall needs an IAM user\'s long-term keys (access key id starting with AKIA).')
  } else if (!/^AKIA[A-Z0-9]{16}$/.test(id)) {
    at('the access key id does not look like an IAM user key (AKIA followed by 16 letters or digits); check it was copied whole.')
  } else if (secret.length !== 40) {
    at('the secret access key is usually 40 characters long; check it was copied whole.')
  }
}
