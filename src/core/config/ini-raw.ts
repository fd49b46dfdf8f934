// Python's configparser.RawConfigParser (strict, `=` and `:` delimiters, full-line `#`/`;` comments only)
// plus botocore's nested sub-sections, reproduced line for line. Where Python stops at the first problem
// (duplicate section or key, text before the first section, a bad sub-section line) this parser records an
// error with the line and keeps reading, so the user sees every problem and everything that can be read.
import { type ConfigDiagnostic, describeKey } from './diagnostics'
import { RawSection } from './raw-section'
import { SectionIndex, nameHash } from './section-index'
import { KNOWN_FIELDS, KNOWN_KEYS, KNOWN_LOOKED_AT, alwaysLookedAt, knownKeyAt } from './known-keys'
import { isPySpace, pyLower, pySplitLines, pyStrip } from './python-text'
import { isHexColourAt } from './vault-value'
import { setOwn } from './own-property'
import { fieldOf } from './resolution-keys'

export type IniValue = string | Record<string, string>

export { RawSection } from './raw-section'

export interface RawIni {
  /** Sections in file order, one per name (a repeated section is merged into the first). */
  sections: RawSection[]
  /** Sections by header, and profile sections by botocore's name (every section is classified as it is met). */
  index: SectionIndex
  /** configparser's [DEFAULT] section, whose keys botocore copies into every section. */
  defaults: RawSection | undefined
  diagnostics: ConfigDiagnostic[]
  lineCount: number
  /** The few keys whose value goes on over indented lines, in file order: those lines. */
  continuations: Continuation[]
  /**
   * Keys parse-warnings.ts must look at (same index: section, name, line): a value with a character that
   * botocore and aws-vault read differently, a continued value, a secret or a retired key name. Every other
   * key passes its checks, so the warnings pass reads only these. A key replaced later in its section stays
   * listed: the reader skips it (RawSection.isCurrentKey).
   */
  lookIn: RawSection[]
  lookName: string[]
  lookLine: number[]
}

/** Continuation lines of a key (stripped; '' for a blank line inside the value), their numbers, its key. */
export interface Continuation {
  section: RawSection
  name: string
  /** Line of the key itself. */
  line: number
  parts: string[]
  lines: number[]
}

const LINE_BREAK = /\r\n?/g

