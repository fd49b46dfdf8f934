import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup, render, screen, fireEvent } from '@testing-library/svelte'

const call = vi.hoisted(() => vi.fn())
vi.mock('../../src/shared/client', () => ({ call }))

import Popup from '../../src/popup/app.svelte'

afterEach(() => {
  cleanup()
  call.mockReset()
})

describe('popup first screen', () => {
  it('offers "Set up Rolecall" when no vault exists, and opens the options page at setup', async () => {
    call.mockImplementation(async (name: string) =>
      name === 'popup.model'
        ? { status: { vault: 'none', profileCount: 0, version: '0.1.0', browser: 'chrome' }, refreshPaused: false }
        : null,
    )
    const close = vi.spyOn(window, 'close').mockImplementation(() => {})
    render(Popup)
    const button = await screen.findByRole('button', { name: 'Set up Rolecall' })
    await fireEvent.click(button)
    expect(call).toHaveBeenCalledWith('app.openOptions', { section: 'setup' })
    await vi.waitFor(() => expect(close).toHaveBeenCalled())
  })

  it('shows the background failure instead of a spinner', async () => {
    call.mockRejectedValue(new Error("Rolecall's background did not answer."))
    render(Popup)
    expect((await screen.findByRole('alert')).textContent).toContain("Rolecall's background did not answer.")
  })
})
