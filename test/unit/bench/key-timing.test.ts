// The bench's keystroke figure: from the key event to the first frame of the list it settles on.
import { describe, expect, it } from 'vitest'
import { settledMs, type KeyRun } from '../../bench/key-timing'
import { renderTable } from '../../bench/table'

const run = (shown: string[], before = 'all'): KeyRun => ({
  start: 100,
  before,
  frames: shown.map((s, i) => ({ shown: s, at: 110 + i * 16 })),
})

describe('settledMs', () => {
  it('counts to the first frame that shows the final list', () => {
    expect(settledMs(run(['all', 'p', 'p']), 'p')).toEqual({ ms: 26, changed: true })
  })

  it('counts a list that flickered back to the last stretch, not its first appearance', () => {
    expect(settledMs(run(['p', 'x', 'p', 'p']), 'p').ms).toBe(42)
  })

  it('reports a key that left the list as it was', () => {
    expect(settledMs(run(['all', 'all'], 'all'), 'all')).toEqual({ ms: 10, changed: false })
  })

  it('refuses a list still changing after the recording', () => {
    expect(() => settledMs(run(['all', 'p']), 'pr')).toThrow(/still changing/)
  })

  it('refuses a key with no frame recorded', () => {
    expect(() => settledMs(run([]), 'p')).toThrow(/no frame/)
  })
})

describe('renderTable', () => {
  it('shows a floor beside a figure and the ratio over it', () => {
    const table = renderTable([
      { figure: 'open', unit: 'ms', samples: [60, 64, 70], floor: { name: 'blank popup', samples: [30, 32, 40] } },
    ])
    expect(table).toContain('| floor: blank popup 32.0 (max 40.0) | 2.00× floor |')
  })
})
