// fuzz: the backup importer never throws anything but a clear RolecallFailure and never writes on failure.
// `npm run fuzz` sets FUZZ_RUNS=100000; `npm test` runs a smaller number.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { deriveMacKey, importDataKey, macOf } from '../../../src/core/crypto'
import { canonicalJson, createVault, exportBackup, importBackup, putBaseKey } from '../../../src/core/vault'
import { checksumOf } from '../../../src/core/vault/checksum'
import { RolecallFailure } from '../../../src/shared/protocol'
import { freshVaultDb, KEY_A, LOW_ITERATIONS, PASSPHRASE, TEST_KDF } from './helpers'

const runs = Number(process.env.FUZZ_RUNS ?? 300)
/** `npm run fuzz`'s 100,000 runs take minutes, far past vitest's 5-second default. */
const FUZZ_TIMEOUT = 30 * 60_000

async function validBackup(): Promise<{ file: Record<string, unknown>; dataKey: Uint8Array<ArrayBuffer> }> {
  const source = await freshVaultDb()
  const { dataKey } = await createVault(source.store, PASSPHRASE, { testOnlyIterations: LOW_ITERATIONS })
  await putBaseKey(source.store, await importDataKey(dataKey), KEY_A.profile, KEY_A.accessKeyId, KEY_A.secretAccessKey)
  return { file: JSON.parse(await exportBackup(source.store, dataKey)), dataKey }
}

/** Replaces the value at a random path inside `file` (at any depth) with `value`. */
function replaceAt(file: unknown, pathChoices: number[], value: unknown): unknown {
  if (pathChoices.length === 0 || typeof file !== 'object' || file === null) return value
  const keys = Object.keys(file)
  if (keys.length === 0) return value
  const [choice, ...rest] = pathChoices
  const key = keys[choice! % keys.length]!
  const copy: Record<string, unknown> = Array.isArray(file)
    ? ([...file] as unknown as Record<string, unknown>)
    : { ...file }
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
  it(
    'fuzz: arbitrary text',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.string(),
            fc.json(),
            fc.jsonValue().map((v) => JSON.stringify({ format: 'rolecall-backup', version: 1, v })),
          ),
          expectCleanOutcome,
        ),
        { numRuns: runs },
      )
    },
    FUZZ_TIMEOUT,
  )

  // Resealed (its MAC recomputed with the data key, as only the vault's owner could) so that the checks after
  // the seal run too; not resealed, the seal is what refuses it.
  it(
    'fuzz: a valid file with any part replaced (its checksum recomputed, and its seal or not)',
    async () => {
      const { file, dataKey } = await validBackup()
      const macKey = await deriveMacKey(dataKey, 'backup-meta')
      const { check: _check, ...rest } = file
      const hostile = fc.oneof(
        fc.jsonValue(),
        fc.constantFrom('__proto__', { __proto__: { polluted: true } }, [], {}, null, -1, 1e308, 'A'.repeat(10_000)),
      )
      await fc.assert(
        fc.asyncProperty(fc.array(fc.nat(), { maxLength: 6 }), hostile, fc.boolean(), async (path, value, reseal) => {
          let mutated = replaceAt(rest, path, value) as Record<string, unknown>
          const body = canonicalJson({ ...mutated, mac: undefined })
          if (reseal && body !== undefined) mutated = { ...mutated, mac: await macOf(macKey, body) }
          const check = await checksumOf(mutated)
          await expectCleanOutcome(JSON.stringify({ ...mutated, check }))
        }),
        { numRuns: runs },
      )
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    },
    FUZZ_TIMEOUT,
  )
})
