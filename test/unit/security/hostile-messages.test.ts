// Malformed and hostile messages through the real router and every real handler (allHandlers), over the real
// vault and login services, with an in-memory browser API: each is refused with a typed error whose message is
// a sentence, nothing crashes (no internal error), refused messages change no state, Object.prototype stays
// clean, and no secret sent in a request comes back in a reply.
import { createSsoService } from '../../../src/background/sso/service'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import fc from 'fast-check'
import { randomBytes } from 'node:crypto'
import { fakeBrowser, FAKE_BASE_URL, FAKE_EXTENSION_ID } from './fake-browser'
import { allHandlers } from '../../../src/background/handlers'
import { createRouter } from '../../../src/background/router'
import { createLoginService } from '../../../src/background/login/service'
import { sharedJarPolicy } from '../../../src/background/jars/shared-jar-policy'
import type { BackgroundServices } from '../../../src/background/services'
import type { SenderInfo } from '../../../src/platform/runtime'
import { openRolecallDb } from '../../../src/core/storage/db'
import { vaultWorld } from '../vault/service-fakes'
import { KEY_A, PASSPHRASE } from '../vault/helpers'
import { hasRequestShape, messageCatalog, type MessageSpec } from './message-catalog'
import {
  buildHostile,
  hostileCases,
  isSentence,
  judge,
  summarise,
  withoutQuotedEchoes,
  type HostileCase,
} from './hostile-requests'

vi.mock('webextension-polyfill', async () => ({ default: (await import('./fake-browser')).fakeBrowser.api }))

const PAGE: SenderInfo = { id: FAKE_EXTENSION_ID, url: `${FAKE_BASE_URL}src/options/index.html`, external: false }
const RUNS = Number(process.env.HOSTILE_RUNS ?? 150)
/** Never a real secret: a marker that must not come back in any reply. */
const MARKER = `S3cretMarker${randomBytes(6).toString('hex')}`
const STORED_PROFILE = `stored-${randomBytes(4).toString('hex')}`
const catalog = messageCatalog()

let world: Awaited<ReturnType<typeof vaultWorld>>
let dispatch: ReturnType<typeof createRouter>
const internalErrors: string[] = []

async function snapshot(): Promise<string> {
  const db = await openRolecallDb()
  const rolecallDb: Record<string, unknown> = {}
  for (const store of ['config', 'consoleSessions'] as const)
    rolecallDb[store] = [await db.getAllKeys(store), await db.getAll(store)]
  db.close()
  const { local, session, sync } = fakeBrowser.api.storage
  return JSON.stringify([
    await world.dump(),
    world.localArea.dump(),
    world.session.dump(),
    local.snapshot(),
    session.snapshot(),
    sync.snapshot(),
    rolecallDb,
  ])
}

const objectPrototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort().join(',')
const CLEAN_PROTOTYPE = objectPrototypeKeys()

function expectPrototypeClean() {
  expect(objectPrototypeKeys()).toBe(CLEAN_PROTOTYPE)
  expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  expect(Object.prototype.toString.call([])).toBe('[object Array]')
}

/** Sends one message as the options page; keeps the vault unlocked for the next one (a hostile vault.lock may lock it). */
async function send(message: unknown) {
  const reply = await dispatch(message, PAGE)
  if ((await world.service.state()) === 'locked') await world.service.unlock(PASSPHRASE)
  return reply
}

