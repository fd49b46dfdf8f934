// Chrome's confirm before a sign-in ends other consoles: one identity per browser ("replaces it"), or the
// console's multi-session at its limit (naming the oldest; Rolecall signs none of them out there).
import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte'

const call = vi.hoisted(() => vi.fn())
vi.mock('../../src/shared/client', () => ({ call }))

import MainView from '../../src/popup/main-view.svelte'
import { listItem } from './list-item'

const profile = (name: string) => listItem(name)
const PROFILES = ['dev', 'staging', 'prod', 'security', 'data', 'identity'].map(profile)

afterEach(() => {
  cleanup()
  call.mockReset()
})

async function openIdentity() {
  const filter = screen.getByTestId('profile-filter') as HTMLInputElement
  await fireEvent.input(filter, { target: { value: 'identity' } })
  await fireEvent.keyDown(filter, { key: 'Enter' })
  return screen.findByTestId('confirm-replace')
}

describe('confirm before ending other consoles', () => {
  it('one console identity: says the sign-in replaces the current one', async () => {
    call.mockResolvedValueOnce({ status: 'confirm-replace', profile: 'identity', current: 'dev' })
    render(MainView, { profiles: PROFILES, prompts: [] })
    const dialog = await openIdentity()
    expect(dialog.dataset.kind).toBe('replace')
    expect(dialog.textContent).toContain('signed in to the console as dev')
    expect(screen.getByRole('button', { name: 'Keep dev' })).toBeTruthy()
  })

  it('multi-session at its limit: names every holder and the oldest, signs none out, opens only when asked', async () => {
    const held = ['dev', 'staging', 'prod', 'security', 'data']
    call.mockResolvedValueOnce({
      status: 'confirm-replace',
      profile: 'identity',
      current: 'dev',
      sessionsHeld: held,
      sessionLimit: 5,
    })
    render(MainView, { profiles: PROFILES, prompts: [] })
    const dialog = await openIdentity()
    expect(dialog.dataset.kind).toBe('session-limit')
    const text = dialog.textContent!.replace(/\s+/g, ' ')
    expect(text).toContain('The console holds 5 sessions, the most it allows (dev, staging, prod, security, data)')
    expect(text).toContain('Rolecall signs none of them out')
    expect(text).toContain('sign out of one in the console')
    expect(text).toContain('the oldest is dev')

    call.mockResolvedValueOnce({ status: 'opened', profile: 'identity', tabId: 7, expiresAt: 1 })
    await fireEvent.click(screen.getByRole('button', { name: 'Open anyway' }))
    expect(call).toHaveBeenLastCalledWith('login.open', { profile: 'identity', newTab: true, replace: true })
    expect(screen.queryByTestId('confirm-replace')).toBeNull()
  })

  it('"Not now" closes the question without signing in', async () => {
    call.mockResolvedValueOnce({
      status: 'confirm-replace',
      profile: 'identity',
      current: 'dev',
      sessionsHeld: ['dev', 'staging', 'prod', 'security', 'data'],
      sessionLimit: 5,
    })
    render(MainView, { profiles: PROFILES, prompts: [] })
    await openIdentity()
    await fireEvent.click(screen.getByRole('button', { name: 'Not now' }))
    expect(screen.queryByTestId('confirm-replace')).toBeNull()
    expect(call).toHaveBeenCalledTimes(1)
  })
})
