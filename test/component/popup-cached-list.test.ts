// The popup draws the list it showed last (kept in its localStorage) while the background's answer is on its
// way, then the answer's list in its place; a locked or missing vault drops the kept list; the kept list holds
// the summaries' non-secret fields only, never console-session state; a broken one is ignored and dropped.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte'
import type { PopupModel, ProfileListItem, ProfileSummary } from '../../src/shared/messages/profiles'

const call = vi.hoisted(() => vi.fn())
vi.mock('../../src/shared/client', () => ({ call }))

import Popup from '../../src/popup/app.svelte'
import {
  CACHED_LIST_KEY,
  FIRST_ROWS_KEY,
  KEPT_FIELDS,
  KEPT_LIST_KEYS,
  readCachedList,
  readFirstRows,
  rememberList,
} from '../../src/popup/cached-list'
import { ROWS_IN_VIEW } from '../../src/popup/list-view'
import { listItem as item } from './list-item'

const status = (vault: 'unlocked' | 'locked' | 'none') => ({
  vault,
  profileCount: 3,
  version: '0.1.0',
  browser: 'chrome' as const,
})
const unlocked = (profiles: ProfileListItem[]): PopupModel => ({
  status: status('unlocked'),
  profiles,
  prompts: [],
  refreshPaused: false,
})

/** The background's answers, released by the test. */
function deferredAnswers() {
  const waiting: Array<(model: PopupModel) => void> = []
  call.mockImplementation((name: string) => {
    if (name === 'popup.model') return new Promise<PopupModel>((resolve) => waiting.push(resolve))
    if (name === 'vault.lock') return Promise.resolve(null)
    return Promise.resolve(null)
  })
  return {
    answer: async (model: PopupModel, which = 0) => {
      await vi.waitFor(() => expect(waiting[which]).toBeDefined())
      waiting[which]!(model)
    },
  }
}

const rows = () => screen.queryAllByTestId('profile-row').map((r) => `${r.dataset.profile}:${r.dataset.session}`)
const state = () => screen.getByTestId('popup').dataset.state
const stored = () => localStorage.getItem(CACHED_LIST_KEY)
/** Both keys gone: the whole list and its first rows. */
const dropped = () => KEPT_LIST_KEYS.every((key) => localStorage.getItem(key) === null)

beforeEach(() => localStorage.clear())
afterEach(() => {
  cleanup()
  call.mockReset()
})

