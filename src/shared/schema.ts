// One declaration, two uses: a message's request type (Infer) and the check the router runs on a request before
// its handler sees it. A page's message is data like any other: a field of the wrong type, a text past its cap
// or a missing field is refused with a bad-request error that names the field and what it should be.
// Hand-written rather than a library (zod, valibot): the protocol needs six kinds of field, and the refusals
// are sentences in Rolecall's words that the hostile-message tests hold to.
import { RolecallFailure } from './protocol'

export interface Schema<T> {
  /** The value, checked; an object comes back as a new object holding only its declared fields. */
  check(value: unknown, field: string): T
  readonly optional?: true
}

export interface OptionalSchema<T> extends Schema<T | undefined> {
  readonly optional: true
}

export type Infer<S> = S extends Schema<infer T> ? T : never

type Fields = Record<string, Schema<unknown>>
type Simplify<T> = { [K in keyof T]: T[K] } & {}
type ObjectOf<F extends Fields> = Simplify<
  { [K in keyof F as F[K] extends OptionalSchema<unknown> ? never : K]: Infer<F[K]> } & {
    [K in keyof F as F[K] extends OptionalSchema<unknown> ? K : never]?: Infer<F[K]>
  }
>

function refuse(message: string): never {
  throw new RolecallFailure('bad-request', message)
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const objectExpected = (field: string) => (field ? `"${field}" must be an object.` : 'The request must be an object.')

export function text(max: number): Schema<string> {
  return {
    check(value, field) {
      if (typeof value !== 'string') refuse(`The request needs "${field}" as text.`)
      if (value.length > max) refuse(`"${field}" is longer than ${max} characters.`)
      return value
    },
  }
}

/** `expects` replaces "a whole number from min to max" where the range says less than the field's meaning. */
export function int(min: number, max: number, expects = `a whole number from ${min} to ${max}`): Schema<number> {
  return {
    check(value, field) {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
        refuse(`"${field}" must be ${expects}.`)
      return value
    },
  }
}

export function bool(): Schema<boolean> {
  return {
    check(value, field) {
      if (typeof value !== 'boolean') refuse(`"${field}" must be true or false.`)
      return value
    },
  }
}

/** Absent and undefined are the same: the field may be left out. */
export function optional<T>(schema: Schema<T>): OptionalSchema<T> {
  return { optional: true, check: (value, field) => (value === undefined ? undefined : schema.check(value, field)) }
}

/**
 * Fields are read as own properties only (a field under "__proto__" or an inherited one does not count); fields
 * not declared are left out of the checked value, so a handler never reads anything this did not check.
 */
export function object<F extends Fields>(fields: F): Schema<ObjectOf<F>> {
  return {
    check(value, field) {
      if (!isObject(value)) refuse(objectExpected(field))
      const checked: Record<string, unknown> = {}
      for (const [key, schema] of Object.entries(fields)) {
        const got = schema.check(Object.hasOwn(value, key) ? value[key] : undefined, field ? `${field}.${key}` : key)
        if (got !== undefined) checked[key] = got
      }
      return checked as ObjectOf<F>
    },
  }
}

/** A request that carries nothing. */
export const empty = (): Schema<Record<string, never>> => object({}) as Schema<Record<string, never>>

/**
 * An object whose fields the code that uses it checks against its own rules (settings: each name and range),
 * which also refuses names it does not know. Only its being an object is checked here; T is what it should hold.
 */
export function checkedLater<T extends object>(): Schema<T> {
  return {
    check(value, field) {
      if (!isObject(value)) refuse(objectExpected(field))
      return value as T
    },
  }
}

// A message declaration: its request's schema and its response's type. Only the background imports these files
// for their code (the router checks requests); pages import them for types only.

declare const responseType: unique symbol

/** A message's response type: a type only, since the background writes every reply itself. */
export interface Returns<T> {
  readonly [responseType]?: T
}

export const returns = <T>(): Returns<T> => ({})

export type MessageDeclarations = Record<string, { request: Schema<unknown>; response: Returns<unknown> }>

/** A domain's declarations as types: each name's request and response. */
export type MessageTypes<D extends MessageDeclarations> = {
  [N in keyof D]: { request: Infer<D[N]['request']>; response: D[N]['response'] extends Returns<infer T> ? T : never }
}
