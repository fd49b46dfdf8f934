// Python's configparser.RawConfigParser (strict, `=` and `:` delimiters, full-line `#`/`;` comments only)
// plus botocore's nested sub-sections, reproduced line for line. Where Python stops at the first problem
// (duplicate section or key, text before the first section, a bad sub-section line) this parser records an
// error with the line and keeps reading, so the user sees every problem and everything that can be read.
import { type ConfigDiagnostic, describeKey } from './diagnostics'
import { firstNonSpace, pyLower, pyRstrip, pySplitLines, pyStrip } from './python-text'

export type IniValue = string | Record<string, string>

export interface RawKey {
  name: string
  /** The first line's value, then each continuation line (stripped; '' for a blank line inside the value). */
  parts: string[]
  lines: number[]
}

export interface RawSection {
  name: string
  /** Line of the (first) header. */
  line: number
  /** Lines covered by each occurrence of this section: [header line, last line]. */
  ranges: [number, number][]
  keys: Map<string, RawKey>
  /** Joined (and, for sub-sections, parsed) values of the section's own keys, in file order. */
  values: Map<string, IniValue>
}

export interface RawIni {
  /** Sections in file order, one per name (a repeated section is merged into the first). */
  sections: RawSection[]
  byName: Map<string, RawSection>
  /** configparser's [DEFAULT] section, whose keys botocore copies into every section. */
  defaults: RawSection | undefined
  diagnostics: ConfigDiagnostic[]
  lineCount: number
}

const LINE_BREAK = /\r\n|\r|\n/

function newSection(name: string, line: number): RawSection {
  return { name, line, ranges: [[line, line]], keys: new Map(), values: new Map() }
}

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
  const lines = text.split(LINE_BREAK)
  const sections: RawSection[] = []
  const byName = new Map<string, RawSection>()
  let defaults: RawSection | undefined
  let current: RawSection | undefined
  let currentKey: RawKey | undefined // configparser's `optname` (undefined when falsy)
  let repeatVisit = false // inside a repeated section: its key clashes are already explained
  let indentLevel = 0
  let reportedMissingHeader = false

  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as string
    const lineNo = index + 1
    const start = firstNonSpace(line)
    if (start === line.length) {
      // A blank line inside a value is kept (configparser's empty_lines_in_values).
      if (currentKey) {
        currentKey.parts.push('')
        currentKey.lines.push(lineNo)
      }
      continue
    }
    const first = line.charCodeAt(start)
    if (first === 0x23 /* # */ || first === 0x3b /* ; */) continue
    const value = pyStrip(line)
    if (current) current.ranges[current.ranges.length - 1]![1] = lineNo
    if (current && currentKey && start > indentLevel) {
      currentKey.parts.push(value)
      currentKey.lines.push(lineNo)
      continue
    }
    indentLevel = start
    const close = value.charCodeAt(0) === 0x5b /* [ */ ? value.lastIndexOf(']') : -1
    if (close >= 2) {
      const name = value.slice(1, close)
      currentKey = undefined
      repeatVisit = false
      if (name === 'DEFAULT') {
        defaults ??= newSection(name, lineNo)
        if (defaults.line !== lineNo) defaults.ranges.push([lineNo, lineNo])
        current = defaults
        continue
      }
      const existing = byName.get(name)
      if (existing) {
        diagnostics.push({
          line: lineNo,
          severity: 'error',
          message: `Section [${name}] appears again (first on line ${existing.line}); the AWS CLI refuses a file with a repeated section. Merge the two into one.`,
        })
        existing.ranges.push([lineNo, lineNo])
        current = existing
        repeatVisit = true
        continue
      }
      current = newSection(name, lineNo)
      sections.push(current)
      byName.set(name, current)
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
    const delimiter = firstDelimiter(value)
    if (delimiter < 0) {
      diagnostics.push({
        line: lineNo,
        severity: 'error',
        message: `Line ${lineNo} has neither "=" nor ":", so the AWS CLI refuses the file. Write it as key = value, indent it to continue the value above, or delete it.`,
      })
      continue
    }
    const key = pyLower(pyRstrip(value.slice(0, delimiter)))
    if (key === '') {
      diagnostics.push({
        line: lineNo,
        severity: 'error',
        message: `Line ${lineNo} has a value but no key name before "${value[delimiter]}"; the AWS CLI refuses the file. Add the key name or delete the line.`,
      })
      currentKey = undefined
      continue
    }
    const previous = current.keys.get(key)
    if (previous && !repeatVisit) {
      diagnostics.push({
        line: lineNo,
        severity: 'error',
        message: `${describeKey(key)} is set twice in [${current.name}] (also line ${previous.lines[0]}); the AWS CLI refuses the file. Keep one of them (Rolecall reads the later one).`,
      })
    }
    if (previous) current.keys.delete(key) // the later value wins, in the later position
    currentKey = { name: key, parts: [pyStrip(value.slice(delimiter + 1))], lines: [lineNo] }
    current.keys.set(key, currentKey)
  }

  const raw: RawIni = { sections, byName, defaults, diagnostics, lineCount: lines.length }
  // configparser raises on [DEFAULT]'s bad sub-sections only when copying them into a section.
  if (defaults) joinValues(defaults, diagnostics, sections.length > 0)
  for (const section of sections) joinValues(section, diagnostics, true)
  return raw
}

function firstDelimiter(value: string): number {
  const equals = value.indexOf('=')
  const colon = value.indexOf(':')
  if (equals < 0) return colon
  if (colon < 0) return equals
  return Math.min(equals, colon)
}

/** configparser's '\n'.join(parts).rstrip(), then botocore's _parse_nested when it starts with a newline. */
function joinValues(section: RawSection, diagnostics: ConfigDiagnostic[], report: boolean): void {
  for (const [name, key] of section.keys) {
    let last = key.parts.length - 1
    while (last >= 0 && key.parts[last] === '') last--
    if (last <= 0) {
      section.values.set(name, last === 0 ? (key.parts[0] as string) : '')
    } else if (key.parts[0] === '') {
      section.values.set(name, parseNested(key, last, section.name, report ? diagnostics : undefined))
    } else {
      section.values.set(name, key.parts.slice(0, last + 1).join('\n'))
    }
  }
}

function parseNested(
  key: RawKey,
  last: number,
  sectionName: string,
  diagnostics: ConfigDiagnostic[] | undefined,
): Record<string, string> {
  const nested: Record<string, string> = {}
  for (let i = 1; i <= last; i++) {
    for (const piece of pySplitLines(key.parts[i] as string)) {
      const line = pyStrip(piece)
      if (line === '') continue
      const equals = line.indexOf('=')
      if (equals < 0) {
        diagnostics?.push({
          line: key.lines[i] as number,
          severity: 'error',
          message: `Line ${key.lines[i]} is inside the ${describeKey(key.name)} sub-section of [${sectionName}] but has no "="; the AWS CLI refuses the file. Write it as name = value.`,
        })
        continue
      }
      setOwn(nested, pyStrip(line.slice(0, equals)), pyStrip(line.slice(equals + 1)))
    }
  }
  return nested
}

/** Sets an own property even for "__proto__" (plain assignment would change the prototype instead). */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true })
  } else {
    target[key] = value
  }
}

/** Reads an own property only (a key like "constructor" must not find Object.prototype's). */
export function getOwn<T>(source: Record<string, T> | undefined, key: string): T | undefined {
  return source !== undefined && Object.hasOwn(source, key) ? source[key] : undefined
}
