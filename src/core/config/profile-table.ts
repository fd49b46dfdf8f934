// botocore's profiles by name, kept once: the object parseAwsConfig returns as `profiles` (when there is no
// [DEFAULT]) is the table the parse and resolution look sections up in. Each profile object carries a private
// link to its section, which no caller can see: Object.keys, JSON, structuredClone and deep-equality tests
// ignore private fields. A second table of 10,000 names beside the public one cost about 0.7 ms per parse, and
// its 0.8 MB of short-lived memory made more runs of a large parse meet a garbage collection.
import type { IniValue } from './ini-raw'
import { setOwn } from './own-property'
import type { RawSection } from './raw-section'

type ProfileValues = Record<string, IniValue>

/** A base class whose constructor returns the object it is given: a subclass's private field lands on that object. */
class Adopt {
  constructor(target: object) {
    return target as Adopt
  }
}

/** The private field that links a profile object to its section. */
class SectionLink extends Adopt {
  #section: RawSection

  private constructor(target: object, section: RawSection) {
    super(target)
    this.#section = section
  }

  static attach(target: object, section: RawSection): void {
    new SectionLink(target, section)
  }

  static of(value: unknown): RawSection | undefined {
    return typeof value === 'object' && value !== null && #section in value
      ? (value as SectionLink).#section
      : undefined
  }
}

/** Links a section's new `values` object (RawSection's constructor) to the section. */
export const linkSection: (values: object, section: RawSection) => void = SectionLink.attach

export class ProfileTable {
  /** Name → the winning section's values, in the order names first appear (a later section replaces an earlier one). */
  readonly values: Record<string, ProfileValues> = {}

  /** The section of the profile with this name; an inherited property ("constructor") has no link, so it is none. */
  get(name: string): RawSection | undefined {
    return SectionLink.of(this.values[name])
  }

  /** Sets the profile to the section's own values, which RawSection linked to it when it made them. */
  set(name: string, section: RawSection): void {
    setOwn(this.values, name, section.values)
  }

  /** The entries, in the order their names were first set (names that are array indexes aside). */
  entries(): [string, RawSection][] {
    return Object.keys(this.values).map((name) => [name, SectionLink.of(this.values[name]) as RawSection])
  }
}
