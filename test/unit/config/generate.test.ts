import { describe, expect, test } from 'vitest'
import { parseAwsConfig } from '../../../src/core/config'
import { generateConfig } from '../../generate-config'

describe('generateConfig', () => {
  test('deterministic: the same seed gives the same text, another seed another', () => {
    expect(generateConfig({ profiles: 200, seed: 9 }).text).toBe(generateConfig({ profiles: 200, seed: 9 }).text)
    expect(generateConfig({ profiles: 200, seed: 9 }).text).not.toBe(generateConfig({ profiles: 200, seed: 10 }).text)
  })

  test('exactly the requested number of profiles, all named, and no errors unless asked', () => {
    for (const profiles of [1, 20, 500]) {
      const generated = generateConfig({ profiles, seed: 2 })
      const parsed = parseAwsConfig(generated.text)
      expect(Object.keys(parsed.profiles).sort()).toEqual([...generated.names].sort())
      expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    }
  })

  test('with errors: each kind once, each on its recorded line', () => {
    const generated = generateConfig({ profiles: 50, seed: 5, errors: true })
    expect(generated.errors.map((e) => e.kind).sort()).toEqual([
      'bad-subsection',
      'duplicate-key',
      'duplicate-section',
      'no-delimiter',
    ])
    const errors = parseAwsConfig(generated.text).diagnostics.filter((d) => d.severity === 'error')
    expect(errors.map((e) => e.line)).toEqual(generated.errors.map((e) => e.line))
  })
})
