// A minimal reader for a pasted ~/.aws/credentials: just enough to pull each profile's long-term key pair
// out of the INI text (section headers, `key = value`, full-line `#`/`;` comments). Stand-in until the config
// module's credentials-file parser exists. Problems name the line and profile, never a value.

export interface PastedKey {
  profile: string
  accessKeyId: string
  secretAccessKey: string
  line: number
}

export interface PasteProblem {
  line?: number
  profile?: string
  message: string
}

interface Section {
  name: string
  line: number
  values: Map<string, { value: string; line: number }>
}

const KEY_FIELDS = new Set(['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token', 'aws_security_token'])

export function readPastedCredentials(text: string): { keys: PastedKey[]; problems: PasteProblem[] } {
  const problems: PasteProblem[] = []
  const sections: Section[] = []
  let current: Section | undefined
  const lines = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/)
  lines.forEach((raw, index) => {
    const line = index + 1
    const trimmed = raw.trim()
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) return
    const header = /^\[([^\]]*)\]\s*(?:[#;].*)?$/.exec(trimmed)
    if (header) {
      const name = header[1]!.trim()
      if (!name) problems.push({ line, message: `Line ${line}: a section header needs a profile name.` })
      if (sections.some((s) => s.name === name)) problems.push({ line, profile: name, message: `Line ${line}: profile "${name}" appears twice; only its first section is used.` })
      current = { name, line, values: new Map() }
      if (name && !sections.some((s) => s.name === name)) sections.push(current)
      return
    }
    const pair = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(trimmed)
    if (!pair) {
      problems.push({ line, message: `Line ${line} is neither a [profile] header, a comment, nor "name = value".` })
      return
    }
    if (!current) {
      problems.push({ line, message: `Line ${line} comes before the first [profile] header.` })
      return
    }
    const key = pair[1]!.trim().toLowerCase()
    if (!current.values.has(key)) current.values.set(key, { value: pair[2]!.trim(), line })
  })

  const keys: PastedKey[] = []
  for (const section of sections) {
    const has = (k: string) => section.values.has(k)
    if (![...KEY_FIELDS].some(has)) continue // e.g. a section with only a region: nothing to import
    const where = `Profile "${section.name}" (line ${section.line})`
    if (has('aws_session_token') || has('aws_security_token')) {
      problems.push({ line: section.line, profile: section.name, message: `${where} holds temporary credentials (it has a session token); Rolecall stores only long-term IAM user keys. Skipped.` })
      continue
    }
    const id = section.values.get('aws_access_key_id')
    const secret = section.values.get('aws_secret_access_key')
    if (!id || !secret) {
      problems.push({ line: section.line, profile: section.name, message: `${where} has no ${id ? 'aws_secret_access_key' : 'aws_access_key_id'}. Skipped.` })
      continue
    }
    keys.push({ profile: section.name, accessKeyId: id.value, secretAccessKey: secret.value, line: section.line })
  }
  return { keys, problems }
}
