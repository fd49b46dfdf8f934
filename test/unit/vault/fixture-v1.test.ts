// Reads what the first release (vault format version 1) wrote — forever. If this test fails after a format
// change, the change needs a migration, not a new fixture.
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { importDataKey } from '../../../src/core/crypto'
import {
  getBaseKey,
  getCachedSession,
  importBackup,
  listKeys,
  putBaseKey,
  unlockVault,
  changePassphrase,
  DEFAULT_ITERATIONS,
  type VaultHeader,
} from '../../../src/core/vault'
import { failureOf, freshVaultDb, OTHER_PASSPHRASE } from './helpers'

const fixture = JSON.parse(readFileSync(new URL('./fixtures/format-v1.json', import.meta.url), 'utf8'))
/** The fixture's own count as "current", so an unlock does not re-wrap it where that is not what a test is about. */
const FIXTURE_KDF = { testOnlyIterations: 1000 }

async function vaultFromFixture() {
  const vault = await freshVaultDb()
  for (const name of ['vault', 'secrets', 'keyMeta'] as const) {
    for (const { key, value } of fixture.stores[name]) await vault.db.put(name, value, key)
  }
  return vault
}

describe('vault format version 1 fixture', () => {
  it('is what version 1 wrote, with its own (low) iteration count', () => {
    expect(fixture.formatVersion).toBe(1)
    expect(fixture.stores.vault[0].value).toMatchObject({ version: 1, kdf: { iterations: 1000 } })
  })

  it('unlocks and reads every base key and the cached session', async () => {
    const { store } = await vaultFromFixture()
    const key = await importDataKey((await unlockVault(store, fixture.passphrase)).dataKey)
    for (const k of fixture.expected.keys) {
      expect(await getBaseKey(store, key, k.profile)).toEqual({
        accessKeyId: k.accessKeyId,
        secretAccessKey: k.secretAccessKey,
      })
    }
    expect(await getCachedSession(store, key, fixture.expected.session.id)).toEqual(fixture.expected.session.value)
    expect(await listKeys(store)).toEqual([
      { profile: 'fixture second', accessKeyIdLast4: 'MPLE', createdAt: '2024-05-01T09:00:00.000Z' },
      {
        profile: 'fixture-main',
        accessKeyIdLast4: 'MPLE',
        createdAt: '2024-05-01T09:00:00.000Z',
        iamUserName: 'fixture.user',
        accountId: '123456789012',
        userArn: 'arn:aws:iam::123456789012:user/fixture.user',
      },
    ])
    // Its 1,000 iterations were raised by the unlock; the same passphrase opens the stronger header.
    expect(((await store.readHeader()) as VaultHeader).kdf.iterations).toBe(DEFAULT_ITERATIONS)
    const again = await importDataKey((await unlockVault(store, fixture.passphrase)).dataKey)
    expect((await getBaseKey(store, again, 'fixture second')).secretAccessKey).toBe(
      fixture.expected.keys[1].secretAccessKey,
    )
  })

  it("keeps working with today's writes mixed in (rotate a key, change the passphrase)", async () => {
    const { store } = await vaultFromFixture()
    const key = await importDataKey((await unlockVault(store, fixture.passphrase, FIXTURE_KDF)).dataKey)
    await putBaseKey(store, key, 'fixture-main', 'AKIAZZZZZZZZZZZZ9999', 'x'.repeat(40))
    await changePassphrase(store, fixture.passphrase, OTHER_PASSPHRASE, FIXTURE_KDF)
    const again = await importDataKey((await unlockVault(store, OTHER_PASSPHRASE, FIXTURE_KDF)).dataKey)
    expect((await getBaseKey(store, again, 'fixture-main')).accessKeyId).toBe('AKIAZZZZZZZZZZZZ9999')
    expect((await getBaseKey(store, again, 'fixture second')).secretAccessKey).toBe(
      fixture.expected.keys[1].secretAccessKey,
    )
    expect((await listKeys(store)).find((k) => k.profile === 'fixture-main')).toMatchObject({
      iamUserName: 'fixture.user',
      accessKeyIdLast4: '9999',
    })
  })

  it('imports the version-1 backup file (its 1,000 iterations pass only under the test-only floor)', async () => {
    const { store, dump } = await freshVaultDb()
    expect((await failureOf(() => importBackup(store, fixture.backup, fixture.passphrase))).message).toMatch(
      /only 1,000 PBKDF2 iterations/,
    )
    expect(await dump()).toBe('{"vault":[],"secrets":[],"keyMeta":[]}')
    const now = new Date('2025-06-01T10:00:00.000Z')
    const key = await importDataKey(
      (await importBackup(store, fixture.backup, fixture.passphrase, { ...FIXTURE_KDF, now })).dataKey,
    )
    for (const k of fixture.expected.keys) {
      expect(await getBaseKey(store, key, k.profile)).toEqual({
        accessKeyId: k.accessKeyId,
        secretAccessKey: k.secretAccessKey,
      })
    }
    // A version-1 backup has no seal, so its metadata (the IAM user name among it) is not kept.
    expect(await listKeys(store)).toEqual([
      { profile: 'fixture second', accessKeyIdLast4: 'MPLE', createdAt: now.toISOString() },
      { profile: 'fixture-main', accessKeyIdLast4: 'MPLE', createdAt: now.toISOString() },
    ])
  })
})
