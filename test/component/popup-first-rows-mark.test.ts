// The popup stamps "rolecall:rows" once, after the frame that first shows rows (test/bench/popup-bench.ts reads
// it in Firefox). Its own file: the mark is set once per page, i.e. once per module graph.
import { describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen } from '@testing-library/svelte'
import type { PopupModel, ProfileListItem } from '../../src/shared/messages/profiles'

const call = vi.hoisted(() => vi.fn())
vi.mock('../../src/shared/client', () => ({ call }))

import Popup from '../../src/popup/app.svelte'
import { FIRST_ROWS_MARK } from '../../src/popup/first-rows-mark'

const item = (name: string): ProfileListItem => ({
  name,
  kind: 'role',
  chain: ['base', name],
  mfa: false,
  session: 'none',
  pinned: false,
})
const marks = () => performance.getEntriesByName(FIRST_ROWS_MARK, 'mark').length
const settle = () => new Promise((resolve) => setTimeout(resolve, 50))

describe('popup first rows mark', () => {
  it('is not set while loading, is set once the rows are drawn, and only once', async () => {
    localStorage.clear()
    let answer: (model: PopupModel) => void = () => {}
    call.mockImplementation((name: string) =>
      name === 'popup.model' ? new Promise<PopupModel>((resolve) => (answer = resolve)) : Promise.resolve(null),
    )
    render(Popup)
    await settle()
    expect(screen.queryAllByTestId('profile-row')).toHaveLength(0)
    expect(marks()).toBe(0)
    answer({
      status: { vault: 'unlocked', profileCount: 2, version: '0.1.0', browser: 'chrome' },
      profiles: [item('dev'), item('staging')],
      prompts: [],
      refreshPaused: false,
    })
    await vi.waitFor(() => expect(marks()).toBe(1))
    expect(screen.getAllByTestId('profile-row')).toHaveLength(2)
    await fireEvent.input(screen.getByTestId('profile-filter'), { target: { value: 'sta' } })
    await settle()
    expect(screen.getAllByTestId('profile-row')).toHaveLength(1)
    expect(marks()).toBe(1)
  })
})
