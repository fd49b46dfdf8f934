import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  deriveKek,
  fromBase64,
  generateDataKey,
  importDataKey,
  openRecord,
  randomBytes,
  sealRecord,
  toBase64,
  unwrapDataKey,
  utf8,
  wrapDataKey,
  IV_BYTES,
} from '../../../src/core/crypto'
import { flipBit } from './helpers'

describe('base64', () => {
  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(fromBase64(toBase64(bytes))).toEqual(new Uint8Array(bytes))
      }),
    )
  })

  it('refuses non-canonical encodings, so a flipped spare bit cannot pass unnoticed', () => {
    expect(toBase64(new Uint8Array([0xff]))).toBe('/w==')
    expect(fromBase64('/w==')).toEqual(new Uint8Array([0xff]))
    expect(fromBase64('/x==')).toBeUndefined() // same byte with a spare bit set
    expect(fromBase64('/w')).toBeUndefined() // unpadded
    expect(fromBase64('/w==\n')).toBeUndefined()
    expect(fromBase64('-_8=')).toBeUndefined() // base64url alphabet
  })
})

describe('records', () => {
  it('round-trips any text, with a fresh IV every time', async () => {
    const key = await importDataKey(generateDataKey())
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), async (text) => {
        const a = await sealRecord(key, 'base:p', 1, text)
        const b = await sealRecord(key, 'base:p', 1, text)
        expect(a.iv.byteLength).toBe(IV_BYTES)
        expect(toBase64(a.iv)).not.toBe(toBase64(b.iv))
        expect(await openRecord(key, 'base:p', 1, a)).toBe(text)
      }),
      { numRuns: 50 },
    )
  })

  it('binds the record id and the format version', async () => {
    const key = await importDataKey(generateDataKey())
    const sealed = await sealRecord(key, 'base:prod', 1, 'hello')
    expect(await openRecord(key, 'base:prod', 1, sealed)).toBe('hello')
    expect(await openRecord(key, 'base:prod2', 1, sealed)).toBeUndefined()
    expect(await openRecord(key, 'base:pro', 1, sealed)).toBeUndefined()
    expect(await openRecord(key, 'base:prod', 2, sealed)).toBeUndefined()
    expect(await openRecord(await importDataKey(generateDataKey()), 'base:prod', 1, sealed)).toBeUndefined()
  })
})

describe('key wrap', () => {
  it('unwraps only with the same passphrase, salt, count and header bytes', async () => {
    const salt = randomBytes(16)
    const dataKey = generateDataKey()
    const aad = utf8('header-v1')
    const wrap = await wrapDataKey(await deriveKek('a passphrase here', salt, 1000), dataKey, aad)
    expect(await unwrapDataKey(await deriveKek('a passphrase here', salt, 1000), wrap, aad)).toEqual(dataKey)
    expect(await unwrapDataKey(await deriveKek('a passphrase herE', salt, 1000), wrap, aad)).toBeUndefined()
    expect(await unwrapDataKey(await deriveKek('a passphrase here', salt, 1001), wrap, aad)).toBeUndefined()
    expect(await unwrapDataKey(await deriveKek('a passphrase here', flipBit(salt, 0), 1000), wrap, aad)).toBeUndefined()
    expect(
      await unwrapDataKey(await deriveKek('a passphrase here', salt, 1000), wrap, utf8('header-v2')),
    ).toBeUndefined()
  })

  it('treats composed and decomposed accents as the same passphrase (NFC)', async () => {
    const salt = randomBytes(16)
    const dataKey = generateDataKey()
    const wrap = await wrapDataKey(await deriveKek('caf\u00e9 au lait!', salt, 1000), dataKey, utf8('h'))
    expect(await unwrapDataKey(await deriveKek('cafe\u0301 au lait!', salt, 1000), wrap, utf8('h'))).toEqual(dataKey)
  })

  it('derives a KEK that cannot be exported', async () => {
    const kek = await deriveKek('a passphrase here', randomBytes(16), 1000)
    expect(kek.extractable).toBe(false)
    expect((await importDataKey(generateDataKey())).extractable).toBe(false)
  })
})
