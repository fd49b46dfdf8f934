// A parsed INI section (ini-raw.ts builds them). Its keys live in one plain object, `values`, which is also the
// profile botocore's build_profile_map returns (when there is no [DEFAULT]): a large config's parse stays
// alive as a whole for the garbage collector to copy, and an object per key (with its line, its field and a
// link to the next) was most of it. What resolution needs per key is one bit per field (`fieldMask`); key
// lines are worked out from the header line, since keys almost always follow it one per line.
import type { IniValue } from './ini-raw'
import { setOwn } from './own-property'
import { plainObjectMaker } from './plain-object'
import { vaultValue } from './vault-value'
import { linkSection } from './profile-table'
import type { SectionClass, SectionKind } from './section-names'

/** Section flags, one bit each (a section object per 10,000-section config: one number, not several fields). */
const DOTTED = 1
const EXACT_PROFILE = 2
const HAS_COLOR = 4
/** botocore's kind, in three bits: 0 dropped (undefined), then KINDS[n]. */
const KIND_SHIFT = 3
const KIND_BITS = 7 << KIND_SHIFT
const KINDS: readonly (SectionKind | 'other' | undefined)[] = [undefined, 'profile', 'sso-session', 'services', 'other']

/** A profile section usually has two to six keys, and its values object the link to it (profile-table.ts). */
const newSectionValues = plainObjectMaker<Record<string, IniValue>>(7)

/** Object.keys() lists array-index names first, out of file order: such a key needs the line table. */
function isIndexLike(name: string): boolean {
  const first = name.charCodeAt(0)
  return first >= 0x30 && first <= 0x39
}

/** What resolution keeps on a section it has read (see the getters of the same names); few sections get one. */
interface SectionCache {
  resolution: unknown
  sourceView: unknown
  hits: unknown
}

/** What few sections need: later occurrences, and a table of key lines. */
interface SectionRarities {
  repeats: number[] | undefined
  lineTable: Record<string, number> | undefined
}

/**
 * One object per section of a 10,000-section config, all kept alive together: what few sections need
 * lives in objects of its own (cache, rare), and an exact `[profile <name>]` keeps no header text.
 */
export class RawSection {
  /** Last line of the first occurrence. */
  end: number
  private flags: number
  /** botocore's name for the section under its kind (see `kind`); '' when dropped or 'other'. */
  botoName: string
  /**
   * The section's own keys (not [DEFAULT]'s) and botocore's values, in file order (a key set again moves to
   * the end, as configparser's dict keeps it). A plain object: parse.ts hands it out as the profile.
   */
  readonly values: Record<string, IniValue> = newSectionValues()
  /** Bit per resolution-keys.ts field number among the own keys: resolution reads only these keys. */
  fieldMask = 0
  /**
   * The fieldMask bits whose value aws-vault may read differently from botocore (a "#", ";", quote or
   * backtick in it, or continuation lines); any other value aws-vault reads exactly as it is.
   */
  specialMask = 0
  /** While the keys sit one per line right after the header: how many. */
  private consecutive = 0
  private cache: SectionCache | undefined = undefined
  private rare: SectionRarities | undefined = undefined

  constructor(
    /** The text between the brackets; undefined for an exact `[profile <botoName>]` (see forExactProfile). */
    private readonly header: string | undefined,
    /** Line of the (first) header. */
    readonly line: number,
    botoName = '',
  ) {
    this.end = line
    this.botoName = botoName
    linkSection(this.values, this)
    this.flags =
      header === undefined
        ? EXACT_PROFILE | (1 << KIND_SHIFT) | (botoName.includes('.') ? DOTTED : 0)
        : header.includes('.')
          ? DOTTED
          : 0
  }

  /** A `[profile <name>]` section whose name botocore and aws-vault read as it is (ini-raw.ts checks that). */
  static forExactProfile(name: string, line: number): RawSection {
    return new RawSection(undefined, line, name)
  }

  /** The text between the brackets. */
  get name(): string {
    return this.header ?? `profile ${this.botoName}`
  }

  /**
   * botocore's reading of the name (section-index.ts fills it in, see section-names.ts classifySection): the
   * kind, or 'other' (ignored), or undefined (dropped: e.g. `[profile a b]`).
   */
  get kind(): SectionKind | 'other' | undefined {
    return KINDS[(this.flags & KIND_BITS) >> KIND_SHIFT]
  }

