import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { assessPassphrase, validateBaseKey, MIN_PASSPHRASE_LENGTH } from '../../../src/core/vault'
import { RolecallFailure } from '../../../src/shared/protocol'
import { KEY_A } from './helpers'

function messageOf(action: () => unknown): string {
  try {
    action()
  } catch (error) {
    expect(error).toBeInstanceOf(RolecallFailure)
    expect((error as RolecallFailure).code).toBe('bad-request')
    return (error as RolecallFailure).message
  }
  throw new Error('expected a failure')
}

describe('base key validation', () => {
  it('accepts a long-term key, trimming pasted whitespace', () => {
    expect(validateBaseKey('prod', ` ${KEY_A.accessKeyId}\n`, `\t${KEY_A.secretAccessKey} `)).toEqual({
      accessKeyId: KEY_A.accessKeyId,
      secretAccessKey: KEY_A.secretAccessKey,
    })
  })

  it('explains that an ASIA key is temporary', () => {
    expect(messageOf(() => validateBaseKey('prod', 'ASIAIOSFODNN7EXAMPLE', KEY_A.secretAccessKey))).toMatch(
      /^Profile "prod": this is a temporary key \(its ID starts with ASIA\).*starts with AKIA\.$/,
    )
  })

  it.each([
    ['', /the access key ID is empty/],
    ['BKIAIOSFODNN7EXAMPLE', /must be AKIA followed by 16 capital letters or digits \(it does not start with AKIA\)/],
    ['AKIAIOSFODNN7EXAMPL', /\(it has 19 characters instead of 20\)/],
    ['AKIAIOSFODNN7EXAMPLEX', /\(it has 21 characters instead of 20\)/],
    ['AKIAiosfodnn7example', /\(it contains characters other than capital letters and digits\)/],
  ])('names the problem with access key id %j', (id, why) => {
    expect(messageOf(() => validateBaseKey('dev', id, KEY_A.secretAccessKey))).toMatch(
      new RegExp(`^Profile "dev": .*${why.source}`),
    )
  })

  it('checks the secret is 40 characters of the base64 alphabet, never echoing it', () => {
    const short = KEY_A.secretAccessKey.slice(0, 39)
    const m1 = messageOf(() => validateBaseKey('dev', KEY_A.accessKeyId, short))
    expect(m1).toMatch(/^Profile "dev": the secret access key must be exactly 40 characters; this one has 39\./)
    const withDash = `${KEY_A.secretAccessKey.slice(0, 10)}-${KEY_A.secretAccessKey.slice(11)}`
    const m2 = messageOf(() => validateBaseKey('dev', KEY_A.accessKeyId, withDash))
    expect(m2).toMatch(/may only contain letters, digits, "\/" and "\+" \(character 11 is something else\)/)
    expect(messageOf(() => validateBaseKey('dev', KEY_A.accessKeyId, ''))).toMatch(/the secret access key is empty/)
    expect(
      messageOf(() => validateBaseKey('dev', KEY_A.accessKeyId, `${KEY_A.accessKeyId}${KEY_A.accessKeyId}`)),
    ).toMatch(/holds the access key ID/)
  })

  it('never puts any part of a rejected secret in its message', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 6, maxLength: 60 }), (secret) => {
        try {
          validateBaseKey('dev', KEY_A.accessKeyId, secret)
        } catch (error) {
          const message = (error as Error).message
          const trimmed = secret.trim()
          if (trimmed.length >= 6)
            for (let i = 0; i + 6 <= trimmed.length; i++) expect(message).not.toContain(trimmed.slice(i, i + 6))
        }
      }),
    )
  })

  it('refuses empty or control-character profile names', () => {
    expect(messageOf(() => validateBaseKey('', KEY_A.accessKeyId, KEY_A.secretAccessKey))).toMatch(/profile name/)
    expect(messageOf(() => validateBaseKey('a\nb', KEY_A.accessKeyId, KEY_A.secretAccessKey))).toMatch(/profile name/)
  })
})

describe('passphrase assessment', () => {
  it(`requires at least ${MIN_PASSPHRASE_LENGTH} characters`, () => {
    expect(assessPassphrase('')).toMatchObject({ ok: false, message: 'Enter a passphrase.' })
    expect(assessPassphrase('Xq7!pL2#v')).toMatchObject({
      ok: false,
      score: 0,
      message: 'Use at least 10 characters (1 more).',
    })
    expect(assessPassphrase('Xq7!pL2#vZ').ok).toBe(true)
  })

  it('refuses obviously guessable passphrases of sufficient length', () => {
    for (const weak of ['aaaaaaaaaaaa', 'abcdefghijkl', '1234567890', 'password123', 'qwertyqwerty']) {
      expect(assessPassphrase(weak), weak).toMatchObject({ ok: false, score: 0 })
    }
    expect(assessPassphrase('password123').message).toMatch(/common word/)
  })

  it('scores longer, more varied passphrases higher', () => {
    const scores = ['hello world', 'purple monkey dishwasher', 'Tangerine submarine 42 violin!'].map(
      (p) => assessPassphrase(p).score,
    )
    expect(scores[0]).toBeLessThan(scores[1]!)
    expect(scores[2]).toBe(4)
    expect(assessPassphrase('correct horse battery staple')).toMatchObject({ ok: true, message: 'Strong.' })
  })

  it('refuses leading/trailing spaces and absurd lengths, and never echoes the passphrase', () => {
    expect(assessPassphrase(' correct horse battery').ok).toBe(false)
    expect(assessPassphrase('x'.repeat(1025)).ok).toBe(false)
    fc.assert(
      fc.property(fc.string({ minLength: 8, maxLength: 40 }), (p) => {
        expect(assessPassphrase(p).message).not.toContain(p)
      }),
    )
  })
})
