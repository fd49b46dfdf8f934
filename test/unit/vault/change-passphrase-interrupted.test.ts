// "Change passphrase interrupted mid-way loses nothing": the store fails at each explicit checkpoint inside
// the commit, and afterwards the old passphrase still opens the vault, every record is readable, and the
// stores are byte-for-byte what they were.
import { describe, expect, it } from 'vitest'
import { importDataKey } from '../../../src/core/crypto'
import {
  changePassphrase,
  createVault,
  getBaseKey,
  getCachedSession,
  putBaseKey,
  putCachedSession,
  unlockVault,
  type CommitCheckpoint,
} from '../../../src/core/vault'
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

class InjectedFault extends Error {}

async function vaultFailingAt(point: CommitCheckpoint) {
  let armed = false
  const vault = await freshVaultDb({
    checkpoint: (p) => {
      if (armed && p === point) throw new InjectedFault(`fault at ${p}`)
    },
  })
  const key = await importDataKey(
    (await createVault(vault.store, PASSPHRASE, { testOnlyIterations: LOW_ITERATIONS })).dataKey,
  )
  await putBaseKey(vault.store, key, KEY_A.profile, KEY_A.accessKeyId, KEY_A.secretAccessKey)
  await putBaseKey(vault.store, key, KEY_B.profile, KEY_B.accessKeyId, KEY_B.secretAccessKey)
  await putCachedSession(vault.store, key, 'mfa-1', SESSION)
  return {
    ...vault,
    arm: () => {
      armed = true
    },
  }
}

async function expectEverythingReadableWith(
  store: Awaited<ReturnType<typeof freshVaultDb>>['store'],
  passphrase: string,
) {
  const key = await importDataKey((await unlockVault(store, passphrase, TEST_KDF)).dataKey)
  expect((await getBaseKey(store, key, KEY_A.profile)).secretAccessKey).toBe(KEY_A.secretAccessKey)
  expect((await getBaseKey(store, key, KEY_B.profile)).secretAccessKey).toBe(KEY_B.secretAccessKey)
  expect(await getCachedSession(store, key, 'mfa-1')).toEqual(SESSION)
}

describe('change passphrase, interrupted', () => {
  for (const point of ['checked', 'header-written'] as const) {
    it(`loses nothing when the store fails at "${point}"`, async () => {
      const vault = await vaultFailingAt(point)
      const before = await vault.dump()
      vault.arm()
      await expect(
        changePassphrase(vault.store, PASSPHRASE, OTHER_PASSPHRASE, { testOnlyIterations: LOW_ITERATIONS }),
      ).rejects.toBeInstanceOf(InjectedFault)
      expect(await vault.dump()).toBe(before)
      await expectEverythingReadableWith(vault.store, PASSPHRASE)
      expect((await failureOf(() => unlockVault(vault.store, OTHER_PASSPHRASE))).code).toBe('wrong-passphrase')
    })
  }

  it('refuses to overwrite a header that changed after it was opened (two windows at once)', async () => {
    const vault = await vaultFailingAt('checked')
    let raced = false
    const racing = {
      ...vault.store,
      async commit(batch: Parameters<typeof vault.store.commit>[0]) {
        if (!raced) {
          raced = true
          await changePassphrase(vault.store, PASSPHRASE, 'a third passphrase, racing', {
            testOnlyIterations: LOW_ITERATIONS,
          })
        }
        return vault.store.commit(batch)
      },
    }
    const failure = await failureOf(() =>
      changePassphrase(racing, PASSPHRASE, OTHER_PASSPHRASE, { testOnlyIterations: LOW_ITERATIONS }),
    )
    expect(failure.code).toBe('conflict')
    await expectEverythingReadableWith(vault.store, 'a third passphrase, racing')
  })

  it('still works once the fault is gone', async () => {
    const vault = await vaultFailingAt('header-written')
    await changePassphrase(vault.store, PASSPHRASE, OTHER_PASSPHRASE, { testOnlyIterations: LOW_ITERATIONS })
    await expectEverythingReadableWith(vault.store, OTHER_PASSPHRASE)
  })
})
