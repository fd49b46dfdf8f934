// botocore's parsing rules and Rolecall's diagnostics on small, readable configs.
import { describe, expect, test } from 'vitest'
import { parseAwsConfig, resolveProfile } from '../../../src/core/config'

const errorsOf = (text: string) => parseAwsConfig(text).diagnostics.filter((d) => d.severity === 'error')
const warningsOf = (text: string) => parseAwsConfig(text).diagnostics.filter((d) => d.severity === 'warning')

describe('botocore parsing rules', () => {
  test('an inline comment stays in the parsed value, is warned about, and is cut when resolving', () => {
    const text = '[profile a]\nregion = eu-west-1 # Ireland\n'
    const parsed = parseAwsConfig(text)
    expect(parsed.profiles.a).toEqual({ region: 'eu-west-1 # Ireland' })
    expect(parsed.diagnostics).toEqual([expect.objectContaining({ line: 2, severity: 'warning' })])
    expect(parsed.diagnostics[0]!.message).toContain('"eu-west-1"')
    expect(resolveProfile(parsed, 'a').region).toBe('eu-west-1')
  })

  test('key: value, upper-case keys, quotes kept, case-sensitive section names', () => {
    const parsed = parseAwsConfig('[profile A]\nRegion: "us-east-1"\n[profile a]\noutput=json\n')
    expect(parsed.profiles).toEqual({ A: { region: '"us-east-1"' }, a: { output: 'json' } })
    expect(resolveProfile(parsed, 'A').region).toBe('us-east-1')
  })

  test('[profile default] beside [default]: the later wins for botocore, [default] for resolution, with a warning', () => {
    const text = '[default]\nregion = us-east-1\n[profile default]\nregion = eu-west-1\n'
    const parsed = parseAwsConfig(text)
    expect(parsed.profiles.default).toEqual({ region: 'eu-west-1' })
    expect(resolveProfile(parsed, 'default').region).toBe('us-east-1')
    expect(warningsOf(text)).toEqual([expect.objectContaining({ line: 3 })])
  })

  test('[DEFAULT] leaks into every section for botocore but not into resolution', () => {
    const text = '[DEFAULT]\nregion = ap-south-1\n[profile a]\noutput = json\n'
    const parsed = parseAwsConfig(text)
    expect(parsed.profiles.a).toEqual({ output: 'json', region: 'ap-south-1' })
    expect(resolveProfile(parsed, 'a').region).toBeUndefined()
    expect(warningsOf(text).map((d) => d.line)).toEqual([1])
  })

  test('sub-sections, continuation lines and blank lines inside them', () => {
    const parsed = parseAwsConfig(
      '[profile p]\ns3 =\n\n  addressing_style = path\n  Max = 10\ncredential_process = run\n  --flag\n',
    )
    expect(parsed.profiles.p).toEqual({
      s3: { addressing_style: 'path', Max: '10' },
      credential_process: 'run\n--flag',
    })
    expect(parsed.diagnostics.map((d) => [d.line, d.severity])).toEqual([[6, 'warning']])
  })

  test('CRLF and lone CR end lines the way Python reads files', () => {
    expect(parseAwsConfig('[profile a]\r\nregion = x\r[profile b]\rregion = y').profiles).toEqual({
      a: { region: 'x' },
      b: { region: 'y' },
    })
  })

  test('quoted and odd profile names follow shlex, with warnings where aws-vault differs', () => {
    const text =
      '[profile "my profile"]\nregion = a\n[profile  spaced]\nregion = b\n[profiles quirk]\nregion = c\n[profile x y]\nregion = d\n[Credentials]\nk = v\n'
    const parsed = parseAwsConfig(text)
    expect(Object.keys(parsed.profiles)).toEqual(['my profile', 'spaced', 'quirk'])
    expect(warningsOf(text).map((d) => d.line)).toEqual([1, 3, 5, 7, 9])
  })
})

describe('errors where botocore rejects the file', () => {
  test.each([
    [
      'a repeated section',
      '[profile a]\nregion = x\n[profile a]\noutput = json\n',
      [3],
      { a: { region: 'x', output: 'json' } },
    ],
    ['a repeated key', '[profile a]\nregion = x\nregion = y\n', [3], { a: { region: 'y' } }],
    [
      'a line with neither = nor :',
      '[profile a]\nregion = x\njust words\noutput = json\n',
      [3],
      { a: { region: 'x', output: 'json' } },
    ],
    ['text before the first section', 'region = x\n[profile a]\noutput = json\n', [1], { a: { output: 'json' } }],
    ['a byte-order mark', '\ufeff[profile a]\nregion = x\n', [1], { a: { region: 'x' } }],
    [
      'a bad sub-section line',
      '[profile a]\ns3 =\n  good = 1\n  bad line\nregion = x\n',
      [4],
      { a: { s3: { good: '1' }, region: 'x' } },
    ],
    ['a key with no name', '[profile a]\n= value\nregion = x\n', [2], { a: { region: 'x' } }],
    // The first s3 is replaced, so its sub-section is never read: only the repeated key is an error.
    [
      'a repeated sub-section key',
      '[profile a]\ns3 =\n  bad line\ns3 =\n  good = 1\n',
      [4],
      { a: { s3: { good: '1' } } },
    ],
    [
      'continuation lines in [DEFAULT] and a section',
      '[DEFAULT]\ns3 =\n  bad\n[profile a]\nnote = one\n  two\n',
      [3],
      { a: { s3: {}, note: 'one\ntwo' } },
    ],
  ])('%s: error on the right line, the rest still read', (_what, text, lines, profiles) => {
    const parsed = parseAwsConfig(text)
    expect(parsed.diagnostics.filter((d) => d.severity === 'error').map((d) => d.line)).toEqual(lines)
    expect(parsed.profiles).toEqual(profiles)
  })

  test('every problem is reported, not only the first', () => {
    expect(errorsOf('junk\n[a]\nx\n[a]\nk = 1\nk = 2\n').map((d) => d.line)).toEqual([1, 3, 4])
  })

  test('messages never quote a secret', () => {
    const secret = 'wJalrXUtnFEMIK7MDENGbPxRfiCYSECRETKEY99'
    const text = `[profile a]\naws_secret_access_key = ${secret} # old\naws_secret_access_key = ${secret}\n${secret}\n[profile a]\n`
    const parsed = parseAwsConfig(text)
    expect(parsed.diagnostics.length).toBeGreaterThanOrEqual(4)
    for (const d of parsed.diagnostics) expect(d.message).not.toContain(secret.slice(0, 12))
  })
})
