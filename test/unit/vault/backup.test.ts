import { describe, expect, it } from 'vitest'
import { deriveMacKey, importDataKey, macOf, toBase64, utf8 } from '../../../src/core/crypto'
import {
  canonicalJson,
  createVault,
  exportBackup,
  getBaseKey,
  importBackup,
  listKeys,
  putBaseKey,
  putCachedSession,
  setKeyMeta,
  unlockVault,
  DEFAULT_ITERATIONS,
  type CommitCheckpoint,
} from '../../../src/core/vault'
import { checksumOf } from '../../../src/core/vault/checksum'
import {
  failureOf,
  flipBit,
  freshVaultDb,
  KEY_A,
  KEY_B,
  LOW_ITERATIONS,
  OTHER_PASSPHRASE,
  PASSPHRASE,
  SESSION,
  TEST_KDF,
} from './helpers'

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

interface BackupJson {
  version: number
  exportedAt: string
  mac?: string
  check?: string
  records: Array<Record<string, string | number> & { id: string }>
  keyMeta: Array<Record<string, string>>
}

const CHANGED =
  "The backup file was changed after it was exported: its contents no longer match the seal Rolecall made with the vault's key. " +
  'Nothing was imported and the vault is unchanged. Import the file exactly as Rolecall exported it, or export a new one.'

/**
 * The file as someone who edited it would write it: a recomputed checksum (anyone can), and a new seal only
 * when they hold a data key (`resealWith`): the vault's own, or their own vault's.
 */
async function rewritten(file: object, resealWith?: Uint8Array<ArrayBuffer>): Promise<string> {
  const { check: _check, ...rest } = file as Record<string, unknown>
  let sealed = rest
  if (resealWith) {
    const { mac: _mac, ...body } = rest
    sealed = { ...body, mac: await macOf(await deriveMacKey(resealWith, 'backup-meta'), canonicalJson(body)!) }
  }
  return JSON.stringify({ ...sealed, check: await checksumOf(sealed) })
}

