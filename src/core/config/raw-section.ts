// A parsed INI section (ini-raw.ts builds them). Its keys live in one plain object, `values`, which is also the
// profile botocore's build_profile_map returns (when there is no [DEFAULT]): a large config's parse stays
// alive as a whole for the garbage collector to copy, and an object per key (with its line, its field and a
// link to the next) was most of it. What resolution needs per key is one bit per field (`fieldMask`); key
// lines are worked out from the header line, since keys almost always follow it one per line.
import type { IniValue } from './ini-raw'
import { newPlainObject } from './plain-object'
import type { SectionClass, SectionKind } from './section-names'

/** One key of a section, as the non-hot readers (redaction, credentials, tests) list them. */
export interface RawKey {
  name: string
  /** Line of the key. */
  line: number
  /** The value as botocore reads it: joined continuation lines, or a parsed sub-section. */
  raw: IniValue
}

/** Section flags, one bit each (a section object per 10,000-section config: one number, not several fields). */
const DOTTED = 1
const EXACT_PROFILE = 2
const HAS_COLOR = 4

/** Object.keys() lists array-index names first, out of file order: such a key needs the line table. */
function isIndexLike(name: string): boolean {
  const first = name.charCodeAt(0)
  return first >= 0x30 && first <= 0x39
}

export class RawSection {
  /** Last line of the first occurrence. */
  end: number
  /** Later occurrences of a repeated section, flat: header line, last line, header line, ... */
  repeats: number[] | undefined = undefined
  private flags: number
  /**
   * botocore's reading of the name (parse.ts fills these in, see section-names.ts classifySection): the kind,
   * or 'other' (ignored), or undefined (dropped: e.g. `[profile a b]`), and the name under that kind.
   */
  kind: SectionKind | 'other' | undefined = undefined
  botoName = ''
  /** resolve.ts caches the resolution of the profile in this section here (saves a lookup by name). */
  resolution: unknown = undefined
  /** resolve.ts caches the profile in this section here when resolveProfile reads it as a source. */
  sourceView: unknown = undefined
  /** section-view.ts caches the aws-vault reading of the keys here, for resolutions that keep details. */
  hits: unknown = undefined
  /**
   * The section's own keys (not [DEFAULT]'s) and botocore's values, in file order (a key set again moves to
   * the end, as configparser's dict keeps it). A plain object: parse.ts hands it out as the profile.
   */
  readonly values: Record<string, IniValue> = newPlainObject()
  /** Bit per resolution-keys.ts field number among the own keys: resolution reads only these keys. */
  fieldMask = 0
  /**
   * The fieldMask bits whose value aws-vault may read differently from botocore (a "#", ";", quote or
   * backtick in it, or continuation lines); any other value aws-vault reads exactly as it is.
   */
  specialMask = 0
  /** While the keys sit one per line right after the header: how many. */
  private consecutive = 0
  /** Otherwise: each key's line. */
  private lineTable: Record<string, number> | undefined = undefined

  constructor(
    readonly name: string,
    /** Line of the (first) header. */
    readonly line: number,
  ) {
    this.end = line
    this.flags = name.includes('.') ? DOTTED : 0
  }

  /** The value of an own key, or undefined. */
  get(name: string): IniValue | undefined {
    const value = this.values[name]
    return value !== undefined && Object.hasOwn(this.values, name) ? value : undefined
  }

  has(name: string): boolean {
    return this.get(name) !== undefined
  }

  /** The line of an own key, or undefined. */
  lineOf(name: string): number | undefined {
    if (this.lineTable !== undefined) return this.lineTable[name]
    if (!this.has(name)) return undefined
    return this.line + 1 + Object.keys(this.values).indexOf(name)
  }

  /** The line of the key at `index` in Object.keys(values), without looking for it there. */
  lineAt(name: string, index: number): number {
    return this.lineTable !== undefined ? (this.lineTable[name] as number) : this.line + 1 + index
  }

  /**
   * Whether the key set on `line` is still the section's (not replaced by a later line): only a replaced key
   * makes the line table.
   */
  isCurrentKey(name: string, line: number): boolean {
    return this.lineTable === undefined || this.lineTable[name] === line
  }

  /** The own keys in file order, as new objects. */
  keyList(): RawKey[] {
    return Object.keys(this.values).map((name, index) => ({ name, line: this.lineAt(name, index), raw: this.values[name] as IniValue }))
  }

  /**
   * ini-raw.ts: sets an own key (any earlier one with the name must be removed first, with removeKey) and
   * records its line and field.
   */
  setKey(name: string, raw: IniValue, line: number, field: number, special: boolean): void {
    if (this.lineTable !== undefined) this.lineTable[name] = line
    else if (line === this.line + 1 + this.consecutive && !isIndexLike(name)) this.consecutive++
    else (this.tableOfLines())[name] = line
    if (name === '__proto__') Object.defineProperty(this.values, name, { value: raw, writable: true, enumerable: true, configurable: true })
    else this.values[name] = raw
    if (field !== 0) this.markField(field, special)
    if (name === 'color') this.flags |= HAS_COLOR
  }

  /** ini-raw.ts: a key set again; the later one is added with setKey, at the end. */
  removeKey(name: string): void {
    this.tableOfLines()
    delete this.values[name]
  }

  /** ini-raw.ts: a key's value once its continuation lines are joined (such a value is special). */
  replaceValue(name: string, raw: IniValue, field: number): void {
    if (name === '__proto__') Object.defineProperty(this.values, name, { value: raw, writable: true, enumerable: true, configurable: true })
    else this.values[name] = raw
    if (field !== 0) this.markField(field, true)
  }

  private markField(field: number, special: boolean): void {
    const bit = 1 << field
    this.fieldMask |= bit
    this.specialMask = special ? this.specialMask | bit : this.specialMask & ~bit
  }

  private tableOfLines(): Record<string, number> {
    if (this.lineTable === undefined) {
      const table = Object.create(null) as Record<string, number>
      let line = this.line + 1
      for (const name of Object.keys(this.values)) table[name] = line++
      this.lineTable = table
    }
    return this.lineTable
  }

  /** The name has a "." (go-ini's child sections: section-view.ts looks up [profile a] for [profile a.b]). */
  get dotted(): boolean {
    return (this.flags & DOTTED) !== 0
  }

  /** The section sets `color` itself. */
  get hasColor(): boolean {
    return (this.flags & HAS_COLOR) !== 0
  }

  /** parse.ts: the header is exactly [profile <botocore's name>], so aws-vault reads the same name. */
  get exactProfile(): boolean {
    return (this.flags & EXACT_PROFILE) !== 0
  }

  set exactProfile(value: boolean) {
    this.flags = value ? this.flags | EXACT_PROFILE : this.flags & ~EXACT_PROFILE
  }

  /** botocore's classification as one value (undefined: dropped). */
  get sectionClass(): SectionClass {
    const kind = this.kind
    return kind === undefined ? undefined : kind === 'other' ? { kind } : { kind, name: this.botoName }
  }

  /** Lines covered by each occurrence of this section, flat: header line, last line, header line, ... */
  get ranges(): number[] {
    return this.repeats ? [this.line, this.end, ...this.repeats] : [this.line, this.end]
  }
}
