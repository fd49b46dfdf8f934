// How aws-vault v7 (go-ini, default options) reads a value that botocore reads verbatim. Resolution follows
// aws-vault (docs/aws-protocol.md §6.2): an inline comment is cut off at the first "#" or ";" (go-ini does not
// require a space before it), surrounding quotes are removed, and `"""…"""` / `…` quoting is honoured.

/** Go's unicode.IsSpace, which strings.TrimSpace strips: unlike Python's, not U+001C–U+001F. */
const GO_SPACE = '\\t-\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000'
const GO_TRIM = new RegExp(`^[${GO_SPACE}]+|[${GO_SPACE}]+$`, 'g')
/** Most values read as they are: nothing to trim at either end, no quote first, no comment. */
const PLAIN_VALUE = new RegExp(`^[^${GO_SPACE}"'\`#;](?:[^#;]*[^${GO_SPACE}#;])?$`)
const COMMENT = /[#;]/

function goTrimSpace(text: string): string {
  return text.replace(GO_TRIM, '')
}

/** `text` is `quote`…`quote`, with no other `quote` inside. */
function hasSurroundedQuote(text: string, quote: string): boolean {
  return text.length >= 2 && text.startsWith(quote) && text.indexOf(quote, 1) === text.length - 1
}

/** The value aws-vault sees for a value botocore read as `raw`. Sub-sections read as empty. */
export function vaultValue(raw: string | Record<string, string> | undefined): string {
  if (typeof raw !== 'string') return ''
  if (PLAIN_VALUE.test(raw)) return raw
  let line = goTrimSpace(raw)
  const quote = line.length > 3 && line.startsWith('"""') ? '"""' : line.startsWith('`') ? '`' : ''
  if (quote !== '') {
    const end = line.lastIndexOf(quote)
    // An unclosed quote makes go-ini read on into the next lines; here there are none.
    return end >= quote.length ? line.slice(quote.length, end) : line.slice(quote.length)
  }
  const comment = line.search(COMMENT)
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
  if (HEX_COLOUR.test(raw)) return raw
  const comment = raw.search(/\s[#;]/)
  let value = goTrimSpace(comment >= 0 ? raw.slice(0, comment) : raw)
  if (hasSurroundedQuote(value, "'") || hasSurroundedQuote(value, '"')) value = value.slice(1, -1).trim()
  return BARE_HEX.test(value) ? `#${value}` : value
}

/**
 * strconv.ParseUint(text, 0, 64) as go-ini uses it for duration_seconds: decimal, 0x/0o/0b prefixes, a leading
 * 0 meaning octal, and "_" only between digits or after a prefix. Undefined where Go fails (and past 2^53).
 */
const GO_UINT = /^(?:0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|0(?:_?[0-7])*|[1-9](?:_?\d)*)$/
const BASES: Record<string, number> = { x: 16, o: 8, b: 2 }

export function parseGoUint(text: string): number | undefined {
  if (!GO_UINT.test(text)) return undefined
  const digits = text.replace(/_/g, '')
  const base = BASES[(digits[1] ?? '').toLowerCase()]
  const value = base ? parseInt(digits.slice(2), base) : parseInt(digits, digits.startsWith('0') ? 8 : 10)
  return value <= Number.MAX_SAFE_INTEGER ? value : undefined
}
