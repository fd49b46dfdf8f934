import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { readPastedCredentials } from '../../../src/core/vault'
import { KEY_A } from './helpers'

describe('pasted ~/.aws/credentials', () => {
  it('reads sections, both delimiters, comments and CRLF line ends', () => {
    const text = `\ufeff; comment\r\n[a]\r\naws_access_key_id: ${KEY_A.accessKeyId}\r\nAWS_SECRET_ACCESS_KEY = ${KEY_A.secretAccessKey}\r\n# end\r\n`
    expect(readPastedCredentials(text)).toEqual({
      keys: [{ profile: 'a', accessKeyId: KEY_A.accessKeyId, secretAccessKey: KEY_A.secretAccessKey, line: 2 }],
      problems: [],
    })
  })

  it('names lines it cannot read, missing halves and repeated profiles — never a value', () => {
    const text = `stray = 1\n[a]\naws_access_key_id = ${KEY_A.accessKeyId}\nnonsense line\n[a]\n[b]\naws_secret_access_key = ${KEY_A.secretAccessKey}\n[]\n`
    const { keys, problems } = readPastedCredentials(text)
    expect(keys).toEqual([])
    expect(problems.map((p) => p.message)).toEqual([
      'Line 1 comes before the first [profile] header.',
      'Line 4 is neither a [profile] header, a comment, nor "name = value".',
      'Line 5: profile "a" appears twice; only its first section is used.',
      'Line 8: a section header needs a profile name.',
      'Profile "a" (line 2) has no aws_secret_access_key. Skipped.',
      'Profile "b" (line 6) has no aws_access_key_id. Skipped.',
    ])
    expect(JSON.stringify(problems)).not.toContain(KEY_A.secretAccessKey)
  })

  it('fuzz: never throws on any text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (text) => {
      const { keys, problems } = readPastedCredentials(text)
      expect(Array.isArray(keys) && Array.isArray(problems)).toBe(true)
    }), { numRuns: Number(process.env.FUZZ_RUNS ?? 300) })
  })
})
