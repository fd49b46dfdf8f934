import { execFileSync } from 'node:child_process'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { exportLines, rfc3339, shellQuote } from '../../../src/core/aws/exports'

const CREDS = {
  accessKeyId: 'ASIAEXAMPLE',
  secretAccessKey: 'a/b+c',
  sessionToken: 'it\'s $HOME `x` "q"',
  expiration: new Date('2015-08-30T13:36:00.000Z'),
}
const VARS = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_SESSION_EXPIRATION',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
]

function evalInShell(script: string): Record<string, string> {
  const out = execFileSync(
    '/bin/sh',
    ['-c', `${script}\nfor v in ${VARS.join(' ')}; do printf '%s=%s\\0' "$v" "$(printenv "$v")"; done`],
    { env: { PATH: '/usr/bin:/bin' }, encoding: 'utf8' },
  )
  return Object.fromEntries(
    out
      .split('\0')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  )
}

describe('exportLines', () => {
  it('sets exactly the variables aws-vault exec sets, and a shell reads them back unchanged', () => {
    const text = exportLines(CREDS, 'eu-west-1')
    expect(
      text
        .trim()
        .split('\n')
        .map((line) => line.split('=')[0]!.replace('export ', '')),
    ).toEqual([
      'AWS_REGION',
      'AWS_DEFAULT_REGION',
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
      'AWS_SECURITY_TOKEN',
      'AWS_SESSION_EXPIRATION',
    ])
    expect(evalInShell(text)).toEqual({
      AWS_ACCESS_KEY_ID: CREDS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: CREDS.secretAccessKey,
      AWS_SESSION_TOKEN: CREDS.sessionToken,
      AWS_SECURITY_TOKEN: CREDS.sessionToken,
      AWS_SESSION_EXPIRATION: '2015-08-30T13:36:00Z',
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
    })
  })

  it('leaves the region out when there is none', () => {
    expect(exportLines(CREDS)).not.toMatch(/REGION/)
  })

  it('quotes any value so the shell gives it back byte for byte', () => {
    fc.assert(
      fc.property(
        fc
          .oneof(fc.string({ unit: 'binary-ascii', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }))
          .filter((s) => !s.includes('\0')),
        (value) => {
          const out = execFileSync('/bin/sh', ['-c', `printf '%s' ${shellQuote(value)}`], { encoding: 'utf8' })
          expect(out).toBe(value)
        },
      ),
      { numRuns: 60 },
    )
  })

  it('writes RFC 3339 times the way aws-vault (Go) does', () => {
    expect(rfc3339(new Date('2026-01-02T03:04:05.678Z'))).toBe('2026-01-02T03:04:05Z')
  })
})