describe('popup kept list', () => {
  it("draws the last list at once, then the answer's list in the same list (a filter typed meanwhile stays)", async () => {
    rememberList([
      item('dev', { session: 'live', expiresAt: 5 }),
      item('staging', { accountId: '333333333333' }),
      item('old-one'),
    ])
    const { answer } = deferredAnswers()
    render(Popup)
    // Before any answer: the kept rows, without console-session state.
    expect(state()).toBe('cached')
    expect(rows()).toEqual(['dev:none', 'old-one:none', 'staging:none'])
    expect(screen.getByTestId('lock-now')).toBeTruthy()
    const filter = screen.getByTestId('profile-filter') as HTMLInputElement
    await fireEvent.input(filter, { target: { value: 's' } })
    // The answer: "old-one" is gone, "qa" is new, sessions are known.
    await answer(
      unlocked([
        item('dev', { session: 'live', expiresAt: 5 }),
        item('staging', { session: 'expiring', expiresAt: 6 }),
        item('qa-s'),
      ]),
    )
    await vi.waitFor(() => expect(state()).toBe('unlocked'))
    expect(screen.getByTestId('profile-filter')).toBe(filter)
    expect(filter.value).toBe('s')
    expect(rows()).toEqual(expect.arrayContaining(['staging:expiring', 'qa-s:none']))
    expect(rows().some((r) => r.startsWith('old-one'))).toBe(false)
    // The answer's list is kept for the next open, still without session state.
    await vi.waitFor(() => expect(readCachedList()?.map((p) => p.name)).toEqual(['dev', 'qa-s', 'staging']))
    expect(readCachedList()?.every((p) => p.session === 'none' && p.expiresAt === undefined)).toBe(true)
  })

  it('without a kept list waits for the answer, then keeps its list', async () => {
    const { answer } = deferredAnswers()
    render(Popup)
    expect(state()).toBe('loading')
    expect(rows()).toEqual([])
    await answer(unlocked([item('dev')]))
    await vi.waitFor(() => expect(rows()).toEqual(['dev:none']))
    await vi.waitFor(() => expect(stored()).not.toBeNull())
  })

  it('is kept only as long as the vault stays unlocked without use: older than its auto-lock time, it is not drawn', async () => {
    const { answer } = deferredAnswers()
    render(Popup)
    await answer({ ...unlocked([item('dev')]), autoLockMinutes: 5 })
    await vi.waitFor(() => expect(stored()).not.toBeNull())
    const until = (JSON.parse(stored()!) as { until: number }).until
    expect(until).toBeGreaterThan(Date.now() + 4 * 60_000)
    expect(until).toBeLessThanOrEqual(Date.now() + 5 * 60_000)
    expect(readCachedList(until - 1)?.map((p) => p.name)).toEqual(['dev'])
    cleanup()
    // Six minutes on, the vault has locked itself: the next open waits for the answer, and the list is dropped.
    vi.useFakeTimers({ toFake: ['Date'], now: until + 60_000 })
    try {
      deferredAnswers()
      render(Popup)
      expect(state()).toBe('loading')
      expect(rows()).toEqual([])
      expect(dropped()).toBe(true)
    } finally {
      vi.useRealTimers()
    }
  })

  it('a locked answer replaces the kept list with the unlock form and drops it', async () => {
    rememberList([item('dev')])
    const { answer } = deferredAnswers()
    render(Popup)
    expect(rows()).toEqual(['dev:none'])
    await answer({ status: status('locked'), refreshPaused: true })
    await vi.waitFor(() => expect(screen.getByTestId('unlock')).toBeTruthy())
    expect(rows()).toEqual([])
    expect(screen.queryByTestId('lock-now')).toBeNull()
    expect(dropped()).toBe(true)
    cleanup()
    render(Popup)
    expect(state()).toBe('loading')
    expect(rows()).toEqual([])
  })

  it('a vault that is gone drops the kept list too', async () => {
    rememberList([item('dev')])
    const { answer } = deferredAnswers()
    render(Popup)
    await answer({ status: status('none'), refreshPaused: false })
    await screen.findByTestId('setup-prompt')
    expect(dropped()).toBe(true)
  })

  it('Lock clicked on the kept list wins over the earlier answer arriving late', async () => {
    rememberList([item('dev')])
    const { answer } = deferredAnswers()
    render(Popup)
    await fireEvent.click(screen.getByTestId('lock-now'))
    await vi.waitFor(() => expect(call).toHaveBeenCalledWith('vault.lock', {}))
    expect(dropped()).toBe(true)
    // The answer asked after the lock arrives first, then the one asked at open (still "unlocked").
    await answer({ status: status('locked'), refreshPaused: false }, 1)
    await screen.findByTestId('unlock')
    await answer(unlocked([item('dev')]), 0)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(screen.getByTestId('unlock')).toBeTruthy()
    expect(rows()).toEqual([])
    expect(dropped()).toBe(true)
  })

  it("keeps only the summary's non-secret fields, named one by one, and no session state", () => {
    // Every field of ProfileSummary (the non-secret description of a profile) plus pins and recents.
    const summaryFields: Array<keyof ProfileSummary | 'pinned' | 'lastUsed'> = [
      'name',
      'kind',
      'reason',
      'accountId',
      'roleName',
      'region',
      'color',
      'sessionName',
      'chain',
      'mfa',
      'pinned',
      'lastUsed',
    ]
    expect([...KEPT_FIELDS].sort()).toEqual([...summaryFields].sort())
    const extra = {
      ...item('dev', { session: 'live', expiresAt: 7, lastUsed: 3, color: '#ff0000' }),
      smuggled: 'AKIAEXAMPLESECRETKEY',
    } as ProfileListItem
    rememberList([extra])
    const text = stored()!
    for (const kept of [text, localStorage.getItem(FIRST_ROWS_KEY)!]) {
      expect(kept).not.toContain('smuggled')
      expect(kept).not.toContain('AKIAEXAMPLESECRETKEY')
      expect(kept).not.toContain('expiresAt')
    }
    expect(JSON.parse(text).profiles).toEqual([{ ...item('dev', { lastUsed: 3, color: '#ff0000' }), session: 'none' }])
  })

  it('drops the older list when the new one cannot be written (over quota)', () => {
    rememberList([item('old')])
    const setItem = vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError')
    })
    try {
      rememberList([item('old'), item('new')])
    } finally {
      setItem.mockRestore()
    }
    expect(dropped()).toBe(true)
  })

  /** A kept list in the expected envelope (format, fresh), with `extra` over it. */
  const keptText = (profiles: object[], extra: object = {}) =>
    JSON.stringify({ format: 2, until: Date.now() + 60_000, profiles, ...extra })

  it('draws a kept list in the expected envelope (the cases below each break one thing of it)', () => {
    localStorage.setItem(CACHED_LIST_KEY, keptText([item('dev')]))
    deferredAnswers()
    render(Popup)
    expect(rows()).toEqual(['dev:none'])
  })

  it.each([
    ['not JSON', '{"format":2,'],
    ['another format', keptText([item('dev')], { format: 1 })],
    ['a row with session state', keptText([{ ...item('dev'), session: 'live' }])],
    ['a row with an unknown field', keptText([{ ...item('dev'), token: 'x' }])],
    ['a row without a name', keptText([{ ...item('dev'), name: 3 }])],
    ['a row whose colour would fetch (a CSS url)', keptText([item('dev', { color: 'url(https://x.example/)' })])],
  ])('ignores and drops a kept list that is %s', (_label, text) => {
    localStorage.setItem(CACHED_LIST_KEY, text)
    deferredAnswers()
    render(Popup)
    expect(state()).toBe('loading')
    expect(rows()).toEqual([])
    expect(dropped()).toBe(true)
  })
})

