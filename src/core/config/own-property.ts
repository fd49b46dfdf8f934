// Own properties of the plain objects a config parses into, whatever the key: a config may name a profile or
// a key "__proto__" or "constructor", which must stay plain data.

/** Sets an own property even for "__proto__" (plain assignment would change the prototype instead). */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true })
  } else {
    target[key] = value
  }
}

/** Reads an own property only (a key like "constructor" must not find Object.prototype's). */
export function getOwn<T>(source: Record<string, T> | undefined, key: string): T | undefined {
  return source !== undefined && Object.hasOwn(source, key) ? source[key] : undefined
}
