// A later-loaded part of the popup (src/popup/lazy.ts) that cannot load, as when Rolecall is updated while the
// popup is open, says so and what to do instead of leaving a blank where it should be.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup, render, screen } from '@testing-library/svelte'

const call = vi.hoisted(() => vi.fn())
vi.mock('../../src/shared/client', () => ({ call }))
vi.mock('../../src/popup/lazy', async (original) => {
  const real = await original<typeof import('../../src/popup/lazy')>()
  const gone = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'))
  return { ...real, lazy: { ...real.lazy, setup: gone }, prefetch: () => undefined }
})

import Popup from '../../src/popup/app.svelte'

afterEach(() => {
  cleanup()
  call.mockReset()
})

describe('popup part that cannot load', () => {
  it('says to reopen the popup', async () => {
    call.mockImplementation(async (name: string) =>
      name === 'popup.model'
        ? { status: { vault: 'none', profileCount: 0, version: '0.1.0', browser: 'chrome' }, refreshPaused: false }
        : null,
    )
    render(Popup)
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toMatch(/did not load .* Close the popup and open it again/)
    expect(screen.queryByRole('button', { name: 'Set up Rolecall' })).toBeNull()
  })
})