describe('popup kept list: the first rows, kept apart for the first frame', () => {
  const names = Array.from({ length: 30 }, (_, i) => `p${String(i).padStart(2, '0')}`)

  it('are the top of the kept list, with its length', () => {
    rememberList(names.map((name) => item(name)))
    const first = readFirstRows()!
    expect(first.count).toBe(30)
    expect(first.profiles).toEqual(readCachedList()!.slice(0, ROWS_IN_VIEW))
  })

  const firstRowsText = (extra: object) => {
    rememberList(names.map((name) => item(name)))
    const kept = JSON.parse(localStorage.getItem(FIRST_ROWS_KEY)!) as object
    return JSON.stringify({ ...kept, ...extra })
  }
  it.each([
    ['a count below its rows', { count: 2 }],
    ['a count that is no whole number', { count: 30.5 }],
    ['more rows than the first frame draws', { profiles: names.map((name) => item(name)) }],
    ['a row with session state', { profiles: [{ ...item('dev'), session: 'live' }] }],
    ['a row whose colour would fetch', { profiles: [item('dev', { color: 'url(https://x.example/)' })] }],
    ['out of date', { until: Date.now() - 1 }],
  ])('are not drawn, and the kept list is dropped, with %s', (_label, extra) => {
    localStorage.setItem(FIRST_ROWS_KEY, firstRowsText(extra))
    expect(readFirstRows()).toBeUndefined()
    expect(dropped()).toBe(true)
  })
})
