// Malformed and hostile protocol messages, described as JSON "recipes" so the same list runs through the router
// in Node and through the real background from a page in both browsers. A recipe is plain JSON except for three
// markers the builder expands where the message is sent: {"$json": text} (JSON.parse, so an own "__proto__"
// key survives), {"$huge": n} (a string of n characters) and {"$nested": n} (objects nested n deep).
import { hasRequestShape, type MessageSpec } from './message-catalog'

export type Recipe = null | boolean | number | string | Recipe[] | { [key: string]: Recipe }

export type Expectation =
  /** Must be refused with code bad-request. */
  | 'bad-request'
  /** An unknown (or inherited) name: refused with unknown-message. */
  | 'unknown-message'
  /**
   * A hostile request for a message that reads no field (its request type is empty): the handler may refuse
   * it or ignore it and answer as for {} — either way nothing in the request is used.
   */
  | 'refused-or-ignored'

export interface HostileCase {
  label: string
  /** The message name the case targets, when there is one. */
  name?: string
  message: Recipe
  expect: Expectation
  /** Very large or deep: the browser's own messaging may refuse to carry it (a send error) before Rolecall sees it. */
  mayFailToSend?: boolean
}

export const HUGE_CHARS = 20 * 1024 * 1024
export const DEEP = 2_000

const PROTOTYPE_NAMES = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '__defineGetter__',
  'isPrototypeOf',
]

/**
 * Expands a recipe into the message to send. Self-contained and installed as globalThis.__rolecallBuildHostile
 * (in Node, and in a page through evaluate), so the one builder serves both.
 */
export const installHostileBuilder = (): void => {
  const define = (target: Record<string, unknown>, key: string, value: unknown) =>
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
  const make = (recipe: unknown): unknown => {
    if (Array.isArray(recipe)) return recipe.map(make)
    if (typeof recipe !== 'object' || recipe === null) return recipe
    const r = recipe as Record<string, unknown>
    if (typeof r.$json === 'string') return JSON.parse(r.$json)
    if (typeof r.$huge === 'number') return 'x'.repeat(r.$huge)
    if (typeof r.$nested === 'number') {
      let value: Record<string, unknown> = { leaf: true }
      for (let i = 0; i < r.$nested; i++) value = { a: value }
      return value
    }
    const out: Record<string, unknown> = {}
    for (const key of Object.keys(r)) define(out, key, make(r[key]))
    return out
  }
  ;(globalThis as unknown as { __rolecallBuildHostile: (recipe: unknown) => unknown }).__rolecallBuildHostile = make
}

export function buildHostile(recipe: Recipe): unknown {
  const g = globalThis as unknown as { __rolecallBuildHostile?: (recipe: unknown) => unknown }
  if (!g.__rolecallBuildHostile) installHostileBuilder()
  return g.__rolecallBuildHostile!(recipe)
}

const envelope = (name: Recipe, request: Recipe): Recipe => ({ rolecall: 1, name, request })

/** A value of the field's kind that passes the type check, so the case isolates one other field. */
function sample(kind: string): Recipe {
  return kind === 'number' ? 15 : kind === 'boolean' ? true : kind === 'object' ? {} : 'sample'
}

function wrongValues(kind: string): Array<[string, Recipe, boolean?]> {
  const all: Array<[string, Recipe, boolean?]> = [
    ['a number', 42],
    ['a boolean', true],
    ['null', null],
    ['an array', ['x']],
    ['an object', { toString: 'x' }],
    ['a string', '15'],
    ['a 20 MB string', { $huge: HUGE_CHARS }, true],
    [`objects nested ${DEEP} deep`, { $nested: DEEP }, true],
    [
      'an object with an own __proto__ key',
      { $json: '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}' },
    ],
  ]
  return all.filter(([label]) => {
    if (kind === 'number') return label !== 'a number'
    if (kind === 'boolean') return label !== 'a boolean'
    if (kind === 'object') return !/object|nested|__proto__/.test(label)
    if (kind === 'string') return label !== 'a string'
    return true
  })
}

