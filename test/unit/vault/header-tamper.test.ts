// "Flipping any bit of the vault header fails the whole vault closed with a clear error and changes nothing."
// The header is flipped bit by bit in its JSON form (every bit of it), written back as stored data (or as the
// broken text when the flip breaks the JSON), and the vault must refuse to open, naming the header.
import { describe, expect, it } from 'vitest'
import { fromUtf8, importDataKey, utf8 } from '../../../src/core/crypto'
import { createVault, getBaseKey, putBaseKey, unlockVault, HEADER_KEY, type VaultHeader } from '../../../src/core/vault'
import { checksumOf } from '../../../src/core/vault/checksum'
import { failureOf, flipBit, freshVaultDb, KEY_A, LOW_ITERATIONS, PASSPHRASE, TEST_KDF } from './helpers'

function decodeFlipped(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(fromUtf8(bytes))
  } catch {
    return new TextDecoder().decode(bytes) // not JSON any more: store the broken text itself
  }
}

describe('vault header integrity', () => {
  it('fails closed on every single-bit flip of the header, and changes nothing', async () => {
    const { db, store, dump } = await freshVaultDb()
    const { dataKey } = await createVault(store, PASSPHRASE, { testOnlyIterations: LOW_ITERATIONS })
    await putBaseKey(store, await importDataKey(dataKey), KEY_A.profile, KEY_A.accessKeyId, KEY_A.secretAccessKey)
    const original = await db.get('vault', HEADER_KEY)
    const bytes = utf8(JSON.stringify(original))
    const codes = new Set<string>()
    for (let bit = 0; bit < bytes.length * 8; bit++) {
      await db.put('vault', decodeFlipped(flipBit(bytes, bit)), HEADER_KEY)
      const before = await dump()
      const failure = await failureOf(() => unlockVault(store, PASSPHRASE))
      codes.add(failure.code)
      expect(failure.message, `bit ${bit}`).toMatch(
        /vault header is damaged or was altered \(.+\)\. Rolecall keeps the whole vault closed and changed nothing/,
      )
      expect(await dump(), `bit ${bit}`).toBe(before)
    }
    expect([...codes]).toEqual(['tampered'])
    await db.put('vault', original, HEADER_KEY)
    const reopened = await unlockVault(store, PASSPHRASE, TEST_KDF)
    expect((await getBaseKey(store, await importDataKey(reopened.dataKey), KEY_A.profile)).secretAccessKey).toBe(
      KEY_A.secretAccessKey,
    )
  }, 60_000) // thousands of flips: ~4 s alone, more on a shared machine

  // The checksum only catches accidents. Someone who edits a field on purpose and recomputes the checksum
  // is stopped by the key wrap, whose additional data is the header.
  const edits: Array<[string, (h: VaultHeader) => void]> = [
    [
      'iteration count',
      (h) => {
        h.kdf.iterations += 1
      },
    ],
    [
      'vault id',
      (h) => {
        h.vaultId = 'AAAAAAAAAAAAAAAAAAAAAA=='
      },
    ],
    [
      'creation time',
      (h) => {
        h.createdAt = '2001-01-01T00:00:00.000Z'
      },
    ],
    [
      'salt',
      (h) => {
        h.kdf.salt = 'AAAAAAAAAAAAAAAAAAAAAA=='
      },
    ],
    [
      'wrap IV',
      (h) => {
        h.wrap.iv = 'AAAAAAAAAAAAAAAA'
      },
    ],
  ]
  for (const [field, edit] of edits) {
    it(`refuses a header whose ${field} was changed and re-checksummed`, async () => {
      const { db, store, dump } = await freshVaultDb()
      await createVault(store, PASSPHRASE, { testOnlyIterations: LOW_ITERATIONS })
      const header = structuredClone(await db.get('vault', HEADER_KEY)) as VaultHeader
      edit(header)
      const { check: _old, ...rest } = header
      await db.put('vault', { ...rest, check: await checksumOf(rest) }, HEADER_KEY)
      const before = await dump()
      expect((await failureOf(() => unlockVault(store, PASSPHRASE))).code).toBe('wrong-passphrase')
      expect(await dump()).toBe(before)
    })
  }

  it('says when a vault was written by a newer Rolecall', async () => {
    const { db, store } = await freshVaultDb()
    await createVault(store, PASSPHRASE, { testOnlyIterations: LOW_ITERATIONS })
    const { check: _c, ...rest } = (await db.get('vault', HEADER_KEY)) as VaultHeader
    const newer = { ...rest, version: 2 }
    await db.put('vault', { ...newer, check: await checksumOf(newer) }, HEADER_KEY)
    const failure = await failureOf(() => unlockVault(store, PASSPHRASE))
    expect(failure.code).toBe('conflict')
    expect(failure.message).toMatch(/newer Rolecall \(format version 2\)/)
  })
})
