// TOTP: RFC 6238's own SHA-1 vectors (last 6 digits), one step of drift, and single use.
import { describe, expect, it } from 'vitest'
import { MfaCodeBook, totpCode, TOTP_PERIOD_MS } from './totp'

const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' // "12345678901234567890"

describe('totpCode', () => {
  // RFC 6238 Appendix B, SHA-1 column (8 digits there; authenticators show the last 6).
  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ])('at T=%i gives the RFC value', (seconds, rfc) => {
    expect(totpCode(RFC_SECRET, seconds * 1000)).toBe(rfc.slice(2))
  })
})

describe('MfaCodeBook', () => {
  const serial = 'arn:aws:iam::111111111111:mfa/alice'
  const t0 = 1_700_000_010_000
  const at = (steps: number) => t0 + steps * TOTP_PERIOD_MS

  it('accepts the current code once', () => {
    const book = new MfaCodeBook()
    const code = totpCode(RFC_SECRET, t0)
    expect(book.accept(serial, RFC_SECRET, code, t0)).toBe(true)
    expect(book.accept(serial, RFC_SECRET, code, t0)).toBe(false)
  })

  it('accepts one step either side, not two', () => {
    expect(new MfaCodeBook().accept(serial, RFC_SECRET, totpCode(RFC_SECRET, at(-1)), t0)).toBe(true)
    expect(new MfaCodeBook().accept(serial, RFC_SECRET, totpCode(RFC_SECRET, at(1)), t0)).toBe(true)
    expect(new MfaCodeBook().accept(serial, RFC_SECRET, totpCode(RFC_SECRET, at(-2)), t0)).toBe(false)
    expect(new MfaCodeBook().accept(serial, RFC_SECRET, totpCode(RFC_SECRET, at(2)), t0)).toBe(false)
  })

  it('after a newer code was used, older ones are refused too', () => {
    const book = new MfaCodeBook()
    expect(book.accept(serial, RFC_SECRET, totpCode(RFC_SECRET, at(1)), t0)).toBe(true)
    expect(book.accept(serial, RFC_SECRET, totpCode(RFC_SECRET, t0), t0)).toBe(false)
  })

  it('keeps devices apart', () => {
    const book = new MfaCodeBook()
    const code = totpCode(RFC_SECRET, t0)
    expect(book.accept(serial, RFC_SECRET, code, t0)).toBe(true)
    expect(book.accept('arn:aws:iam::111111111111:mfa/other', RFC_SECRET, code, t0)).toBe(true)
  })

  it('reports the current, next and first unused code', () => {
    const book = new MfaCodeBook()
    const fresh = book.codes(serial, RFC_SECRET, t0)
    expect(fresh).toEqual({
      current: totpCode(RFC_SECRET, t0),
      next: totpCode(RFC_SECRET, at(1)),
      unused: totpCode(RFC_SECRET, t0),
      msLeft: TOTP_PERIOD_MS - (t0 % TOTP_PERIOD_MS),
    })
    book.accept(serial, RFC_SECRET, fresh.current, t0)
    expect(book.codes(serial, RFC_SECRET, t0).unused).toBe(fresh.next)
    book.accept(serial, RFC_SECRET, fresh.next, t0)
    expect(book.codes(serial, RFC_SECRET, t0).unused).toBeUndefined()
    expect(book.codes(serial, RFC_SECRET, at(2)).unused).toBe(totpCode(RFC_SECRET, at(2)))
  })
})
