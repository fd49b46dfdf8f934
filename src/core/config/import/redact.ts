// Before an imported config's text is stored (IndexedDB, unencrypted), the values of keys that hold
// secrets are removed, and so are stray lines that look like a pasted secret. Keys belong in the vault
// only; the line structure is kept so stored diagnostics still point at the right lines.
import { SECRET_KEY_NAMES, isSecretKey } from '../diagnostics'
import { parseRawIni } from '../ini/raw-ini'

export const REDACTED = '<removed by Rolecall: keys are kept only in the vault>'

/** A line that is nothing but a long token of key characters: a secret pasted on its own. */
const LONE_TOKEN = /^\s*[A-Za-z0-9/+]{16,}={0,2}\s*$/
/** A line that sets a secret key, wherever it is (even where the parser reads no key: before any header). */
const SECRET_LINE = new RegExp(`^\\s*(?:${SECRET_KEY_NAMES.join('|')})\\s*[=:]`, 'i')

export function redactSecrets(text: string): { text: string; removed: number } {
  const lines = new Set<number>()
  const continuation = new Set<number>()
  // Every secret key's line, as the parser reads key names (a key set twice too: the earlier line holds a secret as well).
  const raw = parseRawIni(text, undefined, (key, line) => {
    if (isSecretKey(key)) lines.add(line)
  })
  for (const more of raw.continuations) {
    if (lines.has(more.line)) for (const line of more.lines) continuation.add(line)
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const parts = body.split(/(\r\n|\r|\n)/)
  let removed = 0
  for (let index = 0; index < parts.length; index += 2) {
    const lineNo = index / 2 + 1
    const line = parts[index] as string
    if (lines.has(lineNo) || SECRET_LINE.test(line)) {
      const delimiter = line.search(/[=:]/)
      parts[index] = `${line.slice(0, delimiter + 1)} ${REDACTED}`
      removed++
    } else if (continuation.has(lineNo) || LONE_TOKEN.test(line)) {
      parts[index] = line === '' ? line : `${line.slice(0, line.length - line.trimStart().length)}# ${REDACTED}`
      removed++
    }
  }
  return { text: parts.join(''), removed }
}