export function parseRawIni(input: string, fileLabel = '~/.aws/config'): RawIni {
  const diagnostics: ConfigDiagnostic[] = []
  let text = input
  if (text.charCodeAt(0) === 0xfeff) {
    diagnostics.push({
      line: 1,
      severity: 'error',
      message: `The text starts with a byte-order mark (BOM); the AWS CLI refuses such a ${fileLabel}. Save the file as UTF-8 without BOM.`,
    })
    text = text.slice(1)
  }
  // Python reads with universal newlines: \r\n and a lone \r end a line too.
  if (text.indexOf('\r') >= 0) text = text.replace(LINE_BREAK, '\n')
  const sections: RawSection[] = []
  const index = new SectionIndex()
  let defaults: RawSection | undefined
  let current: RawSection | undefined
  let repeatRange: number[] | undefined // in a repeated section: its `repeats`, whose last slot is the last line so far
  let currentKey: string | undefined // configparser's `optname` (undefined when falsy), and its line
  let currentKeyLine = 0
  let currentMore: Continuation | undefined // its continuation lines so far
  let pendingBlanks = 0 // blank lines after the current key's last line so far (they count only if it goes on)
  let repeatVisit = false // inside a repeated section: its key clashes are already explained
  let indentLevel = 0
  let reportedMissingHeader = false
  const continuations: Continuation[] = []
  const lookIn: RawSection[] = []
  const lookName: string[] = []
  const lookLine: number[] = []
  const lookAt = (section: RawSection, name: string, line: number): void => {
    lookIn.push(section)
    lookName.push(name)
    lookLine.push(line)
  }
  const specials = new SpecialCharacters(text)

  // Lines are scanned in place (no array of line strings): this loop is most of the parse time.
  let lineNo = 0
  for (let lineStart = 0, next: number; lineStart <= text.length; lineStart = next + 1) {
    next = text.indexOf('\n', lineStart)
    if (next < 0) next = text.length
    lineNo++
    let start = lineStart
    while (start < next && isPySpace(text.charCodeAt(start))) start++
    if (start === next) {
      // A blank line inside a value is kept (configparser's empty_lines_in_values).
      pendingBlanks++
      continue
    }
    const first = text.charCodeAt(start)
    if (first === 0x23 /* # */ || first === 0x3b /* ; */) continue
    let end = next
    while (isPySpace(text.charCodeAt(end - 1))) end--
    // The stripped line is text[start, end): strings are cut from `text` only where needed.
    const indent = start - lineStart
    if (repeatRange) repeatRange[repeatRange.length - 1] = lineNo
    else if (current) current.end = lineNo
    if (current && currentKey && indent > indentLevel) {
      if (currentMore === undefined)
        continuations.push(
          (currentMore = { section: current, name: currentKey, line: currentKeyLine, parts: [], lines: [] }),
        )
      addPart(currentMore, pendingBlanks, text.slice(start, end), lineNo)
      pendingBlanks = 0
      continue
    }
    indentLevel = indent
    let close = -1
    if (first === 0x5b /* [ */)
      for (let i = end - 1; i > start; i--)
        if (text.charCodeAt(i) === 0x5d /* ] */) {
          close = i
          break
        }
    if (close >= start + 2) {
      currentKey = undefined
      repeatVisit = false
      // The usual header, [profile <plain name>]: only the name is cut from the text.
      let fresh: RawSection
      let hash = -1
      if (isExactProfileHeader(text, start + 1, close)) {
        fresh = RawSection.forExactProfile(text.slice(start + 9, close), lineNo)
        hash = nameHash(text, start + 9, close)
      } else {
        const name = text.slice(start + 1, close)
        if (name === 'DEFAULT') {
          if (defaults) {
            repeatRange = occursAgain(defaults, lineNo)
          } else {
            defaults = new RawSection(name, lineNo)
            repeatRange = undefined
          }
          current = defaults
          continue
        }
        fresh = new RawSection(name, lineNo)
      }
      const existing = index.classify(fresh, hash)
      if (existing) {
        reportRepeat(diagnostics, existing, lineNo)
        repeatRange = occursAgain(existing, lineNo)
        repeatVisit = true
        current = existing
      } else {
        current = fresh
        repeatRange = undefined
        sections.push(current)
        index.add(current)
      }
      continue
    }
    if (!current) {
      if (!reportedMissingHeader) {
        reportedMissingHeader = true
        diagnostics.push({
          line: lineNo,
          severity: 'error',
          message: `Line ${lineNo} comes before any [section] header; the AWS CLI refuses the file. Put it under a header such as [default] or [profile name], or delete it.`,
        })
      }
      continue
    }
    let delimiter = start
    while (
      delimiter < end &&
      text.charCodeAt(delimiter) !== 0x3d /* = */ &&
      text.charCodeAt(delimiter) !== 0x3a /* : */
    )
      delimiter++
    if (delimiter === end) {
      diagnostics.push({
        line: lineNo,
        severity: 'error',
        message: `Line ${lineNo} has neither "=" nor ":", so the AWS CLI refuses the file. Write it as key = value, indent it to continue the value above, or delete it.`,
      })
      continue
    }
    let keyEnd = delimiter
    while (keyEnd > start && isPySpace(text.charCodeAt(keyEnd - 1))) keyEnd--
    const known = knownKeyAt(text, start, keyEnd)
    const key = known >= 0 ? (KNOWN_KEYS[known] as string) : pyLower(text.slice(start, keyEnd))
    if (key === '') {
      diagnostics.push({
        line: lineNo,
        severity: 'error',
        message: `Line ${lineNo} has a value but no key name before "${text[delimiter]}"; the AWS CLI refuses the file. Add the key name or delete the line.`,
      })
      currentKey = undefined
      continue
    }
    const field = known >= 0 ? (KNOWN_FIELDS[known] as number) : fieldOf(key)
    if (current.hasKey(key, field)) {
      if (!repeatVisit) {
        diagnostics.push({
          line: lineNo,
          severity: 'error',
          message: `${describeKey(key)} is set twice in [${current.name}] (also line ${current.lineOf(key)}); the AWS CLI refuses the file. Keep one of them (Rolecall reads the later one).`,
        })
      }
      current.removeKey(key) // the later value wins, in the later position
    }
    let valueStart = delimiter + 1
    while (valueStart < end && isPySpace(text.charCodeAt(valueStart))) valueStart++
    // A colour's "#" is no comment: "#1f77b4" reads the same everywhere (colorValue), nothing to look at.
    const special = specials.within(valueStart, end) && !(key === 'color' && isHexColourAt(text, valueStart, end))
    current.setKey(key, text.slice(valueStart, end), lineNo, field, special)
    currentKey = key
    currentKeyLine = lineNo
    currentMore = undefined
    pendingBlanks = 0
    if (special || (known >= 0 ? KNOWN_LOOKED_AT[known] : alwaysLookedAt(key))) lookAt(current, key, lineNo)
  }

  const raw: RawIni = {
    sections,
    index,
    defaults,
    diagnostics,
    lineCount: lineNo,
    continuations,
    lookIn,
    lookName,
    lookLine,
  }
  const marked = continuations.length > 0 ? new Set(lookLine) : undefined
  for (const more of continuations) {
    // A key set again later in its section was replaced: configparser never joins its lines.
    if (!more.section.isCurrentKey(more.name, more.line)) continue
    // configparser raises on [DEFAULT]'s bad sub-sections only when copying them into a section.
    const joined = joinValue(more, more.section !== defaults || sections.length > 0 ? diagnostics : undefined)
    if (joined === undefined) continue
    more.section.replaceValue(more.name, joined, fieldOf(more.name))
    if (typeof joined === 'string' && !marked?.has(more.line)) lookAt(more.section, more.name, more.line)
  }
  return raw
}

