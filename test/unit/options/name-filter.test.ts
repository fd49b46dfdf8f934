// The options page's name filters (import preview rows, Settings' session lengths) match by one rule.
import { describe, expect, it } from 'vitest'
import { nameContains } from '../../../src/options/name-filter'

const names = ['prod-admin', 'Prod-ReadOnly', 'dev-admin', 'staging']

describe('nameContains', () => {
  it('passes every name when the filter is blank or only spaces', () => {
    expect(names.filter(nameContains(''))).toEqual(names)
    expect(names.filter(nameContains('   '))).toEqual(names)
  })

  it('finds the text anywhere in the name, in any case, without the spaces around it', () => {
    expect(names.filter(nameContains(' PROD '))).toEqual(['prod-admin', 'Prod-ReadOnly'])
    expect(names.filter(nameContains('admin'))).toEqual(['prod-admin', 'dev-admin'])
    expect(names.filter(nameContains('-read'))).toEqual(['Prod-ReadOnly'])
  })

  it('passes no name that lacks the text', () => {
    expect(names.filter(nameContains('prod admin'))).toEqual([])
    expect(names.filter(nameContains('x'))).toEqual([])
  })
})