const NOT_OBJECTS: Array<[string, Recipe, boolean?]> = [
  ['null', null],
  ['a number', 0],
  ['a string', 'request'],
  ['true', true],
  ['an empty array', []],
  ['an array of an object', [{}]],
  ['a 20 MB string', { $huge: HUGE_CHARS }, true],
]

/** Every hostile case: envelope-level ones, then for each message its non-object requests and bad fields. */
export function hostileCases(catalog: MessageSpec[]): HostileCase[] {
  const cases: HostileCase[] = [
    { label: 'null instead of a message', message: null, expect: 'bad-request' },
    { label: 'a number instead of a message', message: 42, expect: 'bad-request' },
    { label: 'a bare message name', message: 'app.status', expect: 'bad-request' },
    { label: 'an array instead of a message', message: [1, 'app.status', {}], expect: 'bad-request' },
    { label: 'no request field', message: { rolecall: 1, name: 'app.status' }, expect: 'bad-request' },
    {
      label: 'rolecall tag as text',
      message: { rolecall: '1', name: 'app.status', request: {} },
      expect: 'bad-request',
    },
    {
      label: 'another protocol version',
      message: { rolecall: 2, name: 'app.status', request: {} },
      expect: 'bad-request',
    },
    {
      label: 'envelope fields only under an own __proto__ key',
      message: { $json: '{"__proto__":{"rolecall":1,"name":"app.status","request":{}}}' },
      expect: 'bad-request',
    },
    { label: 'a 20 MB message', message: { $huge: HUGE_CHARS }, expect: 'bad-request', mayFailToSend: true },
    ...(
      [
        ['a number', 7],
        ['null', null],
        ['an object', { toString: 'app.status' }],
        ['an array', ['app.status']],
        ['true', true],
      ] as Array<[string, Recipe]>
    ).map(([what, name]): HostileCase => ({
      label: `${what} as the name`,
      message: envelope(name, {}),
      expect: 'bad-request',
    })),
    ...[...PROTOTYPE_NAMES, '', ' app.status', 'APP.STATUS', 'app.status\u0000', 'app', 'vault.*'].map(
      (name): HostileCase => ({
        label: `the name ${JSON.stringify(name)}`,
        message: envelope(name, {}),
        expect: 'unknown-message',
      }),
    ),
    {
      label: 'a 20 MB name',
      message: envelope({ $huge: HUGE_CHARS }, {}),
      expect: 'unknown-message',
      mayFailToSend: true,
    },
  ]

  for (const spec of catalog) {
    const strict = spec.fields.length > 0
    const add = (label: string, request: Recipe, mayFailToSend = false) => {
      const built = buildHostile(request)
      // A request that has the right shape is not hostile in the sense tested here (it may be valid).
      if (hasRequestShape(spec, built)) return
      cases.push({
        label: `${spec.name}: ${label}`,
        name: spec.name,
        message: envelope(spec.name, request),
        expect: strict ? 'bad-request' : 'refused-or-ignored',
        mayFailToSend,
      })
    }
    for (const [what, request, big] of NOT_OBJECTS) add(`${what} as the request`, request, big)
    const valid = Object.fromEntries(spec.fields.map((f) => [f.name, sample(f.kind)])) as Record<string, Recipe>
    add('every field only under an own __proto__ key', { $json: `{"__proto__":${JSON.stringify(valid)}}` })
    add('every field only under constructor.prototype', { constructor: { prototype: valid } })
    for (const field of spec.fields) {
      const others = { ...valid }
      delete others[field.name]
      if (!field.optional) add(`"${field.name}" missing`, others)
      for (const [what, value, big] of wrongValues(field.kind))
        add(`"${field.name}" as ${what}`, { ...others, [field.name]: value }, big)
    }
  }
  return cases
}

export interface ReplySummary {
  ok?: boolean
  code?: string
  message?: string
  /** The browser refused to carry the message (it never reached Rolecall). */
  sendError?: string
}