/**
 * Where the text has a character after which botocore and aws-vault may read a value differently (an inline
 * comment, quotes): one indexOf cursor per character, each moving forward only, so asking "any in this
 * value?" for every value of a large config costs a few scans of the text, not a test per value.
 */
class SpecialCharacters {
  private static readonly CHARACTERS = ['#', ';', '"', "'", '`']
  private readonly next: number[]
  private nearest: number

  constructor(private readonly text: string) {
    this.next = SpecialCharacters.CHARACTERS.map((ch) => this.find(ch, 0))
    this.nearest = Math.min(...this.next)
  }

  /** Whether text[start, end) has one of the characters (calls come with ever larger starts). */
  within(start: number, end: number): boolean {
    if (this.nearest < start) {
      let nearest = this.text.length
      for (let i = 0; i < this.next.length; i++) {
        let at = this.next[i] as number
        if (at < start) this.next[i] = at = this.find(SpecialCharacters.CHARACTERS[i] as string, start)
        if (at < nearest) nearest = at
      }
      this.nearest = nearest
    }
    return this.nearest < end
  }

  private find(ch: string, from: number): number {
    const at = this.text.indexOf(ch, from)
    return at < 0 ? this.text.length : at
  }
}

/** A header met again (the scan goes on in the first occurrence). */
function reportRepeat(diagnostics: ConfigDiagnostic[], existing: RawSection, line: number): void {
  diagnostics.push({
    line,
    severity: 'error',
    message: `Section [${existing.name}] appears again (first on line ${existing.line}); the AWS CLI refuses a file with a repeated section. Merge the two into one.`,
  })
}

/**
 * Whether text[start, end) is `profile <name>` with a name botocore and aws-vault both read as it is: one or
 * more characters, none of them whitespace, a quote or a backslash (section-names.ts's plain name), all ASCII
 * (other Unicode whitespace is left to section-names.ts).
 */
function isExactProfileHeader(text: string, start: number, end: number): boolean {
  if (end - start < 9 || !text.startsWith('profile ', start)) return false
  for (let i = start + 8; i < end; i++) {
    const code = text.charCodeAt(i)
    if (code <= 0x20 || code >= 0x7f || code === 0x22 || code === 0x27 || code === 0x5c) return false
  }
  return true
}

/** Starts another occurrence of a section (its lines go into `repeats`); returns `repeats`. */
function occursAgain(section: RawSection, line: number): number[] {
  const repeats = (section.repeats ??= [])
  repeats.push(line, line)
  return repeats
}

/** Adds a continuation line, after the blank lines seen since the last one (they only matter then). */
function addPart(more: Continuation, blanks: number, part: string, line: number): void {
  for (; blanks > 0; blanks--) {
    more.parts.push('')
    more.lines.push(line)
  }
  more.parts.push(part)
  more.lines.push(line)
}

/**
 * configparser's '\n'.join(parts).rstrip(), then botocore's _parse_nested when it starts with a newline;
 * undefined when only blank lines followed (the value stays as it was). `diagnostics` is undefined where
 * configparser would not get to report a bad sub-section line.
 */
function joinValue(more: Continuation, diagnostics: ConfigDiagnostic[] | undefined): IniValue | undefined {
  const first = more.section.get(more.name) as string
  const parts = more.parts
  let last = parts.length - 1
  while (last >= 0 && parts[last] === '') last--
  if (last < 0) return undefined
  if (first === '') return parseNested(more, last, diagnostics)
  return [first, ...parts.slice(0, last + 1)].join('\n')
}

function parseNested(
  more: Continuation,
  last: number,
  diagnostics: ConfigDiagnostic[] | undefined,
): Record<string, string> {
  const nested: Record<string, string> = {}
  const { parts, lines } = more
  for (let i = 0; i <= last; i++) {
    for (const piece of pySplitLines(parts[i] as string)) {
      const line = pyStrip(piece)
      if (line === '') continue
      const equals = line.indexOf('=')
      if (equals < 0) {
        diagnostics?.push({
          line: lines[i] as number,
          severity: 'error',
          message: `Line ${lines[i]} is inside the ${describeKey(more.name)} sub-section of [${more.section.name}] but has no "="; the AWS CLI refuses the file. Write it as name = value.`,
        })
        continue
      }
      setOwn(nested, pyStrip(line.slice(0, equals)), pyStrip(line.slice(equals + 1)))
    }
  }
  return nested
}
