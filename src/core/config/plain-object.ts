// Objects that are plain objects in every way a caller can check (prototype Object.prototype, constructor
// Object, equal to a literal under any deep-equality test), made by a constructor so the engine sizes them for
// the properties they get. A 10,000-profile config makes tens of thousands of these, all kept alive together.
//
// V8 sizes a constructor's objects by the first few it makes ("in-object slack tracking"): properties past
// that size go into a second allocation. A config's first objects are small ([default] has two keys), so
// each kind of object gets its own constructor, first used on a few objects of the size that kind should have.

/** The number of objects V8 looks at before it fixes the size (kSlackTrackingCounterStart, with one to spare). */
const SIZED_BY_FIRST = 8

/** A maker of new empty plain objects with room for `properties` properties in the object itself. */
export function plainObjectMaker<T extends object>(properties: number): () => T {
  function PlainObject(): void {}
  PlainObject.prototype = Object.prototype
  const make = (): T => new (PlainObject as unknown as new () => T)()
  for (let i = 0; i < SIZED_BY_FIRST; i++) {
    const sample = make() as Record<string, number>
    for (let p = 0; p < properties; p++) sample[`p${p}`] = p
  }
  return make
}