const ERROR_CODES = new Set([
  'forbidden-sender',
  'bad-request',
  'unknown-message',
  'vault-missing',
  'vault-locked',
  'wrong-passphrase',
  'tampered',
  'not-found',
  'conflict',
  'aws',
  'network',
  'mfa-required',
  'internal',
])

/** A sentence meant for a person: starts with a capital or a quote, ends with a full stop (or ? !), no "undefined". */
export function isSentence(message: unknown): boolean {
  return (
    typeof message === 'string' &&
    message.length > 10 &&
    message.length < 2000 &&
    /^["“A-Z]/.test(message) &&
    /[.!?]["”]?$/.test(message) &&
    !/\b(undefined|NaN)\b|\[object /.test(message)
  )
}

/**
 * The reply with the request's own words "undefined" and "NaN" taken out where the message quotes them back
 * (`Profile "undefined": …` for a profile named "undefined", or the first 100 characters of a long name):
 * isSentence reads those words as a value that leaked into a message, which a quoted echo of the request is
 * not. Only quoted text that is one of the request's string values, or the start of one, is taken out, so a
 * message that prints a missing value still fails.
 */
export function withoutQuotedEchoes(reply: ReplySummary, request: unknown): ReplySummary {
  if (reply.message === undefined || typeof request !== 'object' || request === null) return reply
  let message = reply.message
  for (const value of Object.values(request)) {
    if (typeof value === 'string' && /\b(undefined|NaN)\b/.test(value)) message = maskEchoes(message, value)
  }
  return message === reply.message ? reply : { ...reply, message }
}

/** `message` with every `"<value, or its start>"` replaced by `"…"`. */
function maskEchoes(message: string, value: string): string {
  let out = ''
  let at = 0
  while (at < message.length) {
    const quote = message.indexOf('"', at)
    if (quote < 0) break
    let length = 0
    while (length < value.length && message[quote + 1 + length] === value[length]) length++
    const close = quote + 1 + length
    if (length > 0 && message[close] === '"') {
      out += `${message.slice(at, quote)}"…"`
      at = close + 1
    } else {
      out += message.slice(at, quote + 1)
      at = quote + 1
    }
  }
  return out + message.slice(at)
}

/** Why the reply does not meet the case's expectation, or undefined when it does. */
export function judge(c: HostileCase, reply: ReplySummary): string | undefined {
  if (reply.sendError !== undefined)
    return c.mayFailToSend ? undefined : `the browser could not send it: ${reply.sendError}`
  if (reply.ok === true) return c.expect === 'refused-or-ignored' ? undefined : 'it was accepted'
  if (reply.ok !== false) return `the reply is not a Rolecall reply: ${JSON.stringify(reply).slice(0, 200)}`
  if (!reply.code || !ERROR_CODES.has(reply.code)) return `unknown error code ${String(reply.code)}`
  if (reply.code === 'internal') return 'it caused an internal error'
  if (!isSentence(reply.message)) return `the error message is not a sentence: ${JSON.stringify(reply.message)}`
  if (c.expect === 'bad-request' && reply.code !== 'bad-request') return `refused with ${reply.code}, not bad-request`
  if (c.expect === 'unknown-message' && reply.code !== 'unknown-message')
    return `refused with ${reply.code}, not unknown-message`
  return undefined
}

/** What a test keeps of a reply (a 20 MB echo would be useless in a failure message). */
export function summarise(reply: unknown): ReplySummary {
  if (typeof reply !== 'object' || reply === null) return { message: `not an object: ${String(reply).slice(0, 100)}` }
  const r = reply as { ok?: unknown; error?: { code?: unknown; message?: unknown } }
  if (r.ok === true) return { ok: true }
  if (r.ok === false)
    return {
      ok: false,
      code: String(r.error?.code),
      message: typeof r.error?.message === 'string' ? r.error.message : String(r.error?.message),
    }
  return { message: JSON.stringify(reply).slice(0, 200) }
}