beforeAll(async () => {
  world = await vaultWorld()
  const vault = world.service
  const sso = createSsoService(vault, async () => undefined)
  const services: BackgroundServices = {
    vault,
    sso,
    login: createLoginService({ vault, jars: sharedJarPolicy, onSessionsChanged: async () => {}, sso }),
    vaultState: () => vault.state(),
    profileCount: async () => 0,
  }
  dispatch = createRouter(allHandlers(services), {
    extensionId: FAKE_EXTENSION_ID,
    extensionBaseUrl: FAKE_BASE_URL,
    onInternalError: (name, error) =>
      internalErrors.push(`${name}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`),
  })
  const ok = async (name: string, request: unknown) => {
    const reply = await dispatch({ rolecall: 1, name, request }, PAGE)
    if (!reply.ok) throw new Error(`${name}: ${reply.error.message}`)
  }
  await ok('vault.create', { passphrase: PASSPHRASE })
  await ok('keys.put', {
    profile: STORED_PROFILE,
    accessKeyId: KEY_A.accessKeyId,
    secretAccessKey: KEY_A.secretAccessKey,
  })
  await ok('settings.set', { patch: { defaultRegion: 'eu-west-1' } })
  await ok('profiles.pin', { name: STORED_PROFILE, pinned: true })
})

afterAll(() => {
  expect(internalErrors).toEqual([])
})

