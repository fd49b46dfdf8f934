// How aws-vault v7 (go-ini, default options) reads a value that botocore reads verbatim. Resolution follows
// aws-vault (docs/aws-protocol.md §6.2): an inline comment is cut off at the first "#" or ";" (go-ini does not
// require a space before it), surrounding quotes are removed, and `"""…"""` / `…` quoting is honoured.

/** Go's unicode.IsSpace (used by strings.TrimSpace): unlike Python it excludes U+001C–U+001F. */
function isGoSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d)
  return (
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  )
}

function goTrimSpace(text: string): string {
  let start = 0
  let end = text.length
  while (start < end && isGoSpace(text.charCodeAt(start))) start++
  while (end > start && isGoSpace(text.charCodeAt(end - 1))) end--
  return start === 0 && end === text.length ? text : text.slice(start, end)
}

function hasSurroundedQuote(text: string, quote: string): boolean {
  return (
    text.length >= 2 &&
    text[0] === quote &&
    text[text.length - 1] === quote &&
    text.indexOf(quote, 1) === text.length - 1
  )
}

/** Index of the first "#" or ";", or -1 (indexOf, not a regular expression: this runs for every value). */
function commentStart(text: string): number {
  const hash = text.indexOf('#')
  const semicolon = text.indexOf(';')
  return hash < 0 ? semicolon : semicolon < 0 ? hash : Math.min(hash, semicolon)
}

/**
 * The usual value, which aws-vault reads as it is: printable ASCII at both ends that is not a space (so
 * nothing to trim), no quote or backtick first (so no quoting), and no "#" or ";" (so no comment).
 */
function isPlainValue(raw: string): boolean {
  const first = raw.charCodeAt(0)
  const last = raw.charCodeAt(raw.length - 1)
  return (
    first > 0x20 &&
    first < 0x7f &&
    first !== 0x22 /* " */ &&
    first !== 0x27 /* ' */ &&
    first !== 0x60 /* ` */ &&
    last > 0x20 &&
    last < 0x7f &&
    commentStart(raw) < 0
  )
}

/** The value aws-vault sees for a value botocore read as `raw`. Sub-sections read as empty. */
export function vaultValue(raw: string | Record<string, string> | undefined): string {
  if (raw === undefined || typeof raw !== 'string') return ''
  if (isPlainValue(raw)) return raw
  let line = goTrimSpace(raw)
  if (line === '') return ''
  const quote = line.length > 3 && line.startsWith('"""') ? '"""' : line[0] === '`' ? '`' : ''
  if (quote !== '') {
    const end = line.lastIndexOf(quote)
    // An unclosed quote makes go-ini read on into the next lines; here there are none.
    return end >= quote.length ? line.slice(quote.length, end) : line.slice(quote.length)
  }
  const comment = commentStart(line)
  if (comment >= 0) line = goTrimSpace(line.slice(0, comment))
  if (hasSurroundedQuote(line, "'") || hasSurroundedQuote(line, '"')) line = line.slice(1, -1)
  return line
}

const HEX_COLOUR = /^#[0-9a-f]{6}$/i
const BARE_HEX = /^[0-9a-f]{3}([0-9a-f]{3})?$/i

/**
 * Rolecall's `color` key: "#1f77b4" is a colour, so only a comment after whitespace is cut, then quotes go.
 * A bare hex value ("1f77b4") gets its "#".
 */
export function colorValue(raw: string | Record<string, string> | undefined): string {
  if (typeof raw !== 'string') return ''
  if (HEX_COLOUR.test(raw)) return raw // the usual "#1f77b4": nothing to cut, trim or add
  if (BARE_HEX.test(raw)) return `#${raw}`
  const comment = raw.search(/\s[#;]/)
  let value = goTrimSpace(comment >= 0 ? raw.slice(0, comment) : raw)
  if (hasSurroundedQuote(value, "'") || hasSurroundedQuote(value, '"')) value = value.slice(1, -1).trim()
  return BARE_HEX.test(value) ? `#${value}` : value
}

/**
 * strconv.ParseUint(text, 0, 64) as go-ini uses it for duration_seconds: decimal, 0x/0o/0b prefixes, a
 * leading 0 meaning octal, and "_" between digits. Returns undefined where Go returns an error.
 */
export function parseGoUint(text: string): number | undefined {
  if (text === '') return undefined
  let digits = text
  let base = 10
  if (text[0] === '0') {
    const prefix = text.length >= 3 ? (text[1] as string).toLowerCase() : ''
    base = prefix === 'b' ? 2 : prefix === 'o' ? 8 : prefix === 'x' ? 16 : 8
    digits = prefix === 'b' || prefix === 'o' || prefix === 'x' ? text.slice(2) : text.slice(1)
  }
  if (text.includes('_') && !underscoreOk(text)) return undefined
  let value = 0
  for (let i = 0; i < digits.length; i++) {
    const code = digits.charCodeAt(i)
    if (code === 0x5f /* _ */) continue
    const digit = digitValue(code)
    if (digit >= base) return undefined
    value = value * base + digit
    if (value > Number.MAX_SAFE_INTEGER) return undefined
  }
  return value
}

/** 0-9, then a/A-z/Z as 10-35 (what parseInt(ch, 36) accepts), else 36: never a digit in any base. */
function digitValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30
  const lower = code | 0x20
  return lower >= 0x61 && lower <= 0x7a ? lower - 0x61 + 10 : 36
}

/** Go's underscoreOK: underscores only between digits, or right after a base prefix. */
function underscoreOk(text: string): boolean {
  let saw = '^'
  let i = 0
  let hex = false
  if (text.length >= 2 && text[0] === '0') {
    const p = (text[1] as string).toLowerCase()
    if (p === 'x' || p === 'o' || p === 'b') {
      hex = p === 'x'
      i = 2
      saw = '0'
    }
  }
  for (; i < text.length; i++) {
    const ch = text[i] as string
    if (/[0-9]/.test(ch) || (hex && /[a-fA-F]/.test(ch))) {
      saw = '0'
      continue
    }
    if (ch === '_') {
      if (saw !== '0') return false
      saw = '_'
      continue
    }
    if (saw === '_') return false
    saw = '!'
  }
  return saw !== '_'
}
