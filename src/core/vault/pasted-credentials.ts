// A pasted ~/.aws/credentials, sorted into the keys to store and the problems to show, for
// keys.importCredentials (the handler stores the keys) and the benchmark. Linear in the paste (issue 15): each
// key's problem finds its line through the parser's diagnosticLine, not by searching every diagnostic.
import { parseCredentialsFile } from '../config/ini/credentials-file'
import type { CredentialsImportProblem } from '../../shared/messages/vault'
import { BaseKeyProblem, checkBaseKey } from './base-key-validation'
import type { NewBaseKey } from './secrets'

export interface PastedCredentialsCheck {
  /** Long-term keys that pass validateBaseKey's checks, ready for putBaseKeys. */
  valid: NewBaseKey[]
  /** By line (problems without a line first): the parser's findings, and the keys that failed the check. */
  problems: CredentialsImportProblem[]
}

export function checkPastedCredentials(text: string): PastedCredentialsCheck {
  const { credentials, diagnostics } = parseCredentialsFile(text)
  const valid: NewBaseKey[] = []
  const problems: CredentialsImportProblem[] = []
  const restatedLines = new Set<number>()
  for (const entry of credentials) {
    if (entry.sessionToken) continue // temporary credentials: the parser's diagnostic already says so
    const checked = checkBaseKey(entry.profile, entry.accessKeyId, entry.secretAccessKey)
    if (!(checked instanceof BaseKeyProblem)) {
      valid.push({ profile: entry.profile, ...checked })
      continue
    }
    const line = entry.diagnosticLine
    if (line !== undefined) restatedLines.add(line)
    problems.push({
      ...(line !== undefined ? { line } : {}),
      profile: entry.profile,
      message: `${checked.message} Skipped.`,
    })
  }
  // The parser's own findings (bad lines, temporary keys, missing halves), minus those our check restated.
  for (const d of diagnostics) if (!restatedLines.has(d.line)) problems.push({ line: d.line, message: d.message })
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
  return { valid, problems }
}
