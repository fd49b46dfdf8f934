// The secret scanner the e2e storage scans rely on: it must find a secret in every form it could be stored in
// (including base64 of a longer blob, at any byte alignment) and must not report what is not there.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { randomBytes } from 'node:crypto'
import { base64Fragment, findSecrets, secretForms, type StorageDump } from '../../e2e/harness/secret-scan'

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
const PASSPHRASE = 'tangerine "violin" & 42 ünïcode ✓'
const entry = (text: string, where = 'storage.local › x'): StorageDump => [{ where, text }]
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')
const embed = (bytes: Uint8Array, before: number, after: number) =>
  Buffer.concat([randomBytes(before), bytes, randomBytes(after)])

describe('findSecrets', () => {
  it('finds a secret embedded mid-way in a base64 blob, at every byte offset, standard and URL-safe', () => {
    const secret = Buffer.from(SECRET)
    for (let before = 0; before < 6; before++) {
      const blob = embed(secret, before + 13, 7)
      const standard = findSecrets(entry(`{"ct":"${b64(blob)}"}`), [SECRET])
      expect(standard, `offset ${before}`).toEqual([{ secret: 0, encoding: 'base64', where: 'storage.local › x' }])
      const urlSafe = b64(blob).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
      expect(findSecrets(entry(urlSafe), [SECRET]).length, `offset ${before}`).toBe(1)
    }
    // Bytes whose base64 is all "+" and "/": only the URL-safe search can find them in URL-safe text.
    const slashes = new Uint8Array(12).fill(0xff)
    for (let before = 0; before < 3; before++) {
      const urlSafe = Buffer.from(embed(slashes, before + 3, 2)).toString('base64url')
      expect(findSecrets(entry(urlSafe), [slashes]).map((f) => f.encoding)).toEqual(['base64url'])
    }
  })

  it('finds raw, JSON-escaped, hex (either case) and URI-encoded forms, and names where', () => {
    const dump: StorageDump = [
      { where: 'storage.local › raw', text: `{"k":"${SECRET}"}` },
      { where: 'storage.sync › hex', text: `"00${Buffer.from(SECRET).toString('hex')}ff"` },
      { where: 'indexedDB › db › s › 1', text: Buffer.from(SECRET).toString('hex').toUpperCase() },
      { where: 'indexedDB › db › s › 2', text: JSON.stringify({ p: PASSPHRASE }) },
      { where: 'indexedDB › db › s › 3', text: `https://x.example/?q=${encodeURIComponent(PASSPHRASE)}` },
      { where: 'indexedDB › db › s › 4', text: `a=${new URLSearchParams({ p: PASSPHRASE }).toString()}` },
      { where: 'storage.local › clean', text: '{"settings":{"defaultRegion":"eu-west-1"}}' },
    ]
    const found = findSecrets(dump, [SECRET, PASSPHRASE]).map((f) => `${f.secret} ${f.encoding} ${f.where}`)
    expect(found).toEqual([
      '0 raw storage.local › raw',
      '0 hex storage.sync › hex',
      '0 HEX indexedDB › db › s › 1',
      '1 json-escaped indexedDB › db › s › 2',
      '1 uri indexedDB › db › s › 3',
      '1 uri indexedDB › db › s › 4',
    ])
  })

  it('finds binary secrets (a data key) stored as bytes, as base64 text or as hex', () => {
    const dataKey = new Uint8Array(randomBytes(32))
    const asBytes = findSecrets(entry(JSON.stringify({ $bytes: b64(embed(dataKey, 12, 16)) })), [dataKey])
    expect(asBytes.map((f) => f.encoding)).toEqual(['base64'])
    expect(findSecrets(entry(JSON.stringify({ dataKey: b64(dataKey) })), [dataKey]).map((f) => f.encoding)).toEqual([
      'base64',
    ])
    expect(findSecrets(entry(Buffer.from(dataKey).toString('hex')), [dataKey]).map((f) => f.encoding)).toEqual(['hex'])
  })

  it('reports nothing when the secret is absent, even from large random blobs and near misses', () => {
    const noise = [
      b64(randomBytes(200_000)),
      randomBytes(100_000).toString('hex'),
      randomBytes(50_000).toString('base64url'),
    ].join('\n')
    const nearMiss = SECRET.slice(0, -1) + (SECRET.endsWith('Y') ? 'Z' : 'Y')
    expect(
      findSecrets(entry(`${noise}\n${nearMiss}\n${SECRET.slice(1)}`), [
        SECRET,
        PASSPHRASE,
        new Uint8Array(randomBytes(32)),
      ]),
    ).toEqual([])
  })

  it('property: an embedded secret is always found; a fresh random one never is', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 8, maxLength: 64 }), fc.nat(40), fc.nat(40), (secret, before, after) => {
        const blob = b64(embed(secret, before, after))
        expect(findSecrets(entry(blob), [secret]).length).toBeGreaterThan(0)
        expect(findSecrets(entry(blob), [new Uint8Array(randomBytes(secret.length))])).toEqual([])
      }),
      { numRuns: 300 },
    )
  })

  it('refuses secrets too short to search for meaningfully', () => {
    expect(() => findSecrets(entry('x'), ['abc'])).toThrow(/at least 8 bytes/)
  })

  it('computes the alignment-independent base64 fragment', () => {
    const bytes = Buffer.from('0123456789')
    for (const offset of [0, 1, 2] as const) {
      const full = b64(Buffer.concat([Buffer.alloc(offset, 0xff), bytes, Buffer.from('tail')]))
      expect(full).toContain(base64Fragment(bytes, offset))
      expect(base64Fragment(bytes, offset).length).toBeGreaterThanOrEqual(12)
    }
    expect(new Set(secretForms(SECRET).map((f) => f.text)).size).toBe(secretForms(SECRET).length)
  })
})