describe('hostile messages through the real handlers', () => {
  it('covers every message the protocol declares, and every declared message has a handler', () => {
    const registered = Object.keys(allHandlers({} as BackgroundServices)).sort()
    expect(catalog.map((m) => m.name)).toEqual(registered)
    expect(catalog.length).toBeGreaterThan(20)
  })

  it('refuses each hostile case with a typed error, and nothing changes', async () => {
    const cases = hostileCases(catalog)
    expect(cases.length).toBeGreaterThan(300)
    const before = await snapshot()
    const problems: string[] = []
    for (const c of cases) {
      const stateBefore = await snapshot()
      const reply = summarise(await send(buildHostile(c.message)))
      const problem = judge(c, reply)
      if (problem) problems.push(`${c.label}: ${problem}`)
      if (!reply.ok && (await snapshot()) !== stateBefore) problems.push(`${c.label}: refused, but state changed`)
    }
    expect(problems).toEqual([])
    expect(await snapshot()).toBe(before)
    expectPrototypeClean()
    expect(internalErrors).toEqual([])
  })

  it('property: any value at all as the message gets a typed reply, never an internal error', async () => {
    await fc.assert(
      fc.asyncProperty(hostileValue(), async (message) => {
        const reply = summarise(await send(message))
        expect(reply.ok, JSON.stringify(reply)).toBe(false)
        expect(['bad-request', 'unknown-message']).toContain(reply.code)
        expect(isSentence(reply.message), reply.message).toBe(true)
      }),
      { numRuns: RUNS },
    )
    expectPrototypeClean()
  })

  it('property: hostile requests for every message are refused without a state change, and never echo a secret', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...catalog), fc.nat(), async (spec, seed) => {
        const [request] = fc.sample(requestFor(spec), { numRuns: 1, seed })
        const stateBefore = await snapshot()
        const raw = await send({ rolecall: 1, name: spec.name, request })
        const reply = withoutQuotedEchoes(summarise(raw), request)
        const c: HostileCase = {
          label: spec.name,
          message: null,
          expect: spec.fields.length ? 'bad-request' : 'refused-or-ignored',
        }
        if (!hasRequestShape(spec, request))
          expect(judge(c, reply), `${spec.name} ${safeJson(request)}`).toBeUndefined()
        else if (!reply.ok)
          expect(
            judge({ ...c, expect: 'refused-or-ignored' }, reply),
            `${spec.name} ${safeJson(request)}`,
          ).toBeUndefined()
        if (!reply.ok) expect(await snapshot(), `${spec.name} refused but changed state`).toBe(stateBefore)
        if (spec.name !== 'app.ping') expect(JSON.stringify(raw)).not.toContain(MARKER)
        expectPrototypeClean()
      }),
      { numRuns: RUNS * 2 },
    )
    expect(internalErrors).toEqual([])
  })

  it('property: senders other than its own pages are refused before any handler runs', async () => {
    const before = await snapshot()
    const foreign = fc.oneof(
      fc.record({
        id: fc.constant(FAKE_EXTENSION_ID),
        url: fc.webUrl(),
        tabId: fc.nat(),
        external: fc.constant(false),
      }),
      fc.record({
        id: fc.string(),
        url: fc.constantFrom(`${FAKE_BASE_URL}src/options/index.html`, 'chrome-extension://other/page.html'),
        external: fc.constant(true),
      }),
      fc.record({
        id: fc.string().filter((s) => s !== FAKE_EXTENSION_ID),
        url: fc.constant(`${FAKE_BASE_URL}x.html`),
        external: fc.boolean(),
      }),
      fc.record({
        id: fc.constant(FAKE_EXTENSION_ID),
        url: fc.constantFrom(
          `chrome-extension://${FAKE_EXTENSION_ID}.evil.example/`,
          `https://${FAKE_EXTENSION_ID}/`,
          '',
        ),
        external: fc.constant(false),
      }),
    )
    await fc.assert(
      fc.asyncProperty(foreign, fc.constantFrom(...catalog), async (sender, spec) => {
        const reply = await dispatch(
          { rolecall: 1, name: spec.name, request: { passphrase: PASSPHRASE, profile: STORED_PROFILE, text: 'x' } },
          sender as SenderInfo,
        )
        expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } })
      }),
      { numRuns: RUNS },
    )
    expect(await snapshot()).toBe(before)
  })

  it('handles prototype names as profile names and setting keys without polluting anything', async () => {
    for (const profile of ['__proto__', 'constructor', 'hasOwnProperty']) {
      const put = await send({
        rolecall: 1,
        name: 'keys.put',
        request: { profile, accessKeyId: KEY_A.accessKeyId, secretAccessKey: KEY_A.secretAccessKey },
      })
      expect(put).toMatchObject({ ok: true, value: { profile } })
      const list = await send({ rolecall: 1, name: 'keys.list', request: {} })
      expect(list.ok && (list.value as { keys: Array<{ profile: string }> }).keys.map((k) => k.profile)).toContain(
        profile,
      )
      expect(await send({ rolecall: 1, name: 'profiles.pin', request: { name: profile, pinned: true } })).toEqual({
        ok: true,
        value: null,
      })
      expect(await send({ rolecall: 1, name: 'login.open', request: { profile } })).toMatchObject({
        ok: false,
        error: { code: 'not-found' },
      })
      expect(await send({ rolecall: 1, name: 'keys.delete', request: { profile } })).toEqual({ ok: true, value: null })
      expect(await send({ rolecall: 1, name: 'profiles.pin', request: { name: profile, pinned: false } })).toEqual({
        ok: true,
        value: null,
      })
      expectPrototypeClean()
    }
    const lengths = await send({
      rolecall: 1,
      name: 'settings.set',
      request: { patch: { consoleSessionSeconds: JSON.parse('{"__proto__": 3600, "constructor": 7200}') } },
    })
    expect(lengths.ok).toBe(true)
    const settings = await send({ rolecall: 1, name: 'settings.get', request: {} })
    expect(settings.ok && (settings.value as { consoleSessionSeconds: object }).consoleSessionSeconds).toEqual(
      JSON.parse('{"__proto__": 3600, "constructor": 7200}'),
    )
    expect(
      await send({ rolecall: 1, name: 'settings.set', request: { patch: { consoleSessionSeconds: {} } } }),
    ).toMatchObject({ ok: true })
    expectPrototypeClean()
  })

  it('never repeats a passphrase, secret key, MFA code or pasted secret in a reply', async () => {
    const creds = `[p]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = ${MARKER}\n[t]\naws_access_key_id = ASIAIOSFODNN7EXAMPLE\naws_secret_access_key = ${MARKER}${MARKER}xyz\naws_session_token = ${MARKER}\n`
    const requests: Array<[string, Record<string, unknown>]> = [
      ['vault.unlock', { passphrase: MARKER }],
      ['vault.create', { passphrase: MARKER }],
      ['vault.changePassphrase', { oldPassphrase: MARKER, newPassphrase: `${MARKER}2` }],
      ['vault.importBackup', { text: MARKER, passphrase: MARKER }],
      [
        'vault.importBackup',
        { text: `{"format":"rolecall-backup","version":1,"header":"${MARKER}"}`, passphrase: MARKER },
      ],
      ['keys.put', { profile: 'p', accessKeyId: KEY_A.accessKeyId, secretAccessKey: MARKER }],
      [
        'keys.put',
        { profile: 'p', accessKeyId: KEY_A.accessKeyId, secretAccessKey: `${MARKER}${MARKER}`.slice(0, 39) + '\u00e9' },
      ],
      ['keys.importCredentials', { text: creds }],
      ['login.submitMfa', { promptId: 'nope', code: MARKER }],
      ['login.submitMfa', { promptId: MARKER, code: '123456' }],
    ]
    for (const [name, request] of requests) {
      const reply = await send({ rolecall: 1, name, request })
      expect(JSON.stringify(reply), name).not.toContain(MARKER)
      if (!reply.ok) expect(isSentence(reply.error.message), reply.error.message).toBe(true)
    }
  })
})

