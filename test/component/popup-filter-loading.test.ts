// The filter's code (fuzzysort) is not part of the popup's first paint: it loads right after. A query typed
// before it is there gets fuzzysort's own answer once it arrives, and Enter pressed meanwhile opens that
// answer's first row, never a row of the unfiltered list. Its own file: the filter code is loaded once per page.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte'

const call = vi.hoisted(() => vi.fn())
vi.mock('../../src/shared/client', () => ({ call }))

import MainView from '../../src/popup/main-view.svelte'
import { buildFilterIndex, filterLoaded, loadFilter } from '../../src/popup/rank'
import { listItem as profile } from './list-item'

const PROFILES = [
  profile('dev', { pinned: true }),
  profile('staging', { accountId: '333333333333' }),
  profile('prod', { accountId: '444444444444', roleName: 'ReadOnly' }),
]

afterEach(() => cleanup())

describe('the filter before its code is loaded', () => {
  it('Enter typed before the filter code arrives opens the first match, not the first row of the whole list', async () => {
    expect(filterLoaded()).toBe(false)
    call.mockResolvedValue({ status: 'opened', profile: 'prod', tabId: 1, expiresAt: 2 })
    render(MainView, { profiles: PROFILES, prompts: [] })
    const filter = screen.getByTestId('profile-filter') as HTMLInputElement
    // Both events are dispatched at once (fireEvent dispatches synchronously): the import cannot be there yet.
    const typed = fireEvent.input(filter, { target: { value: 'readonly' } })
    const entered = fireEvent.keyDown(filter, { key: 'Enter' })
    expect(filterLoaded()).toBe(false)
    await Promise.all([typed, entered])
    await vi.waitFor(() => expect(call).toHaveBeenCalledWith('login.open', { profile: 'prod', newTab: false }))
    expect(call).toHaveBeenCalledTimes(1)
    expect(screen.getAllByTestId('profile-row').map((r) => r.dataset.profile)).toEqual(['prod'])
  })

  it('search answers a query with fuzzysort once loaded, and says it cannot before', async () => {
    vi.resetModules()
    const fresh = await import('../../src/popup/rank')
    const index = fresh.buildFilterIndex(PROFILES)
    expect(fresh.filterLoaded()).toBe(false)
    expect(index.search('')).toEqual(index.ordered)
    expect(index.search('prd')).toBeUndefined()
    index.prepare() // nothing to prepare with yet: no error
    await fresh.loadFilter()
    expect(fresh.filterLoaded()).toBe(true)
    expect(index.search('prd')?.map((p) => p.name)).toEqual(['prod'])
    // The page's own copy, loaded by the test above, answers the same.
    await loadFilter()
    expect(
      buildFilterIndex(PROFILES)
        .search('prd')
        ?.map((p) => p.name),
    ).toEqual(['prod'])
  })

  it('keeps the list order (pinned, recent) among equal scores, before and after the warm-up search', async () => {
    await loadFilter()
    const twins = [profile('dev-a'), profile('dev-c', { lastUsed: 5 }), profile('dev-b', { pinned: true })]
    const index = buildFilterIndex(twins)
    expect(index.ordered.map((p) => p.name)).toEqual(['dev-b', 'dev-c', 'dev-a'])
    expect(index.search('dev')?.map((p) => p.name)).toEqual(['dev-b', 'dev-c', 'dev-a'])
    const warmed = buildFilterIndex(twins)
    warmed.prepare()
    expect(warmed.search('dev')?.map((p) => p.name)).toEqual(['dev-b', 'dev-c', 'dev-a'])
    expect(warmed.search('')).toBe(warmed.ordered)
  })
})
