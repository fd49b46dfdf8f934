// A parsed INI section and its keys (ini-raw.ts builds them). The section lists its own keys itself, chained
// through RawKey.next (key-list.ts): one object per section and one per key, nothing more, since a large
// config's parse stays alive as a whole for the garbage collector to copy.
import type { IniValue } from './ini-raw'
import { KeyList } from './key-list'
import type { SectionClass, SectionKind } from './section-names'

export interface RawKey {
  name: string
  /** Line of the key. */
  line: number
  /** The value as botocore reads it: joined continuation lines, or a parsed sub-section. */
  raw: IniValue
  /** The value as aws-vault reads it and the profile it belongs to, filled in once by section-view.ts. */
  value: string | undefined
  from: string | undefined
  /** resolution-keys.ts field number of the name (0: none). */
  field: number
  /** The section's next key (key-list.ts). */
  next: RawKey | undefined
}

/** Section flags, one bit each (a section object per 10,000-section config: one number, not three fields). */
const DOTTED = 1
const READ = 2
const EXACT_PROFILE = 4

/**
 * A section, which lists its own keys (not [DEFAULT]'s) itself: `section.keys` is the section. One object
 * per section, where a separate list, a lines array and a classification made four (10,000 sections in a
 * large config, all kept alive for the garbage collector to copy).
 */
export class RawSection extends KeyList {
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

  constructor(
    readonly name: string,
    /** Line of the (first) header. */
    readonly line: number,
  ) {
    super()
    this.end = line
    this.flags = name.includes('.') ? DOTTED : 0
  }

  /** The name has a "." (go-ini's child sections: section-view.ts looks up [profile a] for [profile a.b]). */
  get dotted(): boolean {
    return (this.flags & DOTTED) !== 0
  }

  /** Set once section-view.ts has filled in the aws-vault reading of every key resolution reads. */
  get read(): boolean {
    return (this.flags & READ) !== 0
  }

  set read(value: boolean) {
    this.flags = value ? this.flags | READ : this.flags & ~READ
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

  /** The section's own keys (not [DEFAULT]'s), in file order. */
  get keys(): KeyList {
    return this
  }

  /** Lines covered by each occurrence of this section, flat: header line, last line, header line, ... */
  get ranges(): number[] {
    return this.repeats ? [this.line, this.end, ...this.repeats] : [this.line, this.end]
  }
}
