import { describe, expect, it, vi } from 'vitest'
import { importDataKey } from '../../../src/core/crypto'
import {
  changePassphrase,
  createVault,
  getBaseKey,
  putBaseKey,
  unlockVault,
  DEFAULT_ITERATIONS,
  MIN_NEW_ITERATIONS,
} from '../../../src/core/vault'
import { kdfPolicy } from '../../../src/core/vault/kdf-policy'
import { failureOf, freshVaultDb, KEY_A, LOW_ITERATIONS, OTHER_PASSPHRASE, PASSPHRASE, TEST_KDF } from './helpers'

describe('vault lifecycle', () => {
  it('creates a vault whose header records its KDF parameters, and unlocks it with the passphrase', async () => {
    const { store } = await freshVaultDb()
    const created = await createVault(store, PASSPHRASE, { testOnlyIterations: LOW_ITERATIONS })
    expect(created.header).toMatchObject({
      format: 'rolecall-vault',
      version: 1,
      kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: LOW_ITERATIONS },
    })
    const opened = await unlockVault(store, PASSPHRASE, TEST_KDF)
    expect(opened.dataKey).toEqual(created.dataKey)
    expect(opened.dataKey.byteLength).toBe(32)
  })

  it('defaults to 600,000 PBKDF2 iterations', async () => {
    expect(DEFAULT_ITERATIONS).toBe(600_000)
    expect(MIN_NEW_ITERATIONS).toBe(600_000)
    const { store } = await freshVaultDb()
    expect((await createVault(store, PASSPHRASE)).header.kdf.iterations).toBe(600_000)
  })

  it('lowers the count only through the test-only option, which the store build refuses', async () => {
    const { store, dump } = await freshVaultDb()
    try {
      vi.stubGlobal('__ROLECALL_BUILT__', true) // what vite defines in every build
      await expect(createVault(store, PASSPHRASE, TEST_KDF)).rejects.toThrow(/testOnlyIterations is for unit tests/)
      expect(kdfPolicy()).toEqual({ wrapIterations: 600_000, restoreFloor: 600_000 })
      expect(await dump()).toBe('{"vault":[],"secrets":[],"keyMeta":[]}')
      vi.unstubAllGlobals() // Node, as the unit tests run
      expect(kdfPolicy(TEST_KDF)).toEqual({ wrapIterations: LOW_ITERATIONS, restoreFloor: LOW_ITERATIONS })
    } finally {
      vi.unstubAllGlobals()
    }
    // Not even a test may ask for less than a stored header may have.
    await expect(createVault(store, PASSPHRASE, { testOnlyIterations: 999 })).rejects.toThrow(RangeError)
  })

  it('gives a clear error for a wrong passphrase and writes nothing', async () => {
    const { store, dump } = await freshVaultDb()
    await createVault(store, PASSPHRASE, { testOnlyIterations: LOW_ITERATIONS })
    const before = await dump()
    const failure = await failureOf(() => unlockVault(store, 'correct horse battery stapler'))
    expect(failure.code).toBe('wrong-passphrase')
    expect(failure.message).toMatch(/passphrase does not unlock the vault/)
    expect(failure.message).not.toContain('stapler')
    expect(await dump()).toBe(before)
  })

  it('says there is no vault yet', async () => {
    const { store } = await freshVaultDb()
    expect((await failureOf(() => unlockVault(store, PASSPHRASE))).code).toBe('vault-missing')
  })

  it('refuses to create a second vault over the first', async () => {
    const { store, dump } = await freshVaultDb()
    await createVault(store, PASSPHRASE, { testOnlyIterations: LOW_ITERATIONS })
    const before = await dump()
    expect(
      (await failureOf(() => createVault(store, OTHER_PASSPHRASE, { testOnlyIterations: LOW_ITERATIONS }))).code,
    ).toBe('conflict')
    expect(await dump()).toBe(before)
  })

  it('refuses a short passphrase, saying why', async () => {
    const { store, dump } = await freshVaultDb()
    const failure = await failureOf(() => createVault(store, 'short', { testOnlyIterations: LOW_ITERATIONS }))
    expect(failure.code).toBe('bad-request')
    expect(failure.message).toMatch(/at least 10 characters/)
    expect(await dump()).toBe('{"vault":[],"secrets":[],"keyMeta":[]}')
  })

  it('changes the passphrase without touching records', async () => {
    const { store } = await freshVaultDb()
    const { dataKey } = await createVault(store, PASSPHRASE, { testOnlyIterations: LOW_ITERATIONS })
    const key = await importDataKey(dataKey)
    await putBaseKey(store, key, KEY_A.profile, KEY_A.accessKeyId, KEY_A.secretAccessKey)
    const before = await store.listRecords()
    const next = await changePassphrase(store, PASSPHRASE, OTHER_PASSPHRASE, { testOnlyIterations: LOW_ITERATIONS + 1 })
    expect(next.kdf.iterations).toBe(LOW_ITERATIONS + 1)
    expect(await store.listRecords()).toEqual(before)
    expect((await failureOf(() => unlockVault(store, PASSPHRASE))).code).toBe('wrong-passphrase')
    const reopened = await unlockVault(store, OTHER_PASSPHRASE, TEST_KDF)
    expect(await getBaseKey(store, await importDataKey(reopened.dataKey), KEY_A.profile)).toEqual({
      accessKeyId: KEY_A.accessKeyId,
      secretAccessKey: KEY_A.secretAccessKey,
    })
  })

  it('refuses to change the passphrase with a wrong old one, and changes nothing', async () => {
    const { store, dump } = await freshVaultDb()
    await createVault(store, PASSPHRASE, { testOnlyIterations: LOW_ITERATIONS })
    const before = await dump()
    expect(
      (
        await failureOf(() =>
          changePassphrase(store, 'not the passphrase', OTHER_PASSPHRASE, { testOnlyIterations: LOW_ITERATIONS }),
        )
      ).code,
    ).toBe('wrong-passphrase')
    expect(
      (await failureOf(() => changePassphrase(store, PASSPHRASE, 'weak', { testOnlyIterations: LOW_ITERATIONS }))).code,
    ).toBe('bad-request')
    expect(await dump()).toBe(before)
  })
})
