// A string-keyed table for section names ([sso-session] and [services]; profiles have profile-table.ts), backed
// by a null-prototype object instead of a Map. Object keys are interned strings: once a name has been used as a
// key (config.ssoSessions has the same names), a lookup with a name from Object.keys() compares pointers, where
// a Map compares the characters of its keys, which are slices of the pasted text spread over memory.
export class NameTable<T> {
  private readonly table: Record<string, T> = Object.create(null) as Record<string, T>

  get(name: string): T | undefined {
    return this.table[name]
  }

  /** Sets the entry (a null-prototype object makes "__proto__" an ordinary key). */
  set(name: string, value: T): void {
    this.table[name] = value
  }
}
