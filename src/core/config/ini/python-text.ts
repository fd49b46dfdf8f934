// Python's string rules, reproduced exactly where botocore's parse depends on them: configparser strips with
// str.strip() (Unicode whitespace, not JS trim()'s set), lower-cases keys with str.lower(), nested values
// are split with str.splitlines(), and section names go through shlex.split(). Matching these is what makes
// "the same profiles as the AWS CLI" true for odd input too.

/** Python's str.isspace() (also re's \s): unlike JavaScript's trim(), U+001C–U+001F and U+0085 but not U+FEFF. */
const PY_SPACE = '\\t-\\r\\x1c- \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000'
const PY_SPACE_CHAR = new RegExp(`[${PY_SPACE}]`)
const PY_STRIP = new RegExp(`^[${PY_SPACE}]+|[${PY_SPACE}]+$`, 'g')

/** isspace() of one character: the scan asks for every line, so ASCII is decided without a regular expression. */
export function isPySpace(code: number): boolean {
  if (code < 0x80) return code === 0x20 || (code >= 0x09 && code <= 0x0d) || (code >= 0x1c && code <= 0x1f)
  return PY_SPACE_CHAR.test(String.fromCharCode(code))
}

export function pyStrip(text: string): string {
  return text.replace(PY_STRIP, '')
}

// Characters newer JS engines lower-case but Python 3.11 (Unicode 14) leaves alone.
const NOT_LOWERED_BY_PYTHON =
  /[\u1c89\ua7cb\ua7cc\ua7ce\ua7d2\ua7d4\ua7da\ua7dc\u{10d50}-\u{10d65}\u{16ea0}-\u{16eb8}]/u
const NOT_LOWERED_SPLIT = /([\u1c89\ua7cb\ua7cc\ua7ce\ua7d2\ua7d4\ua7da\ua7dc\u{10d50}-\u{10d65}\u{16ea0}-\u{16eb8}])/u

export function pyLower(text: string): string {
  let ascii = true
  let upper = false
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code >= 0x80) {
      ascii = false
      break
    }
    if (code >= 0x41 && code <= 0x5a) upper = true
  }
  if (ascii) return upper ? text.toLowerCase() : text
  if (!NOT_LOWERED_BY_PYTHON.test(text)) return text.toLowerCase()
  return text
    .split(NOT_LOWERED_SPLIT)
    .map((part, index) => (index % 2 === 1 ? part : part.toLowerCase()))
    .join('')
}

/** str.splitlines() boundaries (more than \n: \v, \f, \x1c–\x1e, NEL, LS, PS). */
const PY_LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/

export function pySplitLines(text: string): string[] {
  if (text === '') return []
  const parts = text.split(PY_LINE_BREAK)
  // splitlines() drops the empty piece after a final line break.
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop()
  return parts
}

const SHLEX_SPACE = ' \t\r\n'

/**
 * shlex.split(text) in POSIX mode (whitespace_split, no comments). Returns undefined where Python raises
 * ValueError (an unclosed quote or a trailing backslash).
 */
export function shlexSplit(text: string): string[] | undefined {
  const words: string[] = []
  let word = ''
  let inWord = false // a token has started (possibly an empty quoted one)
  let quote = '' // '"' or "'" while inside quotes
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string
    if (quote !== '') {
      if (ch === quote) quote = ''
      else if (ch === '\\' && quote === '"') {
        const next = text[i + 1]
        if (next === undefined) return undefined
        // Inside double quotes only the quote itself and the backslash can be escaped.
        if (next !== '"' && next !== '\\') word += '\\'
        word += next
        i++
      } else word += ch
      continue
    }
    if (SHLEX_SPACE.includes(ch)) {
      if (inWord) words.push(word)
      word = ''
      inWord = false
    } else if (ch === '\\') {
      const next = text[i + 1]
      if (next === undefined) return undefined
      word += next
      inWord = true
      i++
    } else if (ch === '"' || ch === "'") {
      quote = ch
      inWord = true
    } else {
      word += ch
      inWord = true
    }
  }
  if (quote !== '') return undefined
  if (inWord) words.push(word)
  return words
}
