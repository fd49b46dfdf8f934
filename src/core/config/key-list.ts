// The keys of one section, chained through RawKey.next. A large config has 10,000 sections of a handful of
// keys each; a chain costs no object at all, where an array per section cost two (and room for 17 keys),
// all of it kept alive for the garbage collector to copy. Past 16 keys a Map index takes over lookups, so a
// pathological section with thousands of keys stays linear.
import type { RawKey } from './raw-section'

const INDEX_FROM = 16

export class KeyList {
  /** The first key in file order (then `next`); iterate with `for (let k = list.first; k; k = k.next)`. */
  first: RawKey | undefined = undefined
  private last: RawKey | undefined = undefined
  private count = 0
  private index: Map<string, RawKey> | undefined = undefined

  get(name: string): RawKey | undefined {
    if (this.index) return this.index.get(name)
    for (let key = this.first; key; key = key.next) if (key.name === name) return key
    return undefined
  }

  has(name: string): boolean {
    return this.get(name) !== undefined
  }

  /** Adds a key at the end; a key with the same name must have been deleted first. */
  add(key: RawKey): void {
    key.next = undefined
    if (this.last) this.last.next = key
    else this.first = key
    this.last = key
    this.count++
    if (this.index) this.index.set(key.name, key)
    else if (this.count > INDEX_FROM) this.index = new Map(this.values().map((k) => [k.name, k]))
  }

  delete(name: string): void {
    let previous: RawKey | undefined
    for (let key = this.first; key; previous = key, key = key.next) {
      if (key.name !== name) continue
      if (previous) previous.next = key.next
      else this.first = key.next
      if (this.last === key) this.last = previous
      key.next = undefined
      this.count--
      this.index?.delete(name)
      return
    }
  }

  /** The keys in file order, as a new array. */
  values(): RawKey[] {
    const out: RawKey[] = []
    for (let key = this.first; key; key = key.next) out.push(key)
    return out
  }
}
