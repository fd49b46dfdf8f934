import { describe, expect, it } from 'vitest'
import { importDataKey, toBase64, utf8 } from '../../../src/core/crypto'
import {
  createVault, exportBackup, getBaseKey, importBackup, listKeys, putBaseKey, putCachedSession, setKeyMeta, unlockVault, DEFAULT_ITERATIONS,
  type CommitCheckpoint,
} from '../../../src/core/vault'
import { checksumOf } from '../../../src/core/vault/checksum'
import { failureOf, flipBit, freshVaultDb, KEY_A, KEY_B, LOW_ITERATIONS, OTHER_PASSPHRASE, PASSPHRASE, SESSION, TEST_KDF } from './helpers'

async function vaultWithKeys(passphrase = PASSPHRASE) {
  const vault = await freshVaultDb()
  const { dataKey } = await createVault(vault.store, passphrase, { testOnlyIterations: LOW_ITERATIONS })
  const key = await importDataKey(dataKey)
  await putBaseKey(vault.store, key, KEY_A.profile, KEY_A.accessKeyId, KEY_A.secretAccessKey)
  await putBaseKey(vault.store, key, KEY_B.profile, KEY_B.accessKeyId, KEY_B.secretAccessKey)
  await setKeyMeta(vault.store, KEY_A.profile, { iamUserName: 'alice', accountId: '123456789012' })
  await putCachedSession(vault.store, key, 'mfa-1', SESSION)
  return { ...vault, key, dataKey }
}

const hex = (s: string) => Buffer.from(s).toString('hex')

describe('encrypted backup', () => {
  it('round-trips into a fresh vault: same keys, same metadata, opened with the backup\'s passphrase', async () => {
    const source = await vaultWithKeys()
    const text = await exportBackup(source.store, source.key)
    const target = await freshVaultDb()
    const opened = await importBackup(target.store, text, PASSPHRASE, TEST_KDF)
    const key = await importDataKey(opened.dataKey)
    expect(await getBaseKey(target.store, key, KEY_A.profile)).toEqual({ accessKeyId: KEY_A.accessKeyId, secretAccessKey: KEY_A.secretAccessKey })
    expect(await getBaseKey(target.store, key, KEY_B.profile)).toEqual({ accessKeyId: KEY_B.accessKeyId, secretAccessKey: KEY_B.secretAccessKey })
    expect(await listKeys(target.store)).toEqual(await listKeys(source.store))
    expect((await listKeys(target.store))[0]).toMatchObject({ profile: 'alpha', accessKeyIdLast4: 'MPLE', iamUserName: 'alice' })
    await unlockVault(target.store, PASSPHRASE, TEST_KDF)
  })

  it('holds no plaintext secret, passphrase or data key in any encoding', async () => {
    const source = await vaultWithKeys()
    const text = await exportBackup(source.store, source.key)
    const parsed = JSON.parse(text)
    expect(parsed).toMatchObject({ format: 'rolecall-backup', version: 1, header: { kdf: { iterations: LOW_ITERATIONS } } })
    expect(parsed.records).toHaveLength(2) // base keys only: cached sessions expire and are not backed up
    for (const secret of [KEY_A.secretAccessKey, KEY_B.secretAccessKey, KEY_A.accessKeyId, SESSION.sessionToken, PASSPHRASE]) {
      for (const form of [secret, toBase64(utf8(secret)), hex(secret)]) expect(text).not.toContain(form)
    }
    for (const form of [toBase64(source.dataKey), Buffer.from(source.dataKey).toString('hex')]) expect(text).not.toContain(form)
  })

  it('says "wrong passphrase" for the wrong passphrase, and imports nothing', async () => {
    const source = await vaultWithKeys()
    const text = await exportBackup(source.store, source.key)
    const target = await vaultWithKeys(OTHER_PASSPHRASE)
    const before = await target.dump()
    const failure = await failureOf(() => importBackup(target.store, text, OTHER_PASSPHRASE, TEST_KDF))
    expect(failure.code).toBe('wrong-passphrase')
    expect(failure.message).toMatch(/does not open this backup/)
    expect(await target.dump()).toBe(before)
  })

  it('names a file that is not a backup at all', async () => {
    const target = await freshVaultDb()
    for (const [text, why] of [
      ['[default]\naws_access_key_id = AKIA...', /not a Rolecall backup \(it is not JSON\)/],
      ['{"format":"something-else"}', /not a Rolecall backup \(it has no "format": "rolecall-backup"\)/],
      ['', /not JSON/],
    ] as const) {
      const failure = await failureOf(() => importBackup(target.store, text, PASSPHRASE, TEST_KDF))
      expect(failure.code).toBe('bad-request')
      expect(failure.message).toMatch(why)
    }
    expect(await target.dump()).toBe('{"vault":[],"secrets":[],"keyMeta":[]}')
  })

  it('says when a backup comes from a newer Rolecall', async () => {
    const target = await freshVaultDb()
    const newer = { format: 'rolecall-backup', version: 7, whatever: 'comes next' }
    const text = JSON.stringify({ ...newer, check: await checksumOf(newer) })
    const failure = await failureOf(() => importBackup(target.store, text, PASSPHRASE, TEST_KDF))
    expect(failure.message).toMatch(/newer Rolecall \(format version 7\)/)
  })

  it('fails with "damaged" and imports nothing for every single-bit flip of the file', async () => {
    const source = await vaultWithKeys()
    const bytes = utf8(await exportBackup(source.store, source.key))
    const target = await vaultWithKeys(OTHER_PASSPHRASE)
    const before = await target.dump()
    const codes = new Set<string>()
    // Every bit of the JSON (not only its values): a flip anywhere must be caught before anything is written.
    for (let bit = 0; bit < bytes.length * 8; bit++) {
      const damaged = new TextDecoder().decode(flipBit(bytes, bit))
      const failure = await failureOf(() => importBackup(target.store, damaged, PASSPHRASE, TEST_KDF))
      codes.add(failure.code)
      expect(failure.message).not.toContain(PASSPHRASE)
    }
    expect(await target.dump()).toBe(before)
    expect([...codes].sort()).toEqual(['bad-request', 'tampered'])
  }, 60_000)

  it('is all or nothing when the store fails part-way through the import', async () => {
    const source = await vaultWithKeys()
    const text = await exportBackup(source.store, source.key)
    for (const point of ['cleared', 'header-written', 'record-written', 'meta-written'] as CommitCheckpoint[]) {
      let armed = false
      const target = await freshVaultDb({ checkpoint: (p) => { if (armed && p === point) throw new Error(`fault at ${p}`) } })
      const key = await importDataKey((await createVault(target.store, OTHER_PASSPHRASE, { testOnlyIterations: LOW_ITERATIONS })).dataKey)
      await putBaseKey(target.store, key, 'gamma', KEY_A.accessKeyId, KEY_B.secretAccessKey)
      const before = await target.dump()
      armed = true
      await expect(importBackup(target.store, text, PASSPHRASE, TEST_KDF)).rejects.toThrow(`fault at ${point}`)
      expect(await target.dump()).toBe(before)
      expect((await getBaseKey(target.store, key, 'gamma')).secretAccessKey).toBe(KEY_B.secretAccessKey)
    }
  })

  it('refuses to export while a key is damaged, naming it', async () => {
    const source = await vaultWithKeys()
    const record = (await source.db.get('secrets', 'base:beta-admin')) as { ct: string }
    const replaced = record.ct.startsWith('A') ? `B${record.ct.slice(1)}` : `A${record.ct.slice(1)}`
    await source.db.put('secrets', { ...record, ct: replaced }, 'base:beta-admin')
    expect((await failureOf(() => exportBackup(source.store, source.key))).message).toMatch(/^The key of profile "beta-admin" cannot be decrypted/)
  })

  it('detects records swapped inside an otherwise well-formed file, and imports nothing', async () => {
    const source = await vaultWithKeys()
    const file = JSON.parse(await exportBackup(source.store, source.key))
    const [a, b] = file.records
    file.records = [{ ...b, id: a.id }, { ...a, id: b.id }]
    delete file.check
    const text = JSON.stringify({ ...file, check: await checksumOf(file) })
    const target = await freshVaultDb()
    const failure = await failureOf(() => importBackup(target.store, text, PASSPHRASE, TEST_KDF))
    expect(failure.code).toBe('tampered')
    expect(failure.message).toBe('The backup file is damaged (the key of profile "alpha" does not decrypt). Nothing was imported.')
    expect(await target.dump()).toBe('{"vault":[],"secrets":[],"keyMeta":[]}')
  })

  it('detects metadata that does not match the keys', async () => {
    const source = await vaultWithKeys()
    const file = JSON.parse(await exportBackup(source.store, source.key))
    file.keyMeta = file.keyMeta.slice(1)
    delete file.check
    const text = JSON.stringify({ ...file, check: await checksumOf(file) })
    const target = await freshVaultDb()
    const failure = await failureOf(() => importBackup(target.store, text, PASSPHRASE, TEST_KDF))
    expect(failure.message).toMatch(/damaged \(the key of profile "alpha" has no metadata\)/)
  })
})

