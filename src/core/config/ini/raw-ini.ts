// Python's configparser.RawConfigParser (strict, `=` and `:` delimiters, full-line `#`/`;` comments only)
// plus botocore's nested sub-sections, reproduced line for line. Where Python stops at the first problem
// (duplicate section or key, text before the first section, a bad sub-section line) this parser records an
// error with the line and keeps reading, so the user sees every problem and everything that can be read.
// Sections and their keys are Maps: a section or key named "__proto__" or "constructor" is plain data.
import { type ConfigDiagnostic, describeKey } from '../diagnostics'
import { isPySpace, pyLower, pySplitLines, pyStrip } from './python-text'

export type IniValue = string | Record<string, string>

export interface IniKey {
  value: IniValue
  line: number
}

export class IniSection {
  /** Own keys in file order; a key set again moves to the end, as in configparser's dict. */
  readonly keys = new Map<string, IniKey>()
  /** Last line of the first occurrence. */
  end: number
  /** Later occurrences of a repeated section, flat: header line, last line, header line, ... */
  repeats: number[] | undefined = undefined

  constructor(
    /** The text between the brackets. */
    readonly name: string,
    /** Line of the (first) header. */
    readonly line: number,
  ) {
    this.end = line
  }

  /** Lines each occurrence covers, flat: header, last line, header, last line, ... */
  get ranges(): number[] {
    return [this.line, this.end, ...(this.repeats ?? [])]
  }

  get(key: string): IniValue | undefined {
    return this.keys.get(key)?.value
  }
}

export interface RawIni {
  /** Sections in file order, one per header (a repeated section is merged into the first); not [DEFAULT]. */
  sections: IniSection[]
  byName: Map<string, IniSection>
  /** configparser's [DEFAULT] section, whose keys botocore copies into every section. */
  defaults: IniSection | undefined
  diagnostics: ConfigDiagnostic[]
  /** Keys whose value goes on over indented lines, in file order. */
  continuations: Continuation[]
}

/** Continuation lines of a key (stripped; '' for a blank line inside the value), with their numbers. */
export interface Continuation {
  section: IniSection
  name: string
  /** Line of the key itself. */
  line: number
  parts: string[]
  lines: number[]
}

/**
 * Parses INI text. `onKey` hears of every key line, also one set again later (redaction needs those too).
 * `fileLabel` names the file in messages.
 */
