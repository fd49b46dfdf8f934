// The background's import flow against a real (fake-indexeddb) database: preview with a diff, apply with
// the optimistic check, secrets never stored, keys never deleted; and the checks of the handlers' requests
// (by the router, against each message's schema).
import 'fake-indexeddb/auto'
import { beforeEach, describe, expect, test } from 'vitest'
import { REDACTED, redactSecrets } from '../../../src/core/config/import/redact'
import { openRolecallDb } from '../../../src/core/storage/db'
import { applyImport, previewImport, storedConfig, storedProfiles } from '../../../src/background/config/import'
import { buildPreview } from '../../../src/core/config/import/preview'
import { previewReport } from '../../../src/core/config/import/report'
import { configHandlers } from '../../../src/background/handlers/config'
import { createRouter, type Handlers } from '../../../src/background/router'
import type { BackgroundServices } from '../../../src/background/services'
import { RolecallFailure } from '../../../src/shared/protocol'

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
const FIRST =
  '[profile base]\nmfa_serial = arn:aws:iam::111111111111:mfa/me\n[profile a]\nsource_profile = base\nrole_arn = arn:aws:iam::222222222222:role/A\n[profile old]\nsource_profile = legacy\nrole_arn = arn:aws:iam::333333333333:role/O\n'
const SECOND = `[profile base]\nmfa_serial = arn:aws:iam::111111111111:mfa/me\naws_secret_access_key = ${SECRET}\n[profile a]\nsource_profile = base\nrole_arn = arn:aws:iam::222222222222:role/Admin\n[profile b]\nsource_profile = base\nrole_arn = arn:aws:iam::444444444444:role/B\n`

let keys: string[] = []
let clock = 1_000
const deps = { keyProfiles: async () => keys, now: () => clock }

beforeEach(async () => {
  const db = await openRolecallDb()
  await db.clear('config')
  keys = []
  clock = 1_000
})

describe('import flow', () => {
  test('first import: preview has no diff, names the keys still missing, and apply stores the rows', async () => {
    keys = ['base']
    const preview = await previewImport(FIRST, deps)
    expect(preview).toMatchObject({
      basedOn: 0,
      baseProfiles: ['base', 'legacy'],
      missingKeys: ['legacy'],
      unusedKeys: [],
      errorCount: 0,
    })
    expect(preview.diff).toBeUndefined()
    const applied = await applyImport(FIRST, 0, deps)
    expect(applied).toMatchObject({
      importedAt: 1_000,
      profileCount: 3,
      diff: { added: ['base', 'a', 'old'], removed: [], changed: [] },
    })
    expect((await storedProfiles()).profiles.map((p) => p.name)).toEqual(['base', 'a', 'old'])
  })

  test('re-import: the diff shows what changes, unused keys are reported and kept, secrets are not stored', async () => {
    keys = ['base', 'legacy']
    await applyImport(FIRST, 0, deps)
    clock = 2_000
    const preview = await previewImport(SECOND, deps)
    expect(preview.basedOn).toBe(1_000)
    expect(preview.diff).toEqual({
      added: ['b'],
      removed: ['old'],
      changed: [{ name: 'a', fields: ['roleName', 'roleArn', 'access'] }],
      unchanged: 1,
    })
    expect(preview.unusedKeys).toEqual(['legacy'])
    const applied = await applyImport(SECOND, preview.basedOn, deps)
    expect(applied).toMatchObject({ importedAt: 2_000, unusedKeys: ['legacy'], secretLinesRemoved: 1 })
    expect(keys).toEqual(['base', 'legacy'])
    const stored = await storedConfig()
    expect(stored.text).not.toContain(SECRET)
    expect(stored.text).toContain(REDACTED)
    expect(stored.text.split('\n')).toHaveLength(SECOND.split('\n').length)
    const db = await openRolecallDb()
    expect(JSON.stringify(await db.getAll('config'))).not.toContain(SECRET.slice(0, 20))
  })

  test('apply refuses a preview made against an older import', async () => {
    await applyImport(FIRST, 0, deps)
    await expect(applyImport(SECOND, 0, deps)).rejects.toMatchObject({ code: 'conflict' })
    await expect(applyImport(SECOND, 999, deps)).rejects.toBeInstanceOf(RolecallFailure)
  })
})

describe('redactSecrets', () => {
  test('removes secret values, continuation lines of them and lone tokens, keeping every line', () => {
    const text = `[default]\r\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\r\naws_session_token: ${SECRET}\r\n  ${SECRET}\r\nregion = eu-west-1\r\n${SECRET}\r\n`
    const { text: out, removed } = redactSecrets(text)
    expect(removed).toBe(4)
    expect(out).not.toContain(SECRET)
    expect(out).not.toContain('AKIAIOSFODNN7EXAMPLE')
    expect(out.split('\r\n')).toHaveLength(text.split('\r\n').length)
    expect(out).toContain('region = eu-west-1')
    expect(out).toContain(`aws_session_token: ${REDACTED}`)
  })

  test('removes a secret set twice (both lines), in capitals, or before any section header', () => {
    const text = `aws_secret_access_key = top${SECRET}\n[default]\naws_secret_access_key = first${SECRET}\nAWS_Secret_Access_Key = second${SECRET}\n  more${SECRET}\nregion = r\n`
    const { text: out, removed } = redactSecrets(text)
    expect(out).not.toContain(SECRET)
    expect(removed).toBe(4)
    expect(out.split('\n')).toHaveLength(text.split('\n').length)
    expect(out).toContain('region = r')
  })
})

describe('config handlers validate requests', () => {
  const services = {
    vault: {
      listKeys: async () => {
        throw new RolecallFailure('vault-missing', 'none')
      },
    },
  } as unknown as BackgroundServices
  const handlers = configHandlers(services)
  const sender = { id: 'x', url: 'x', external: false } as never

  test.each([
    ['config.apply', 'no object', null],
    ['config.apply', 'text not a string', { text: 5, basedOn: 0 }],
    ['config.apply', 'text over 5 MB', { text: 'x'.repeat(5 * 1024 * 1024 + 1), basedOn: 0 }],
    ['config.keyProfiles', 'an array', []],
    ['config.apply', 'no basedOn', { text: '[default]' }],
    ['config.apply', 'a negative basedOn', { text: '[default]', basedOn: -1 }],
    ['config.apply', 'basedOn as text', { text: '[default]', basedOn: '1' }],
    ['config.apply', 'basedOn null', { text: '[default]', basedOn: null }],
    ['config.stored', 'an array', []],
  ] as const)('%s refuses %s', async (name, _what, request) => {
    const page = { id: 'x', url: 'chrome-extension://x/src/options/index.html', external: false }
    const dispatch = createRouter(handlers as Handlers, { extensionId: 'x', extensionBaseUrl: 'chrome-extension://x/' })
    expect(await dispatch({ rolecall: 1, name, request }, page)).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    })
  })

  test('without a vault no profile has a key, so the preview reports every base profile as missing one', async () => {
    const { profiles } = await handlers['config.keyProfiles']({}, sender)
    expect(profiles).toEqual([])
    expect(previewReport(buildPreview(FIRST), profiles, undefined).missingKeys).toEqual(['base', 'legacy'])
  })
})