function safeJson(value: unknown): string {
  try {
    return (JSON.stringify(value) ?? String(value)).slice(0, 300)
  } catch {
    return typeof value
  }
}

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'then']

/** Anything structured clone could carry, with prototype-ish keys, boxed values, null prototypes, typed arrays. */
function hostileValue(fieldNames: string[] = []) {
  const key = fc.oneof(
    fc.constantFrom(...PROTO_KEYS, ...(fieldNames.length ? fieldNames : ['rolecall', 'name', 'request'])),
    fc.string({ maxLength: 8 }),
  )
  return fc.anything({
    key,
    maxDepth: 3,
    maxKeys: 6,
    withObjectString: true,
    withNullPrototype: true,
    withBoxedValues: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
    withSparseArray: true,
    withDate: true,
    withBigInt: true,
  })
}

const isSecretField = (spec: MessageSpec, field: string) =>
  /passphrase|secret|token|^code$/i.test(field) || (field === 'text' && /import/i.test(spec.name))

/** A request close to the message's shape (so it reaches deep validation) or anything at all. */
function requestFor(spec: MessageSpec): fc.Arbitrary<unknown> {
  const junk = hostileValue(spec.fields.map((f) => f.name))
  const valueOf = (kind: string, secret: boolean): fc.Arbitrary<unknown> => {
    const strings = secret
      ? fc.oneof(
          fc.string(),
          fc.constant(MARKER),
          fc.string().map((s) => `${MARKER}${s}`),
          fc.constant(`[x]\naws_access_key_id=AKIAIOSFODNN7EXAMPLE\naws_secret_access_key=${MARKER}`),
        )
      : fc.string()
    const right =
      kind === 'string'
        ? strings
        : kind === 'number'
          ? fc.oneof(fc.integer(), fc.double())
          : kind === 'boolean'
            ? fc.boolean()
            : junk
    return fc.oneof({ arbitrary: right, weight: 3 }, { arbitrary: junk, weight: 1 })
  }
  const shaped = fc.record(
    Object.fromEntries(spec.fields.map((f) => [f.name, valueOf(f.kind, isSecretField(spec, f.name))])),
    { requiredKeys: [] },
  )
  const withExtras = fc
    .tuple(shaped, fc.dictionary(fc.constantFrom(...PROTO_KEYS), junk, { maxKeys: 2 }))
    .map(([shape, extra]) => {
      const out: Record<string, unknown> = { ...shape }
      for (const [k, v] of Object.entries(extra))
        Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true })
      return out
    })
  return fc.oneof(
    { arbitrary: shaped, weight: 3 },
    { arbitrary: withExtras, weight: 2 },
    { arbitrary: junk, weight: 2 },
  )
}
