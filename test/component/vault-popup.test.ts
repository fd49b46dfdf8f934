import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup, render, screen, fireEvent } from '@testing-library/svelte'
import { RolecallFailure } from '../../src/shared/protocol'

const call = vi.hoisted(() => vi.fn())
vi.mock('../../src/shared/client', () => ({ call }))

import Unlock from '../../src/popup/unlock.svelte'
import LockButton from '../../src/popup/unlock-lock-button.svelte'

afterEach(() => {
  cleanup()
  call.mockReset()
})

describe('popup unlock', () => {
  it('focuses the passphrase field and submits it with Enter', async () => {
    call.mockResolvedValue({ state: 'unlocked' })
    const onunlocked = vi.fn()
    render(Unlock, { onunlocked })
    const field = screen.getByLabelText('Passphrase') as HTMLInputElement
    expect(document.activeElement).toBe(field)
    expect(field.type).toBe('password')
    await fireEvent.input(field, { target: { value: 'correct horse battery staple' } })
    await fireEvent.submit(field.form!) // what Enter in the field does
    await vi.waitFor(() => expect(onunlocked).toHaveBeenCalledOnce())
    expect(call).toHaveBeenCalledWith('vault.unlock', { passphrase: 'correct horse battery staple' })
  })

  it('on a wrong passphrase shows the message and keeps focus in the field with its text selected', async () => {
    call.mockRejectedValue(
      new RolecallFailure(
        'wrong-passphrase',
        'That passphrase does not unlock the vault. Check Caps Lock and the keyboard layout, then try again.',
      ),
    )
    const onunlocked = vi.fn()
    render(Unlock, { onunlocked })
    const field = screen.getByLabelText('Passphrase') as HTMLInputElement
    await fireEvent.input(field, { target: { value: 'wrong one' } })
    await fireEvent.submit(field.form!)
    expect((await screen.findByRole('alert')).textContent).toMatch(/does not unlock the vault/)
    await vi.waitFor(() => expect(document.activeElement).toBe(field))
    expect(field.value).toBe('wrong one')
    expect([field.selectionStart, field.selectionEnd]).toEqual([0, 'wrong one'.length])
    expect(field.getAttribute('aria-invalid')).toBe('true')
    expect(onunlocked).not.toHaveBeenCalled()
  })

  it('asks for a passphrase instead of sending an empty one', async () => {
    render(Unlock, { onunlocked: vi.fn() })
    await fireEvent.submit(screen.getByTestId('unlock'))
    expect((await screen.findByRole('alert')).textContent).toBe('Enter your passphrase.')
    expect(call).not.toHaveBeenCalled()
  })

  it('"Lock" locks the vault', async () => {
    call.mockResolvedValue({ state: 'locked' })
    const onlocked = vi.fn()
    render(LockButton, { onlocked })
    await fireEvent.click(screen.getByRole('button', { name: /Lock/ }))
    await vi.waitFor(() => expect(onlocked).toHaveBeenCalledOnce())
    expect(call).toHaveBeenCalledWith('vault.lock', {})
  })
})
