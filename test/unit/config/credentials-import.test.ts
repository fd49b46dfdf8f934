// checkPastedCredentials (keys.importCredentials without the vault): the same keys and problems, on the same
// lines, as the handler's search of every diagnostic per key gave before (issue 15 made it linear).
import { describe, expect, test } from 'vitest'
import { parseCredentialsFile } from '../../../src/core/config/ini/credentials-file'
import { validateBaseKey, type NewBaseKey } from '../../../src/core/vault'
import { checkPastedCredentials } from '../../../src/core/vault/pasted-credentials'
import type { CredentialsImportProblem } from '../../../src/shared/messages/vault'
import { RolecallFailure } from '../../../src/shared/protocol'

const ID = 'AKIAIOSFODNN7EXAMPLE'
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'

/** The handler's code before issue 15, word for word: a search of the diagnostics for each key. */
function quadraticCheck(text: string): { valid: NewBaseKey[]; problems: CredentialsImportProblem[] } {
  const { credentials, diagnostics } = parseCredentialsFile(text)
  const valid: NewBaseKey[] = []
  const problems: CredentialsImportProblem[] = []
  const skippedLines = new Set<number>()
  for (const entry of credentials) {
    const line = diagnostics.find((d) => d.message.startsWith(`[${entry.profile}]`))?.line
    if (entry.sessionToken) continue
    try {
      valid.push({
        profile: entry.profile,
        ...validateBaseKey(entry.profile, entry.accessKeyId, entry.secretAccessKey),
      })
    } catch (error) {
      if (!(error instanceof RolecallFailure)) throw error
      if (line !== undefined) skippedLines.add(line)
      problems.push({
        ...(line !== undefined ? { line } : {}),
        profile: entry.profile,
        message: `${error.message} Skipped.`,
      })
    }
  }
  for (const d of diagnostics) if (!skippedLines.has(d.line)) problems.push({ line: d.line, message: d.message })
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
  return { valid, problems }
}

/** One profile of each kind a real paste has: good keys, and each way keys go wrong. */
function section(kind: number, i: number): string[] {
  switch (kind % 9) {
    case 0:
      return [`[user${i}]`, `aws_access_key_id = ${ID}`, `aws_secret_access_key = ${SECRET}`]
    case 1:
      return [`[short${i}]`, `aws_access_key_id = ${ID}`, 'aws_secret_access_key = tooShort'] // warned, then refused
    case 2:
      return [`[odd${i}]`, `aws_access_key_id = ${ID}`, `aws_secret_access_key = ${SECRET.slice(0, 39)}!`] // refused, no warning
    case 3:
      return [
        `[temp${i}]`,
        'aws_access_key_id = ASIAIOSFODNN7EXAMPLE',
        `aws_secret_access_key = ${SECRET}`,
        'aws_session_token = FwoGZXIvYXdzEJr',
      ]
    case 4:
      return [`[half${i}]`, `aws_access_key_id = ${ID}`]
    case 5:
      return [`[profile cfg${i}]`, 'region = eu-west-1']
    case 6:
      return [`[lower${i}]`, 'aws_access_key_id = akiaiosfodnn7example', `aws_secret_access_key = ${SECRET}`] // warned, then refused
    case 7:
      return [`[ user${i - 7} ]`, `aws_access_key_id = ${ID}`, `aws_secret_access_key = ${SECRET}`] // the same name again: these keys win
    default:
      return ['not a key line', `[spaced${i}]`, `aws_access_key_id = ${ID} # mine`, `aws_secret_access_key = ${SECRET}`]
  }
}

function paste(count: number): string {
  const lines: string[] = ['# ~/.aws/credentials']
  for (let i = 0; i < count; i++) lines.push(...section(i, i), '')
  return lines.join('\n')
}

describe('checkPastedCredentials', () => {
  test('a paste with every kind of problem: the same keys, problems and lines as before', () => {
    const text = paste(18)
    const result = checkPastedCredentials(text)
    expect(result).toEqual(quadraticCheck(text))
    // What it comes to, so the comparison is not of two empty lists.
    expect(result.valid.map((k) => k.profile)).toEqual(['user0', 'user9'])
    expect(result.problems.filter((p) => p.profile !== undefined).map((p) => `${p.profile}@${p.line ?? '-'}`)).toEqual([
      'odd2@-',
      'odd11@-',
      'short1@6',
      'lower6@25',
      'spaced8@34',
      'short10@42',
      'lower15@61',
      'spaced17@70',
    ])
    expect(result.problems.filter((p) => p.profile === undefined)).toHaveLength(10)
  })

  test('200 profiles of each kind: the same as before', () => {
    const text = paste(1800)
    const result = checkPastedCredentials(text)
    expect(result.valid).toHaveLength(200)
    expect(result).toEqual(quadraticCheck(text))
  })

  test('a name given twice: the later keys, in the later place, on the later line', () => {
    const text = `[a]\naws_access_key_id = ${ID}\naws_secret_access_key = ${SECRET}\n[b]\naws_access_key_id = ${ID}\naws_secret_access_key = ${SECRET}\n[ a ]\naws_access_key_id = AKIAIOSFODNN7EXAMPL2\naws_secret_access_key = ${SECRET}\n`
    const { credentials, diagnostics } = parseCredentialsFile(text)
    expect(credentials.map((c) => [c.profile, c.accessKeyId, c.diagnosticLine])).toEqual([
      ['b', ID, undefined],
      ['a', 'AKIAIOSFODNN7EXAMPL2', 7],
    ])
    expect(diagnostics.map((d) => [d.line, d.message])).toEqual([
      [7, '[a]: this profile already has keys on line 1; the later ones are used.'],
    ])
  })

  test('[DEFAULT] keys reach every section, read key by key (not copied into each)', () => {
    const defaults = Array.from({ length: 2000 }, (_, i) => `unrelated_${i} = x`)
    const sections = Array.from({ length: 2000 }, (_, i) => `[user${i}]\naws_access_key_id = ${ID}`)
    const text = ['[DEFAULT]', `aws_secret_access_key = ${SECRET}`, ...defaults, ...sections].join('\n')
    const result = checkPastedCredentials(text)
    expect(result.valid).toHaveLength(2000)
    expect(result.valid[1999]).toEqual({ profile: 'user1999', accessKeyId: ID, secretAccessKey: SECRET })
    expect(result.problems.map((p) => p.message)).toEqual([
      expect.stringContaining('[DEFAULT] keys are copied into every section'),
    ])
  })
})
