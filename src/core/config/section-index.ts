// Sections by header and profile sections by botocore's name, in one index that hashes each name once. A large
// config is thousands of `[profile <name>]` headers: those are found by their name alone, in the table of
// profiles that parse.ts returns as config.profiles, and only other headers go into a Map by header. The
// header is classified (section-names.ts) as the scan meets it.
import { ProfileTable } from './profile-table'
import type { RawSection } from './raw-section'
import { classifyInto } from './section-names'

/** Bits in SectionIndex.namesSeen: for 10,000 names about one in a hundred is looked up for nothing. */
const NAME_BITS = 1 << 20

/** A hash of text[start, end) in [0, NAME_BITS): the same for a name wherever it is cut from. */
export function nameHash(text: string, start: number, end: number): number {
  let hash = 0
  for (let i = start; i < end; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0
  return (hash ^ (hash >>> 20)) & (NAME_BITS - 1)
}

export class SectionIndex {
  /**
   * botocore's profile name → the section that defines it (a later section with the name replaces an earlier
   * one). Its `values` record is config.profiles itself when there is no [DEFAULT].
   */
  readonly profiles = new ProfileTable()
  /** Some profile name is defined by more than one section. */
  profileRedefined = false
  /** Every other section by header: not exact profiles, and exact ones a later section replaced in `profiles`. */
  private readonly others = new Map<string, RawSection>()
  /** classify() → add(): what `profiles` held for the name. */
  private holder: RawSection | undefined = undefined
  /**
   * A bit per nameHash() of the profile names added so far. Looking up a name cut from the text, before any
   * table holds it, is the costly kind of lookup (a new string has to be found among all known ones); a name
   * whose bit is clear is certainly new, so most headers need none.
   */
  private readonly namesSeen = new Int32Array(NAME_BITS >> 5)

  /**
   * Classifies a new section; returns the section with the same header met before, if any. `hash` is
   * nameHash() of an exact `[profile <name>]` section's name (ini-raw.ts computes it while checking the header).
   */
  classify(section: RawSection, hash = -1): RawSection | undefined {
    // RawSection.forExactProfile's sections come classified: ini-raw.ts read the header in place.
    if (!section.exactProfile) {
      classifyInto(section)
      if (section.kind !== 'profile') return this.others.get(section.name)
      const name = section.botoName
      const header = section.name
      // shlex only ever removes characters, so the same length means "profile " + the name, exactly.
      section.exactProfile =
        header.length === name.length + 8 && header.charCodeAt(7) === 0x20 && header.startsWith('profile')
    }
    if (hash < 0) hash = nameHash(section.botoName, 0, section.botoName.length)
    const word = hash >> 5
    const bit = 1 << (hash & 31)
    if (((this.namesSeen[word] as number) & bit) === 0) {
      this.namesSeen[word] = (this.namesSeen[word] as number) | bit
      this.holder = undefined
      return section.exactProfile ? undefined : this.others.get(section.name)
    }
    const found = (this.holder = this.profiles.get(section.botoName))
    if (!section.exactProfile) return this.others.get(section.name)
    return found?.exactProfile ? found : this.others.get(section.name)
  }

  /** Adds the section classify() was just given and found new. */
  add(section: RawSection): void {
    if (section.kind !== 'profile') {
      this.others.set(section.name, section)
      return
    }
    const replaced = this.holder
    this.holder = undefined
    if (replaced !== undefined) {
      this.profileRedefined = true
      if (replaced.exactProfile) this.others.set(replaced.name, replaced)
    }
    this.profiles.set(section.botoName, section)
    if (!section.exactProfile) this.others.set(section.name, section)
  }

  /** The section with this header, if any. */
  named(header: string): RawSection | undefined {
    if (header.startsWith('profile ')) {
      const found = this.profiles.get(header.slice(8))
      if (found?.exactProfile && found.name === header) return found
    }
    return this.others.get(header)
  }
}