describe('encrypted backup', () => {
  it("round-trips into a fresh vault: same keys, same metadata, opened with the backup's passphrase", async () => {
    const source = await vaultWithKeys()
    const text = await exportBackup(source.store, source.dataKey)
    const target = await freshVaultDb()
    const opened = await importBackup(target.store, text, PASSPHRASE, TEST_KDF)
    const key = await importDataKey(opened.dataKey)
    expect(await getBaseKey(target.store, key, KEY_A.profile)).toEqual({
      accessKeyId: KEY_A.accessKeyId,
      secretAccessKey: KEY_A.secretAccessKey,
    })
    expect(await getBaseKey(target.store, key, KEY_B.profile)).toEqual({
      accessKeyId: KEY_B.accessKeyId,
      secretAccessKey: KEY_B.secretAccessKey,
    })
    expect(await listKeys(target.store)).toEqual(await listKeys(source.store))
    expect((await listKeys(target.store))[0]).toMatchObject({
      profile: 'alpha',
      accessKeyIdLast4: 'MPLE',
      iamUserName: 'alice',
    })
    await unlockVault(target.store, PASSPHRASE, TEST_KDF)
  })

  it('holds no plaintext secret, passphrase or data key in any encoding', async () => {
    const source = await vaultWithKeys()
    const text = await exportBackup(source.store, source.dataKey)
    const parsed = JSON.parse(text)
    expect(parsed).toMatchObject({
      format: 'rolecall-backup',
      version: 2,
      header: { kdf: { iterations: LOW_ITERATIONS } },
      mac: expect.any(String),
    })
    expect(parsed.records).toHaveLength(2) // base keys only: cached sessions expire and are not backed up
    for (const secret of [
      KEY_A.secretAccessKey,
      KEY_B.secretAccessKey,
      KEY_A.accessKeyId,
      SESSION.sessionToken,
      PASSPHRASE,
    ]) {
      for (const form of [secret, toBase64(utf8(secret)), hex(secret)]) expect(text).not.toContain(form)
    }
    for (const form of [toBase64(source.dataKey), Buffer.from(source.dataKey).toString('hex')])
      expect(text).not.toContain(form)
  })

  it('says "wrong passphrase" for the wrong passphrase, and imports nothing', async () => {
    const source = await vaultWithKeys()
    const text = await exportBackup(source.store, source.dataKey)
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
    const bytes = utf8(await exportBackup(source.store, source.dataKey))
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
    const text = await exportBackup(source.store, source.dataKey)
    for (const point of ['cleared', 'header-written', 'record-written', 'meta-written'] as CommitCheckpoint[]) {
      let armed = false
      const target = await freshVaultDb({
        checkpoint: (p) => {
          if (armed && p === point) throw new Error(`fault at ${p}`)
        },
      })
      const key = await importDataKey(
        (await createVault(target.store, OTHER_PASSPHRASE, { testOnlyIterations: LOW_ITERATIONS })).dataKey,
      )
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
    expect((await failureOf(() => exportBackup(source.store, source.dataKey))).message).toMatch(
      /^The key of profile "beta-admin" cannot be decrypted/,
    )
  })

  it('detects records swapped inside an otherwise well-formed file, and imports nothing', async () => {
    const source = await vaultWithKeys()
    const file = JSON.parse(await exportBackup(source.store, source.dataKey))
    const [a, b] = file.records
    file.records = [
      { ...b, id: a.id },
      { ...a, id: b.id },
    ]
    const target = await freshVaultDb()
    const failure = await failureOf(async () => importBackup(target.store, await rewritten(file), PASSPHRASE, TEST_KDF))
    expect(failure.code).toBe('tampered')
    expect(failure.message).toBe(CHANGED)
    // Even someone holding the data key (who could re-seal the file) cannot move a ciphertext to another profile.
    const resealed = await failureOf(async () =>
      importBackup(target.store, await rewritten(file, source.dataKey), PASSPHRASE, TEST_KDF),
    )
    expect(resealed.message).toBe(
      'The backup file is damaged (the key of profile "alpha" does not decrypt). Nothing was imported.',
    )
    expect(await target.dump()).toBe('{"vault":[],"secrets":[],"keyMeta":[]}')
  })

  it('detects metadata that does not match the keys', async () => {
    const source = await vaultWithKeys()
    const file = JSON.parse(await exportBackup(source.store, source.dataKey))
    file.keyMeta = file.keyMeta.slice(1)
    const target = await freshVaultDb()
    expect(
      (await failureOf(async () => importBackup(target.store, await rewritten(file), PASSPHRASE, TEST_KDF))).message,
    ).toBe(CHANGED)
    const failure = await failureOf(async () =>
      importBackup(target.store, await rewritten(file, source.dataKey), PASSPHRASE, TEST_KDF),
    )
    expect(failure.message).toMatch(/damaged \(the key of profile "alpha" has no metadata\)/)
  })
})

describe('backup import: the file is sealed under the data key', () => {
  const edits: Array<[string, (file: BackupJson) => void]> = [
    [
      'IAM user name changed (it becomes role session and federation names)',
      (f) => {
        f.keyMeta[0]!.iamUserName = 'mallory'
      },
    ],
    [
      'account id changed',
      (f) => {
        f.keyMeta[0]!.accountId = '999999999999'
      },
    ],
    [
      'last 4 characters of a key id changed',
      (f) => {
        f.keyMeta[1]!.accessKeyIdLast4 = 'ZZZZ'
      },
    ],
    [
      'IAM user name added',
      (f) => {
        f.keyMeta[1]!.iamUserName = 'bob'
      },
    ],
    [
      'export time changed',
      (f) => {
        f.exportedAt = '2001-01-01T00:00:00.000Z'
      },
    ],
    [
      'a key removed with its metadata',
      (f) => {
        f.records.pop()
        f.keyMeta.pop()
      },
    ],
  ]
  for (const [what, edit] of edits) {
    it(`refuses a file edited after export (${what}; checksum recomputed) and leaves the vault untouched`, async () => {
      const source = await vaultWithKeys()
      const file = JSON.parse(await exportBackup(source.store, source.dataKey)) as BackupJson
      edit(file)
      const target = await vaultWithKeys(OTHER_PASSPHRASE)
      const before = await target.dump()
      const failure = await failureOf(async () =>
        importBackup(target.store, await rewritten(file), PASSPHRASE, TEST_KDF),
      )
      expect(failure.code).toBe('tampered')
      expect(failure.message).toBe(CHANGED)
      expect(await target.dump()).toBe(before)
      const key = await importDataKey((await unlockVault(target.store, OTHER_PASSPHRASE, TEST_KDF)).dataKey)
      expect((await getBaseKey(target.store, key, KEY_A.profile)).secretAccessKey).toBe(KEY_A.secretAccessKey)
    })
  }

  it("refuses a seal made with another vault's key, or none, or a malformed one", async () => {
    const source = await vaultWithKeys()
    const file = JSON.parse(await exportBackup(source.store, source.dataKey)) as BackupJson
    file.keyMeta[0]!.iamUserName = 'mallory'
    const attacker = await vaultWithKeys(OTHER_PASSPHRASE)
    const target = await freshVaultDb()
    for (const mac of [undefined, '', 'not base64', file.mac]) {
      const text = mac === undefined ? await rewritten(file, attacker.dataKey) : await rewritten({ ...file, mac })
      expect((await failureOf(() => importBackup(target.store, text, PASSPHRASE, TEST_KDF))).message).toBe(CHANGED)
    }
    expect(await target.dump()).toBe('{"vault":[],"secrets":[],"keyMeta":[]}')
  })

  it('refuses a version-2 file without its seal as damaged', async () => {
    const source = await vaultWithKeys()
    const { mac: _mac, ...file } = JSON.parse(await exportBackup(source.store, source.dataKey)) as BackupJson
    const failure = await failureOf(async () =>
      importBackup((await freshVaultDb()).store, await rewritten(file), PASSPHRASE, TEST_KDF),
    )
    expect(failure.message).toBe('The backup file is damaged (unexpected or missing fields). Nothing was imported.')
  })
})

describe('backup import: old format (version 1, no seal)', () => {
  /** What the previous Rolecall exported — here with the metadata edited, as anyone could. */
  async function editedVersionOne() {
    const source = await vaultWithKeys()
    const { mac: _mac, ...file } = JSON.parse(await exportBackup(source.store, source.dataKey)) as BackupJson
    file.version = 1
    file.keyMeta[0]!.iamUserName = 'mallory'
    file.keyMeta[1]!.accountId = '999999999999'
    return rewritten(file)
  }

  it('imports its keys, which are sealed, but none of its metadata, which is not', async () => {
    const target = await vaultWithKeys(OTHER_PASSPHRASE)
    const now = new Date('2025-06-01T10:00:00.000Z')
    const opened = await importBackup(target.store, await editedVersionOne(), PASSPHRASE, { ...TEST_KDF, now })
    const key = await importDataKey(opened.dataKey)
    expect(await getBaseKey(target.store, key, KEY_A.profile)).toEqual({
      accessKeyId: KEY_A.accessKeyId,
      secretAccessKey: KEY_A.secretAccessKey,
    })
    expect(await getBaseKey(target.store, key, KEY_B.profile)).toEqual({
      accessKeyId: KEY_B.accessKeyId,
      secretAccessKey: KEY_B.secretAccessKey,
    })
    // Only what each sealed key proves; the IAM user name is learned again by GetCallerIdentity at the next login.
    expect(await listKeys(target.store)).toEqual([
      { profile: KEY_A.profile, accessKeyIdLast4: 'MPLE', createdAt: now.toISOString() },
      { profile: KEY_B.profile, accessKeyIdLast4: 'MPLE', createdAt: now.toISOString() },
    ])
    await unlockVault(target.store, PASSPHRASE, TEST_KDF)
  })

  it('still refuses it whole when a record does not decrypt', async () => {
    const text = await editedVersionOne()
    const file = JSON.parse(text) as BackupJson
    const [a, b] = file.records
    file.records = [
      { ...b!, id: a!.id },
      { ...a!, id: b!.id },
    ]
    const target = await vaultWithKeys(OTHER_PASSPHRASE)
    const before = await target.dump()
    const failure = await failureOf(async () => importBackup(target.store, await rewritten(file), PASSPHRASE, TEST_KDF))
    expect(failure.message).toBe(
      'The backup file is damaged (the key of profile "alpha" does not decrypt). Nothing was imported.',
    )
    expect(await target.dump()).toBe(before)
  })
})

describe('backup import: PBKDF2 floor', () => {
  it('refuses a backup below 600,000 iterations, says what to do, and changes nothing', async () => {
    const source = await vaultWithKeys() // LOW_ITERATIONS, through the test-only option
    const text = await exportBackup(source.store, source.dataKey)
    const target = await vaultWithKeys(OTHER_PASSPHRASE)
    const before = await target.dump()
    // Without the test option the production floor applies, before the passphrase is even tried.
    for (const passphrase of [PASSPHRASE, 'not the backup passphrase']) {
      const failure = await failureOf(() => importBackup(target.store, text, passphrase))
      expect(failure.code).toBe('bad-request')
      expect(failure.message).toBe(
        'This backup protects its keys with only 1,000 PBKDF2 iterations; Rolecall restores a backup only with at least 600,000, ' +
          'so that a copied backup file resists passphrase guessing. Nothing was imported. ' +
          "Export the backup again from a current Rolecall's options (Backup → Export) and import that file.",
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
    const opened = await importBackup(target.store, await exportBackup(source.store, dataKey), PASSPHRASE)
    expect(opened.header.kdf.iterations).toBe(DEFAULT_ITERATIONS)
    expect((await getBaseKey(target.store, await importDataKey(opened.dataKey), KEY_A.profile)).secretAccessKey).toBe(
      KEY_A.secretAccessKey,
    )
  })
})
