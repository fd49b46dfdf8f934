// An older vault (wrapped with fewer PBKDF2 iterations than new wraps get) is re-wrapped at 600,000 when it is
// unlocked: same data key, same passphrase, new salt. The write is one transaction, so an interruption leaves
// the old header whole and the vault still unlocks; the next unlock tries again.
import { describe, expect, it } from 'vitest'
import { importDataKey } from '../../../src/core/crypto'
import { idbVaultStore } from '../../../src/core/vault'
import {
  changePassphrase,
  createVault,
  getBaseKey,
  getCachedSession,
  putBaseKey,
  putCachedSession,
  unlockVault,
  DEFAULT_ITERATIONS,
  HEADER_KEY,
  type CommitCheckpoint,
  type VaultHeader,
  type VaultStore,
} from '../../../src/core/vault'
import { faultyRolecallDb } from '../resilience/faulty-db'
import {
  failureOf,
  freshVaultDb,
  KEY_A,
  KEY_B,
  LOW_ITERATIONS,
  OTHER_PASSPHRASE,
  PASSPHRASE,
  SESSION,
  TEST_KDF,
} from './helpers'

/** A vault as an older Rolecall left it: LOW_ITERATIONS, two keys and a cached session. */
async function fillOlderVault(store: VaultStore) {
  const { dataKey } = await createVault(store, PASSPHRASE, TEST_KDF)
  const key = await importDataKey(dataKey)
  await putBaseKey(store, key, KEY_A.profile, KEY_A.accessKeyId, KEY_A.secretAccessKey)
  await putBaseKey(store, key, KEY_B.profile, KEY_B.accessKeyId, KEY_B.secretAccessKey)
  await putCachedSession(store, key, 'mfa-1', SESSION)
  return dataKey
}

async function olderVault(checkpoint?: (point: CommitCheckpoint) => void) {
  const vault = await freshVaultDb(checkpoint ? { checkpoint } : {})
  return { ...vault, dataKey: await fillOlderVault(vault.store) }
}

async function expectEverythingReadable(store: VaultStore, passphrase = PASSPHRASE) {
  const key = await importDataKey((await unlockVault(store, passphrase)).dataKey)
  expect((await getBaseKey(store, key, KEY_A.profile)).secretAccessKey).toBe(KEY_A.secretAccessKey)
  expect((await getBaseKey(store, key, KEY_B.profile)).secretAccessKey).toBe(KEY_B.secretAccessKey)
  expect(await getCachedSession(store, key, 'mfa-1')).toEqual(SESSION)
}

/** Each case runs PBKDF2 at 600,000 a few times (~0.3 s each, more on a busy machine). */
const TIMEOUT = 30_000

const iterationsOf = async (store: VaultStore) => ((await store.readHeader()) as VaultHeader).kdf.iterations

