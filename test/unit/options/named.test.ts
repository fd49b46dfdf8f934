// The Import section's lists of names: all of them up to NAMED, the first NAMED and how many more after that.
import { describe, expect, it } from 'vitest'
import { NAMED, named } from '../../../src/options/import/named'

const names = (n: number) => Array.from({ length: n }, (_, i) => `p${i}`)

describe('named', () => {
  it('names every profile up to the limit', () => {
    expect(named([])).toBe('')
    expect(named(['dev'])).toBe('dev')
    expect(named(names(NAMED)).split(', ')).toHaveLength(NAMED)
  })

  it('names the first ones past it and says how many more', () => {
    const text = named(names(NAMED + 52_400))
    expect(text.endsWith(`p${NAMED - 1} and 52400 more`)).toBe(true)
    expect(text).not.toContain(`p${NAMED},`)
    expect(text.length).toBeLessThan(1_000)
  })
})