export function parseRawIni(
  input: string,
  fileLabel = '~/.aws/config',
  onKey?: (key: string, line: number) => void,
): RawIni {
  const diagnostics: ConfigDiagnostic[] = []
  const error = (line: number, message: string): void => {
    diagnostics.push({ line, severity: 'error', message })
  }
  let text = input
  if (text.charCodeAt(0) === 0xfeff) {
    error(
      1,
      `The text starts with a byte-order mark (BOM); the AWS CLI refuses such a ${fileLabel}. Save the file as UTF-8 without BOM.`,
    )
    text = text.slice(1)
  }
  // Python reads with universal newlines: \r\n and a lone \r end a line too.
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n')
  const sections: IniSection[] = []
  const byName = new Map<string, IniSection>()
  const continuations: Continuation[] = []
  let defaults: IniSection | undefined
  let current: IniSection | undefined
  let currentKey: string | undefined // configparser's `optname` (undefined when falsy)
  let currentKeyLine = 0
  let more: Continuation | undefined // the current key's continuation lines so far
  let pendingBlanks = 0 // blank lines since the current key's last line (they count only if it goes on)
  let repeatVisit = false // inside a repeated section: its key clashes are already explained
  let indentLevel = 0
  let reportedMissingHeader = false

  // Lines are scanned in place: strings are cut from `text` only where a name or value is kept.
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
    const first = text[start]
    if (first === '#' || first === ';') continue
    let end = next
    while (isPySpace(text.charCodeAt(end - 1))) end--
    const indent = start - lineStart
    // An occurrence runs to its last line that is neither blank nor a comment, the next header included.
    if (current?.repeats) current.repeats[current.repeats.length - 1] = lineNo
    else if (current) current.end = lineNo
    if (current && currentKey && indent > indentLevel) {
      if (more === undefined)
        continuations.push((more = { section: current, name: currentKey, line: currentKeyLine, parts: [], lines: [] }))
      for (; pendingBlanks > 0; pendingBlanks--) addPart(more, '', lineNo)
      addPart(more, text.slice(start, end), lineNo)
      continue
    }
    indentLevel = indent
    // configparser's SECTCRE, \[(?P<header>.+)\], matched from the start: up to the last "]".
    const close = first === '[' ? text.lastIndexOf(']', end - 1) : -1
    if (close >= start + 2) {
      currentKey = undefined
      repeatVisit = false
      const name = text.slice(start + 1, close)
      const existing = name === 'DEFAULT' ? defaults : byName.get(name)
      if (existing) {
        // configparser refuses a repeated section, but not a repeated [DEFAULT]; reading goes on in the first.
        if (name !== 'DEFAULT') {
          error(
            lineNo,
            `Section [${name}] appears again (first on line ${existing.line}); the AWS CLI refuses a file with a repeated section. Merge the two into one.`,
          )
          repeatVisit = true
        }
        ;(existing.repeats ??= []).push(lineNo, lineNo)
        current = existing
      } else {
        current = new IniSection(name, lineNo)
        if (name === 'DEFAULT') defaults = current
        else {
          sections.push(current)
          byName.set(name, current)
        }
      }
      continue
    }
    if (!current) {
      if (!reportedMissingHeader) {
        reportedMissingHeader = true
        error(
          lineNo,
          `Line ${lineNo} comes before any [section] header; the AWS CLI refuses the file. Put it under a header such as [default] or [profile name], or delete it.`,
        )
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
      error(
        lineNo,
        `Line ${lineNo} has neither "=" nor ":", so the AWS CLI refuses the file. Write it as key = value, indent it to continue the value above, or delete it.`,
      )
      continue
    }
    let keyEnd = delimiter
    while (keyEnd > start && isPySpace(text.charCodeAt(keyEnd - 1))) keyEnd--
    const key = pyLower(text.slice(start, keyEnd))
    if (key === '') {
      error(
        lineNo,
        `Line ${lineNo} has a value but no key name before "${text[delimiter]}"; the AWS CLI refuses the file. Add the key name or delete the line.`,
      )
      currentKey = undefined
      continue
    }
    const earlier = current.keys.get(key)
    if (earlier) {
      if (!repeatVisit) {
        error(
          lineNo,
          `${describeKey(key)} is set twice in [${current.name}] (also line ${earlier.line}); the AWS CLI refuses the file. Keep one of them (Rolecall reads the later one).`,
        )
      }
      current.keys.delete(key) // the later value wins, in the later position
    }
    let valueStart = delimiter + 1
    while (valueStart < end && isPySpace(text.charCodeAt(valueStart))) valueStart++
    current.keys.set(key, { value: text.slice(valueStart, end), line: lineNo })
    onKey?.(key, lineNo)
    currentKey = key
    currentKeyLine = lineNo
    more = undefined
    pendingBlanks = 0
  }

  for (const continued of continuations) {
    const key = continued.section.keys.get(continued.name)
    // A key set again later in its section was replaced: configparser never joins its lines.
    if (key?.line !== continued.line) continue
    // configparser raises on [DEFAULT]'s bad sub-sections only when copying them into a section.
    const report = continued.section !== defaults || sections.length > 0 ? diagnostics : undefined
    key.value = joinValue(key.value as string, continued, report) ?? key.value
  }
  return { sections, byName, defaults, diagnostics, continuations }
}

function addPart(more: Continuation, part: string, line: number): void {
  more.parts.push(part)
  more.lines.push(line)
}

/**
 * configparser's '\n'.join(parts).rstrip(), then botocore's _parse_nested when the value starts with a
 * newline; undefined when only blank lines followed. `diagnostics` is undefined where configparser would not
 * get to report a bad sub-section line.
 */
function joinValue(
  first: string,
  more: Continuation,
  diagnostics: ConfigDiagnostic[] | undefined,
): IniValue | undefined {
  const { parts, lines } = more
  let last = parts.length - 1
  while (last >= 0 && parts[last] === '') last--
  if (last < 0) return undefined
  if (first !== '') return [first, ...parts.slice(0, last + 1)].join('\n')
  const nested = new Map<string, string>()
  for (let i = 0; i <= last; i++) {
    for (const piece of pySplitLines(parts[i] as string)) {
      const line = pyStrip(piece)
      if (line === '') continue
      const equals = line.indexOf('=')
      if (equals >= 0) nested.set(pyStrip(line.slice(0, equals)), pyStrip(line.slice(equals + 1)))
      else
        diagnostics?.push({
          line: lines[i] as number,
          severity: 'error',
          message: `Line ${lines[i]} is inside the ${describeKey(more.name)} sub-section of [${more.section.name}] but has no "="; the AWS CLI refuses the file. Write it as name = value.`,
        })
    }
  }
  // fromEntries defines own properties: a name like "__proto__" stays data.
  return Object.fromEntries(nested)
}
