import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { parseCredentialsFile } from '../../../src/core/config/ini/credentials-file'

const ID = 'AKIAIOSFODNN7EXAMPLE'
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'

describe('parseCredentialsFile', () => {
  test("reads each profile's keys", () => {
    const { credentials, diagnostics } = parseCredentialsFile(
      `[default]\naws_access_key_id = ${ID}\naws_secret_access_key = ${SECRET}\n\n[work]\nAWS_ACCESS_KEY_ID=${ID}\nAWS_SECRET_ACCESS_KEY=${SECRET}\n`,
    )
    expect(credentials).toEqual([
      { profile: 'default', accessKeyId: ID, secretAccessKey: SECRET },
      { profile: 'work', accessKeyId: ID, secretAccessKey: SECRET },
    ])
    expect(diagnostics).toEqual([])
  })

  test('problems are reported by line and those keys are not imported', () => {
    const text = [
      '[profile work]',
      `aws_access_key_id = ${ID}`,
      `aws_secret_access_key = ${SECRET}`, // 1-3: wrong header
      '[half]',
      `aws_access_key_id = ${ID}`, // 4-5: no secret
      '[temp]',
      'aws_access_key_id = ASIAIOSFODNN7EXAMPLE',
      `aws_secret_access_key = ${SECRET}`,
      'aws_session_token = FwoGZXIvYXdzEJr', // 6-9
      '[empty]', // 10
      'garbage line', // 11
    ].join('\n')
    const { credentials, diagnostics } = parseCredentialsFile(text)
    expect(credentials.map((c) => c.profile)).toEqual(['temp'])
    expect(credentials[0]!.sessionToken).toBe('FwoGZXIvYXdzEJr')
    expect(diagnostics.map((d) => [d.line, d.severity])).toEqual([
      [1, 'warning'],
      [4, 'error'],
      [6, 'warning'],
      [10, 'warning'],
      [11, 'error'],
    ])
  })

  test(
    'fuzz: no diagnostic ever contains a key, secret or token',
    () => {
      fc.assert(
        fc.property(
          fc.stringMatching(/^[A-Za-z0-9/+]{16,40}$/),
          fc.stringMatching(/^[A-Za-z0-9/+]{16,40}$/),
          fc.constantFrom('', ' # old', ' extra', '\n  continued'),
          (id, secret, tail) => {
            const text = `[a]\naws_access_key_id = ${id}${tail}\naws_secret_access_key = ${secret}${tail}\naws_secret_access_key = ${secret}\n${secret}\n[a]\naws_session_token = ${secret}\n`
            for (const d of parseCredentialsFile(text).diagnostics) {
              expect(d.message).not.toContain(secret)
              expect(d.message).not.toContain(id)
            }
          },
        ),
        { numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
      )
    },
    30 * 60_000,
  )
})
