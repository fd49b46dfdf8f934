// A string-keyed table for profile and section names, backed by a null-prototype object instead of a Map.
// Object keys are interned strings: once a name has been used as a key (config.profiles has the same names),
// a lookup with a name from Object.keys() compares pointers, where a Map compares the characters of its
// keys, which are slices of the pasted text spread over memory. resolveProfile looks a name up for every
// profile and every source of a 10,000-profile config.
export class NameTable<T> {
  private readonly table: Record<string, T> = Object.create(null) as Record<string, T>

  get(name: string): T | undefined {
    return this.table[name]
  }

  /** Sets the entry (a null-prototype object makes "__proto__" an ordinary key). */
  set(name: string, value: T): void {
    this.table[name] = value
  }

  /** The entries, in the order their names were first set (names that are array indexes aside). */
  entries(): [string, T][] {
    return Object.keys(this.table).map((name) => [name, this.table[name] as T])
  }
}
