// "Flipping any single bit of a record's ciphertext or IV fails that record closed with a clear error and
// leaves the others readable; swapping two records' ciphertexts is detected."
import { beforeEach, describe, expect, it } from 'vitest'
import { fromBase64, importDataKey, toBase64 } from '../../../src/core/crypto'
import {
  createVault,
  getBaseKey,
  getCachedSession,
  putBaseKey,
  putCachedSession,
  baseKeyRecordId,
  sessionRecordId,
  type SealedRecord,
} from '../../../src/core/vault'
import { failureOf, flipBit, freshVaultDb, KEY_A, KEY_B, LOW_ITERATIONS, PASSPHRASE, SESSION } from './helpers'

let vault: Awaited<ReturnType<typeof freshVaultDb>>
let key: CryptoKey

beforeEach(async () => {
  vault = await freshVaultDb()
  key = await importDataKey(
    (await createVault(vault.store, PASSPHRASE, { testOnlyIterations: LOW_ITERATIONS })).dataKey,
  )
  await putBaseKey(vault.store, key, KEY_A.profile, KEY_A.accessKeyId, KEY_A.secretAccessKey)
  await putBaseKey(vault.store, key, KEY_B.profile, KEY_B.accessKeyId, KEY_B.secretAccessKey)
  await putCachedSession(vault.store, key, 'arn:aws:iam::123456789012:mfa/alice', SESSION)
})

async function expectOthersReadable() {
  expect((await getBaseKey(vault.store, key, KEY_B.profile)).secretAccessKey).toBe(KEY_B.secretAccessKey)
  expect(await getCachedSession(vault.store, key, 'arn:aws:iam::123456789012:mfa/alice')).toEqual(SESSION)
}

describe('secret record integrity', () => {
  for (const field of ['iv', 'ct'] as const) {
    it(`fails only that record on every single-bit flip of its ${field === 'iv' ? 'IV' : 'ciphertext'}`, async () => {
      const id = baseKeyRecordId(KEY_A.profile)
      const original = (await vault.db.get('secrets', id)) as SealedRecord
      const bytes = fromBase64(original[field])!
      expect(bytes.byteLength).toBeGreaterThanOrEqual(12)
      for (let bit = 0; bit < bytes.length * 8; bit++) {
        await vault.db.put('secrets', { ...original, [field]: toBase64(flipBit(bytes, bit)) }, id)
        const before = await vault.dump()
        const failure = await failureOf(() => getBaseKey(vault.store, key, KEY_A.profile))
        expect(failure.code, `bit ${bit}`).toBe('tampered')
        expect(failure.message).toBe(
          'The key of profile "alpha" cannot be decrypted: it is damaged or was altered. ' +
            'The other keys are unaffected. Delete this key and add it again (or restore a backup).',
        )
        expect(failure.message).not.toContain(KEY_A.secretAccessKey)
        expect(await vault.dump(), `bit ${bit}`).toBe(before)
      }
      await expectOthersReadable()
      await vault.db.put('secrets', original, id)
      expect((await getBaseKey(vault.store, key, KEY_A.profile)).secretAccessKey).toBe(KEY_A.secretAccessKey)
    })
  }

  it('detects two records whose ciphertexts were swapped', async () => {
    const idA = baseKeyRecordId(KEY_A.profile)
    const idB = baseKeyRecordId(KEY_B.profile)
    const a = await vault.db.get('secrets', idA)
    const b = await vault.db.get('secrets', idB)
    await vault.db.put('secrets', b, idA)
    await vault.db.put('secrets', a, idB)
    expect((await failureOf(() => getBaseKey(vault.store, key, KEY_A.profile))).message).toMatch(
      /^The key of profile "alpha" cannot be decrypted/,
    )
    expect((await failureOf(() => getBaseKey(vault.store, key, KEY_B.profile))).message).toMatch(
      /^The key of profile "beta-admin" cannot be decrypted/,
    )
  })

  it('detects a session record moved into a base key slot', async () => {
    const session = await vault.db.get('secrets', sessionRecordId('arn:aws:iam::123456789012:mfa/alice'))
    await vault.db.put('secrets', session, baseKeyRecordId(KEY_A.profile))
    expect((await failureOf(() => getBaseKey(vault.store, key, KEY_A.profile))).code).toBe('tampered')
  })

  it('refuses malformed records (wrong shape, not base64, unknown version) as damaged', async () => {
    const id = baseKeyRecordId(KEY_A.profile)
    const original = (await vault.db.get('secrets', id)) as SealedRecord
    for (const bad of [
      null,
      'text',
      [],
      { ...original, v: 2 },
      { ...original, iv: 'not base64!' },
      { ...original, extra: 1 },
      { iv: original.iv, ct: original.ct },
    ]) {
      await vault.db.put('secrets', bad, id)
      expect((await failureOf(() => getBaseKey(vault.store, key, KEY_A.profile))).code).toBe('tampered')
    }
    await expectOthersReadable()
  })

  it('discards a damaged cached session and says the next login needs a fresh MFA code', async () => {
    const id = sessionRecordId('arn:aws:iam::123456789012:mfa/alice')
    const original = (await vault.db.get('secrets', id)) as SealedRecord
    await vault.db.put('secrets', { ...original, ct: toBase64(flipBit(fromBase64(original.ct)!, 5)) }, id)
    const failure = await failureOf(() => getCachedSession(vault.store, key, 'arn:aws:iam::123456789012:mfa/alice'))
    expect(failure.code).toBe('tampered')
    expect(failure.message).toMatch(/cached MFA session .* fresh MFA code/)
    expect(await vault.db.get('secrets', id)).toBeUndefined()
    expect((await getBaseKey(vault.store, key, KEY_A.profile)).secretAccessKey).toBe(KEY_A.secretAccessKey)
  })
})
