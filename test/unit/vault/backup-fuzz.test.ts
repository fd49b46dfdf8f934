// fuzz: the backup importer never throws anything but a clear RolecallFailure and never writes on failure.
// `npm run fuzz` sets FUZZ_RUNS=100000; `npm test` runs a smaller number.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { importDataKey } from '../../../src/core/crypto'
import { createVault, exportBackup, importBackup, putBaseKey } from '../../../src/core/vault'
import { checksumOf } from '../../../src/core/vault/checksum'
import { RolecallFailure } from '../../../src/shared/protocol'
import { freshVaultDb, KEY_A, LOW_ITERATIONS, PASSPHRASE, TEST_KDF } from './helpers'

const runs = Number(process.env.FUZZ_RUNS ?? 300)
/** `npm run fuzz`'s 100,000 runs take minutes, far past vitest's 5-second default. */
const FUZZ_TIMEOUT = 30 * 60_000

async function validBackup(): Promise<Record<string, unknown>> {
  const source = await freshVaultDb()
  const key = await importDataKey((await createVault(source.store, PASSPHRASE, { testOnlyIterations: LOW_ITERATIONS })).dataKey)
  await putBaseKey(source.store, key, KEY_A.profile, KEY_A.accessKeyId, KEY_A.secretAccessKey)
  return JSON.parse(await exportBackup(source.store, key))
}

/** Replaces the value at a random path inside `file` (at any depth) with `value`. */
function replaceAt(file: unknown, pathChoices: number[], value: unknown): unknown {
  if (pathChoices.length === 0 || typeof file !== 'object' || file === null) return value
  const keys = Object.keys(file)
  if (keys.length === 0) return value
  const [choice, ...rest] = pathChoices
  const key = keys[choice! % keys.length]!
  const copy: Record<string, unknown> = Array.isArray(file) ? [...file] as unknown as Record<string, unknown> : { ...file }
  copy[key] = replaceAt((file as Record<string, unknown>)[key], rest, value)
  return copy
}

async function expectCleanOutcome(text: string) {
  const target = await freshVaultDb()
  try {
    await importBackup(target.store, text, PASSPHRASE, TEST_KDF)
  } catch (error) {
    if (!(error instanceof RolecallFailure)) throw error
    expect(['bad-request', 'tampered', 'wrong-passphrase', 'conflict']).toContain(error.code)
    expect(await target.dump()).toBe('{"vault":[],"secrets":[],"keyMeta":[]}')
  }
}

describe('backup importer', () => {
  it('fuzz: arbitrary text', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((v) => JSON.stringify({ format: 'rolecall-backup', version: 1, v }))), expectCleanOutcome), { numRuns: runs })
  }, FUZZ_TIMEOUT)

  it('fuzz: a valid file with any part replaced (and its checksum recomputed, so the deep checks run)', async () => {
    const file = await validBackup()
    const { check: _check, ...rest } = file
    const hostile = fc.oneof(fc.jsonValue(), fc.constantFrom('__proto__', { __proto__: { polluted: true } }, [], {}, null, -1, 1e308, 'A'.repeat(10_000)))
    await fc.assert(fc.asyncProperty(fc.array(fc.nat(), { maxLength: 6 }), hostile, async (path, value) => {
      const mutated = replaceAt(rest, path, value) as Record<string, unknown>
      const check = await checksumOf(mutated)
      await expectCleanOutcome(JSON.stringify({ ...mutated, check }))
    }), { numRuns: runs })
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  }, FUZZ_TIMEOUT)
})
