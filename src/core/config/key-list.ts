// The keys of one section. Sections hold a handful of keys, so a small array scanned in place is far
// lighter than a Map per section (10,000 of them in a large config); past 16 keys an index takes over,
// so a pathological section with thousands of keys stays linear.
import type { RawKey } from './ini-raw'

const INDEX_FROM = 16

export class KeyList {
  private items: RawKey[] = []
  private index: Map<string, RawKey> | undefined

  get size(): number {
    return this.items.length
  }

  get(name: string): RawKey | undefined {
    if (this.index) return this.index.get(name)
    for (const key of this.items) if (key.name === name) return key
    return undefined
  }

  has(name: string): boolean {
    return this.get(name) !== undefined
  }

  /** Adds a key; a key with the same name must have been deleted first. */
  add(key: RawKey): void {
    this.items.push(key)
    if (this.index) this.index.set(key.name, key)
    else if (this.items.length > INDEX_FROM) this.index = new Map(this.items.map((k) => [k.name, k]))
  }

  delete(name: string): void {
    const at = this.items.findIndex((k) => k.name === name)
    if (at >= 0) this.items.splice(at, 1)
    this.index?.delete(name)
  }

  /**
   * Called when the parser leaves the section: swaps the array for an exact-size copy. A growing array
   * reserves room for 17 keys after the first push; 10,000 sections keeping that spare room alive is
   * megabytes the garbage collector has to copy, while the discarded array dies young and costs nothing.
   */
  compact(): void {
    this.items = this.items.slice()
  }

  /** The keys in file order (the live array: do not modify). */
  values(): readonly RawKey[] {
    return this.items
  }
}
