import { describe, expect, test } from 'vitest'
import { type ProfileRecord, diffImports, recordOf, same } from '../../../src/core/config/import/diff'
import { buildPreview } from '../../../src/core/config/import/preview'

const records = (text: string): ProfileRecord[] => buildPreview(text).rows.map(recordOf)

describe('diffImports', () => {
  test('added, removed and changed profiles, with the fields that changed', () => {
    const before = records(
      '[profile base]\n[profile a]\nsource_profile = base\nrole_arn = arn:aws:iam::111111111111:role/A\nregion = eu-west-1\n[profile gone]\n',
    )
    const after = records(
      '[profile base]\n[profile a]\nsource_profile = base\nrole_arn = arn:aws:iam::222222222222:role/A\nregion = eu-west-1\ncolor = red\n[profile new]\n',
    )
    expect(diffImports(before, after)).toEqual({
      added: ['new'],
      removed: ['gone'],
      changed: [{ name: 'a', fields: ['accountId', 'roleArn', 'color', 'access'] }],
      unchanged: 1,
    })
  })

  test('the same config, written differently, is unchanged', () => {
    const a = records(
      '[profile base]\n[profile x]\nrole_arn = arn:aws:iam::111111111111:role/X\nsource_profile = base\n',
    )
    const b = records(
      '# comment\n[profile base]\n\n[profile x]\nsource_profile=base\nrole_arn=arn:aws:iam::111111111111:role/X\n',
    )
    expect(diffImports(a, b)).toEqual({ added: [], removed: [], changed: [], unchanged: 2 })
  })

  test('records survive a JSON round trip (they are stored) and still compare equal', () => {
    const a = records(
      '[profile base]\n[profile x]\nsource_profile = base\nrole_arn = arn:aws:iam::111111111111:role/X\nsession_tags = b=2,a=1\n',
    )
    const stored = JSON.parse(JSON.stringify(a)) as ProfileRecord[]
    expect(diffImports(stored, a).unchanged).toBe(2)
  })
})

describe('same', () => {
  test('compares as JSON would: key order and undefined-valued keys do not count', () => {
    expect(same({ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 })).toBe(true)
    expect(same({ a: 1, b: undefined }, { a: 1 })).toBe(true)
    expect(same({ a: 1 }, { a: 2 })).toBe(false)
    expect(same({ a: 1 }, { a: 1, b: 2 })).toBe(false)
    expect(same({ a: 1, b: undefined }, { a: 1, c: 2 })).toBe(false)
    expect(same([1, 2], [2, 1])).toBe(false)
    expect(same([1], { 0: 1 })).toBe(false)
    expect(same(null, {})).toBe(false)
    expect(same('1', 1)).toBe(false)
    expect(same(undefined, undefined)).toBe(true)
  })
})