describe('backup import: PBKDF2 floor', () => {
  it('refuses a backup below 600,000 iterations, says what to do, and changes nothing', async () => {
    const source = await vaultWithKeys() // LOW_ITERATIONS, through the test-only option
    const text = await exportBackup(source.store, source.key)
    const target = await vaultWithKeys(OTHER_PASSPHRASE)
    const before = await target.dump()
    // Without the test option the production floor applies, before the passphrase is even tried.
    for (const passphrase of [PASSPHRASE, 'not the backup passphrase']) {
      const failure = await failureOf(() => importBackup(target.store, text, passphrase))
      expect(failure.code).toBe('bad-request')
      expect(failure.message).toBe(
        'This backup protects its keys with only 1,000 PBKDF2 iterations; Rolecall restores a backup only with at least 600,000, '
        + 'so that a copied backup file resists passphrase guessing. Nothing was imported. '
        + 'Export the backup again from a current Rolecall (Options → Backup → Export) and import that file.',
      )
    }
    expect(await target.dump()).toBe(before)
  })

  it('restores a backup with exactly 600,000 iterations', async () => {
    const source = await freshVaultDb()
    const { dataKey } = await createVault(source.store, PASSPHRASE) // the production default
    const key = await importDataKey(dataKey)
    await putBaseKey(source.store, key, KEY_A.profile, KEY_A.accessKeyId, KEY_A.secretAccessKey)
    const target = await freshVaultDb()
    const opened = await importBackup(target.store, await exportBackup(source.store, key), PASSPHRASE)
    expect(opened.header.kdf.iterations).toBe(DEFAULT_ITERATIONS)
    expect((await getBaseKey(target.store, await importDataKey(opened.dataKey), KEY_A.profile)).secretAccessKey).toBe(KEY_A.secretAccessKey)
  })
})
