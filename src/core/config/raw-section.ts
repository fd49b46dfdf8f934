// A parsed INI section and its keys (ini-raw.ts builds them). The section lists its own keys itself, chained
// through RawKey.next (key-list.ts): one object per section and one per key, nothing more, since a large
// config's parse stays alive as a whole for the garbage collector to copy.
import type { IniValue } from './ini-raw'
import { KeyList } from './key-list'

export interface RawKey {
  name: string
  /** Line of the key. */
  line: number
  /** The value as botocore reads it: joined continuation lines, or a parsed sub-section. */
  raw: IniValue
  /** Continuation lines (stripped; '' for a blank line inside the value) and their line numbers. */
  more: { parts: string[]; lines: number[] } | undefined
  /** The value as aws-vault reads it and the profile it belongs to, filled in once by section-view.ts. */
  value: string | undefined
  from: string | undefined
  /** resolution-keys.ts field number of the name (0: none). */
  field: number
  /** The section's next key (key-list.ts). */
  next: RawKey | undefined
}

/**
 * A section, which lists its own keys (not [DEFAULT]'s) itself: `section.keys` is the section. One object
 * per section, where a separate list and a lines array made three (10,000 sections in a large config).
 */
export class RawSection extends KeyList {
  /** Last line of the first occurrence. */
  end: number
  /** Later occurrences of a repeated section, flat: header line, last line, header line, ... */
  repeats: number[] | undefined = undefined
  /** The name has a "." (go-ini's child sections: section-view.ts looks up [profile a] for [profile a.b]). */
  readonly dotted: boolean
  /** Set once section-view.ts has filled in the aws-vault reading of every key resolution reads. */
  read = false
  /** parse.ts: the header is exactly [profile <botocore's name>], so aws-vault reads the same name. */
  exactProfile = false
  /** resolve.ts caches the resolution of the profile in this section here (saves a lookup by name). */
  resolution: unknown = undefined

  constructor(
    readonly name: string,
    /** Line of the (first) header. */
    readonly line: number,
  ) {
    super()
    this.end = line
    this.dotted = name.includes('.')
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