describe('unlock of an older vault', { timeout: TIMEOUT }, () => {
  it('re-wraps the same data key at 600,000 iterations under the same passphrase, touching no record', async () => {
    const vault = await olderVault()
    const old = (await vault.db.get('vault', HEADER_KEY)) as VaultHeader
    const records = await vault.store.listRecords()
    const keyMeta = await vault.store.listKeyMeta()

    const opened = await unlockVault(vault.store, PASSPHRASE)
    const stored = (await vault.db.get('vault', HEADER_KEY)) as VaultHeader
    expect(opened.header).toEqual(stored)
    expect(stored.kdf.iterations).toBe(DEFAULT_ITERATIONS)
    expect(stored).toMatchObject({ vaultId: old.vaultId, createdAt: old.createdAt })
    expect(stored.kdf.salt).not.toBe(old.kdf.salt)
    expect(opened.dataKey).toEqual(vault.dataKey)
    expect(await vault.store.listRecords()).toEqual(records)
    expect(await vault.store.listKeyMeta()).toEqual(keyMeta)

    const after = await vault.dump()
    await expectEverythingReadable(vault.store)
    expect(await vault.dump()).toBe(after) // already strong: the second unlock writes nothing
    expect((await failureOf(() => unlockVault(vault.store, OTHER_PASSPHRASE))).code).toBe('wrong-passphrase')
  })

  it('writes nothing for a wrong passphrase', async () => {
    const vault = await olderVault()
    const before = await vault.dump()
    expect((await failureOf(() => unlockVault(vault.store, OTHER_PASSPHRASE))).code).toBe('wrong-passphrase')
    expect(await vault.dump()).toBe(before)
    expect(await iterationsOf(vault.store)).toBe(LOW_ITERATIONS)
  })

  it('leaves a vault at the current count as it is', async () => {
    const vault = await olderVault()
    const before = await vault.dump()
    await unlockVault(vault.store, PASSPHRASE, TEST_KDF) // LOW_ITERATIONS is "current" under the test option
    expect(await vault.dump()).toBe(before)
  })

  for (const point of ['checked', 'header-written'] as const) {
    it(`still unlocks, with the old header whole, when the re-wrap fails at "${point}"; the next unlock re-wraps`, async () => {
      let armed = false
      const vault = await olderVault((p) => {
        if (armed && p === point) throw new Error(`fault at ${p}`)
      })
      const before = await vault.dump()
      armed = true
      const opened = await unlockVault(vault.store, PASSPHRASE)
      expect(opened.header.kdf.iterations).toBe(LOW_ITERATIONS)
      expect(opened.dataKey).toEqual(vault.dataKey)
      expect(await vault.dump()).toBe(before)
      await expectEverythingReadable(vault.store)
      armed = false
      await unlockVault(vault.store, PASSPHRASE)
      expect(await iterationsOf(vault.store)).toBe(DEFAULT_ITERATIONS)
      await expectEverythingReadable(vault.store)
    })
  }

  for (const how of ['throw', 'abort'] as const) {
    it(`keeps the old header when the browser ${how === 'abort' ? 'aborts the transaction after' : 'fails'} the header write`, async () => {
      const faulty = faultyRolecallDb(`rolecall-rewrap-${how}-${process.pid}`)
      const store = idbVaultStore(faulty.db)
      await fillOlderVault(store)
      const before = await faulty.dump('vault')
      faulty.arm({ store: 'vault', write: 1, how })
      expect((await unlockVault(store, PASSPHRASE)).header.kdf.iterations).toBe(LOW_ITERATIONS)
      expect(faulty.armed).toBe(false) // the fault did fire
      expect(await faulty.dump('vault')).toBe(before)
      await expectEverythingReadable(store)
      expect(await iterationsOf(store)).toBe(DEFAULT_ITERATIONS)
    })
  }

  it('never overwrites a passphrase changed in another window between opening and re-wrapping', async () => {
    const vault = await olderVault()
    let raced = false
    const racing: VaultStore = {
      ...vault.store,
      async commit(batch) {
        if (!raced) {
          raced = true
          await changePassphrase(vault.store, PASSPHRASE, OTHER_PASSPHRASE, TEST_KDF)
        }
        return vault.store.commit(batch)
      },
    }
    const opened = await unlockVault(racing, PASSPHRASE)
    expect(opened.dataKey).toEqual(vault.dataKey)
    expect((await failureOf(() => unlockVault(vault.store, PASSPHRASE))).code).toBe('wrong-passphrase')
    await expectEverythingReadable(vault.store, OTHER_PASSPHRASE)
  })

  it('changing the passphrase of an older vault wraps it at 600,000 in one step', async () => {
    const vault = await olderVault()
    const next = await changePassphrase(vault.store, PASSPHRASE, OTHER_PASSPHRASE)
    expect(next.kdf.iterations).toBe(DEFAULT_ITERATIONS)
    await expectEverythingReadable(vault.store, OTHER_PASSPHRASE)
  })
})
