// Objects that are plain objects in every way a caller can check (prototype Object.prototype, constructor
// Object, equal to a literal under any deep-equality test), made by a constructor so the engine sizes them for
// the properties they get: `{}` holds only four properties in the object itself, and a role profile's six to
// nine would spill into a second allocation. A 10,000-profile config makes tens of thousands of these.

function PlainObject(): void {}
PlainObject.prototype = Object.prototype

/** A new empty plain object, to be filled by the caller. */
export function newPlainObject<T extends object>(): T {
  return new (PlainObject as unknown as new () => T)()
}
