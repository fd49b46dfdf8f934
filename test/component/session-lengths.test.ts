// Settings → console session length per profile: with thousands of profiles the list draws the first hundred
// (more on request, or found by name) instead of every profile's row at once (~57,000 elements at 10,000).
import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte'

const call = vi.hoisted(() => vi.fn())
vi.mock('../../src/shared/client', () => ({ call }))

import SessionLengths from '../../src/options/settings/session-lengths.svelte'
import { listItem as item } from './list-item'

const names = Array.from({ length: 250 }, (_, i) => `profile-${String(i).padStart(3, '0')}`)
const drawn = () => [...document.querySelectorAll('select')].map((s) => s.dataset.profile)

afterEach(() => {
  cleanup()
  call.mockReset()
})

describe('session lengths', () => {
  it('draws the first 100 profiles, 100 more on request, and finds the others by name', async () => {
    call.mockResolvedValue({ profiles: names.map((name) => item(name)) })
    render(SessionLengths, { lengths: {}, onchange: () => undefined })
    await vi.waitFor(() => expect(drawn()).toHaveLength(100))
    expect(screen.getByTestId('session-lengths-more').textContent).toMatch(/100 of 250 shown/)

    await fireEvent.click(screen.getByRole('button', { name: 'Show 100 more' }))
    expect(drawn()).toHaveLength(200)
    await fireEvent.click(screen.getByRole('button', { name: 'Show 50 more' }))
    expect(drawn()).toHaveLength(250)
    expect(screen.queryByTestId('session-lengths-more')).toBeNull()

    await fireEvent.input(screen.getByTestId('session-lengths-find'), { target: { value: 'profile-24' } })
    expect(drawn()).toEqual(Array.from({ length: 10 }, (_, i) => `profile-24${i}`))
    await fireEvent.input(screen.getByTestId('session-lengths-find'), { target: { value: 'nobody' } })
    expect(drawn()).toEqual([])
    expect(screen.getByText(/No profile name contains “nobody”/)).toBeTruthy()
  })

  it("sets a found profile's length, keeps the others, and lists no Identity Center role", async () => {
    call.mockResolvedValue({
      profiles: [
        ...names.map((name) => item(name)),
        item('center', { kind: 'sso' }),
        item('chained', { chain: ['base', 'middle', 'chained'] }),
      ],
    })
    const onchange = vi.fn()
    render(SessionLengths, { lengths: { 'profile-000': 7200 }, onchange })
    await vi.waitFor(() => expect(drawn()).toHaveLength(100))
    await fireEvent.input(screen.getByTestId('session-lengths-find'), { target: { value: '249' } })
    const select = document.querySelector<HTMLSelectElement>('select[data-profile="profile-249"]')!
    await fireEvent.change(select, { target: { value: '8' } })
    expect(onchange).toHaveBeenCalledWith({ 'profile-000': 7200, 'profile-249': 28_800 })
    await fireEvent.input(screen.getByTestId('session-lengths-find'), { target: { value: 'c' } })
    expect(drawn()).toEqual([])
    expect(screen.getByText('1 hour (chained role)')).toBeTruthy()
    expect(screen.queryByText('center')).toBeNull()
  })

  it('shows no filter for a short list', async () => {
    call.mockResolvedValue({ profiles: names.slice(0, 5).map((name) => item(name)) })
    render(SessionLengths, { lengths: {}, onchange: () => undefined })
    await vi.waitFor(() => expect(drawn()).toHaveLength(5))
    expect(screen.queryByTestId('session-lengths-find')).toBeNull()
    expect(screen.queryByTestId('session-lengths-more')).toBeNull()
  })
})