  set kind(kind: SectionKind | 'other' | undefined) {
    this.flags = (this.flags & ~KIND_BITS) | (KINDS.indexOf(kind) << KIND_SHIFT)
  }

  /** source-chain.ts keeps what resolveDetailed's source chain from this profile comes to here (saves a lookup by name). */
  get resolution(): unknown {
    return this.cache?.resolution
  }

  set resolution(value: unknown) {
    this.cached().resolution = value
  }

  /** The same for resolveProfile's source chains (frozen profiles). */
  get sourceView(): unknown {
    return this.cache?.sourceView
  }

  set sourceView(value: unknown) {
    this.cached().sourceView = value
  }

  /** section-view.ts caches the aws-vault reading of the keys here, for resolutions that keep details. */
  get hits(): unknown {
    return this.cache?.hits
  }

  set hits(value: unknown) {
    this.cached().hits = value
  }

  private cached(): SectionCache {
    return (this.cache ??= { resolution: undefined, sourceView: undefined, hits: undefined })
  }

  /** Later occurrences of a repeated section, flat: header line, last line, header line, ... */
  get repeats(): number[] | undefined {
    return this.rare?.repeats
  }

  set repeats(value: number[] | undefined) {
    this.rarities().repeats = value
  }

  /** Each key's line, once keys no longer sit one per line right after the header. */
  private get lineTable(): Record<string, number> | undefined {
    return this.rare?.lineTable
  }

  private rarities(): SectionRarities {
    return (this.rare ??= { repeats: undefined, lineTable: undefined })
  }

  /** The value of an own key, or undefined. */
  get(name: string): IniValue | undefined {
    const value = this.values[name]
    return value !== undefined && Object.hasOwn(this.values, name) ? value : undefined
  }

  has(name: string): boolean {
    return this.get(name) !== undefined
  }

  /** has(name) for a key whose resolution-keys.ts field number is `field`: a resolution key is a fieldMask bit. */
  hasKey(name: string, field: number): boolean {
    return field !== 0 ? (this.fieldMask & (1 << field)) !== 0 : this.has(name)
  }

  /**
   * A resolution field's value, `raw` (its fieldMask bit is set), as aws-vault reads it: as it is, unless the
   * scan marked it (specialMask), when go-ini's reading decides.
   */
  vaultReading(field: number, raw: IniValue | undefined): string {
    return (this.specialMask & (1 << field)) === 0 ? (raw as string) : vaultValue(raw)
  }

  /** The line of an own key, or undefined. */
  lineOf(name: string): number | undefined {
    const lineTable = this.lineTable
    if (lineTable !== undefined) return lineTable[name]
    if (!this.has(name)) return undefined
    return this.line + 1 + Object.keys(this.values).indexOf(name)
  }

  /** The line of the key at `index` in Object.keys(values), without looking for it there. */
  lineAt(name: string, index: number): number {
    const lineTable = this.lineTable
    return lineTable !== undefined ? (lineTable[name] as number) : this.line + 1 + index
  }

  /**
   * Whether the key set on `line` is still the section's (not replaced by a later line). Replacing a key makes
   * the line table, so without one every key set is still there.
   */
  isCurrentKey(name: string, line: number): boolean {
    const lineTable = this.lineTable
    return lineTable === undefined || lineTable[name] === line
  }

  /**
   * ini-raw.ts: sets an own key (any earlier one with the name must be removed first, with removeKey) and
   * records its line and field.
   */
  setKey(name: string, raw: IniValue, line: number, field: number, special: boolean): void {
    const lineTable = this.lineTable
    if (lineTable !== undefined) lineTable[name] = line
    else if (line === this.line + 1 + this.consecutive && !isIndexLike(name)) this.consecutive++
    else this.tableOfLines()[name] = line
    setOwn(this.values, name, raw)
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
    setOwn(this.values, name, raw)
    if (field !== 0) this.markField(field, true)
  }

  private markField(field: number, special: boolean): void {
    const bit = 1 << field
    this.fieldMask |= bit
    this.specialMask = special ? this.specialMask | bit : this.specialMask & ~bit
  }

  private tableOfLines(): Record<string, number> {
    const rare = this.rarities()
    if (rare.lineTable === undefined) {
      const table = Object.create(null) as Record<string, number>
      let line = this.line + 1
      for (const name of Object.keys(this.values)) table[name] = line++
      rare.lineTable = table
    }
    return rare.lineTable
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
