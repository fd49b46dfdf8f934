import { beforeEach, describe, expect, it } from 'vitest'
import { importDataKey } from '../../../src/core/crypto'
import {
  createVault,
  deleteBaseKey,
  forgetCachedSessions,
  getBaseKey,
  getCachedSession,
  listKeys,
  putBaseKey,
  putCachedSession,
  setKeyMeta,
} from '../../../src/core/vault'
import { failureOf, freshVaultDb, KEY_A, KEY_B, LOW_ITERATIONS, PASSPHRASE, SESSION } from './helpers'

let vault: Awaited<ReturnType<typeof freshVaultDb>>
let key: CryptoKey
beforeEach(async () => {
  vault = await freshVaultDb()
  key = await importDataKey(
    (await createVault(vault.store, PASSPHRASE, { testOnlyIterations: LOW_ITERATIONS })).dataKey,
  )
})

describe('base keys', () => {
  it('stores a key with metadata that keeps only the last 4 characters of its id', async () => {
    const meta = await putBaseKey(
      vault.store,
      key,
      KEY_A.profile,
      KEY_A.accessKeyId,
      KEY_A.secretAccessKey,
      new Date('2025-01-02T03:04:05Z'),
    )
    expect(meta).toEqual({ profile: 'alpha', accessKeyIdLast4: 'MPLE', createdAt: '2025-01-02T03:04:05.000Z' })
    expect(JSON.stringify(await vault.db.getAll('keyMeta'))).not.toContain(KEY_A.accessKeyId)
    expect(JSON.stringify(await vault.db.getAll('secrets'))).not.toContain(KEY_A.secretAccessKey)
    expect(await getBaseKey(vault.store, key, 'alpha')).toEqual({
      accessKeyId: KEY_A.accessKeyId,
      secretAccessKey: KEY_A.secretAccessKey,
    })
  })

  it('rotates a key: new secret, rotatedAt set, identity kept', async () => {
    await putBaseKey(
      vault.store,
      key,
      'alpha',
      KEY_A.accessKeyId,
      KEY_A.secretAccessKey,
      new Date('2025-01-01T00:00:00Z'),
    )
    await setKeyMeta(vault.store, 'alpha', {
      iamUserName: 'alice',
      accountId: '123456789012',
      userArn: 'arn:aws:iam::123456789012:user/alice',
    })
    await putBaseKey(
      vault.store,
      key,
      'alpha',
      KEY_B.accessKeyId,
      KEY_B.secretAccessKey,
      new Date('2025-02-01T00:00:00Z'),
    )
    expect(await listKeys(vault.store)).toEqual([
      {
        profile: 'alpha',
        accessKeyIdLast4: 'MPLE',
        createdAt: '2025-01-01T00:00:00.000Z',
        rotatedAt: '2025-02-01T00:00:00.000Z',
        iamUserName: 'alice',
        accountId: '123456789012',
        userArn: 'arn:aws:iam::123456789012:user/alice',
      },
    ])
    expect((await getBaseKey(vault.store, key, 'alpha')).secretAccessKey).toBe(KEY_B.secretAccessKey)
  })

  it('deletes a key and its metadata together', async () => {
    await putBaseKey(vault.store, key, 'alpha', KEY_A.accessKeyId, KEY_A.secretAccessKey)
    await putBaseKey(vault.store, key, 'beta', KEY_B.accessKeyId, KEY_B.secretAccessKey)
    await deleteBaseKey(vault.store, 'alpha')
    expect((await listKeys(vault.store)).map((k) => k.profile)).toEqual(['beta'])
    const failure = await failureOf(() => getBaseKey(vault.store, key, 'alpha'))
    expect(failure.code).toBe('not-found')
    expect(failure.message).toBe('No access key is stored for profile "alpha". Add it in Rolecall\'s options (Keys).')
  })

  it('lists a key whose metadata was lost, marked damaged, so it can still be deleted', async () => {
    await putBaseKey(vault.store, key, 'alpha', KEY_A.accessKeyId, KEY_A.secretAccessKey)
    await vault.db.put('keyMeta', { junk: true }, 'alpha')
    expect(await listKeys(vault.store)).toEqual([
      { profile: 'alpha', accessKeyIdLast4: '????', createdAt: '1970-01-01T00:00:00.000Z', damaged: true },
    ])
  })

  it('validates metadata updates and refuses them for unknown profiles', async () => {
    await putBaseKey(vault.store, key, 'alpha', KEY_A.accessKeyId, KEY_A.secretAccessKey)
    expect((await failureOf(() => setKeyMeta(vault.store, 'alpha', { accountId: '12345' }))).message).toMatch(
      /12 digits/,
    )
    expect((await failureOf(() => setKeyMeta(vault.store, 'alpha', { iamUserName: 'no spaces allowed' }))).code).toBe(
      'bad-request',
    )
    expect((await failureOf(() => setKeyMeta(vault.store, 'nobody', { iamUserName: 'x' }))).code).toBe('not-found')
  })
})

describe('cached sessions', () => {
  it('stores, reads and forgets sessions without touching base keys', async () => {
    await putBaseKey(vault.store, key, 'alpha', KEY_A.accessKeyId, KEY_A.secretAccessKey)
    await putCachedSession(vault.store, key, 'arn:aws:iam::1:mfa/a', SESSION)
    await putCachedSession(vault.store, key, 'arn:aws:iam::1:mfa/b', { ...SESSION, sessionToken: 'other' })
    expect(await getCachedSession(vault.store, key, 'arn:aws:iam::1:mfa/a')).toEqual(SESSION)
    expect(await getCachedSession(vault.store, key, 'arn:aws:iam::1:mfa/none')).toBeUndefined()
    expect(await forgetCachedSessions(vault.store)).toBe(2)
    expect(await getCachedSession(vault.store, key, 'arn:aws:iam::1:mfa/a')).toBeUndefined()
    expect((await getBaseKey(vault.store, key, 'alpha')).secretAccessKey).toBe(KEY_A.secretAccessKey)
    expect(await listKeys(vault.store)).toHaveLength(1)
  })

  it('refuses a malformed session', async () => {
    expect(
      (await failureOf(() => putCachedSession(vault.store, key, 'x', { ...SESSION, expiration: 'soon' }))).code,
    ).toBe('bad-request')
    expect((await failureOf(() => putCachedSession(vault.store, key, '', SESSION))).code).toBe('bad-request')
  })
})
