// The unlocked popup: the list filters as you type, arrow keys and Enter open a profile, the MFA prompt
// submits on the sixth digit and shows AWS's reason for a refused code, copy actions go to the clipboard.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte'
import type { MfaPrompt } from '../../src/shared/messages/login'

const call = vi.hoisted(() => vi.fn())
vi.mock('../../src/shared/client', () => ({ call }))

import MainView from '../../src/popup/main-view.svelte'
import { listItem as profile } from './list-item'

const PROFILES = [
  profile('dev'),
  profile('staging', { accountId: '333333333333' }),
  profile('prod', { accountId: '444444444444', roleName: 'ReadOnly', pinned: true }),
  profile('legacy', { kind: 'unusable', reason: 'Profile "legacy" uses credential_process.' }),
]
const PROMPT: MfaPrompt = {
  id: 'p1',
  deviceSerial: 'arn:aws:iam::111111111111:mfa/alice',
  profiles: ['dev'],
  createdAt: 1,
}

afterEach(() => {
  cleanup()
  call.mockReset()
})

const rows = () => screen.getAllByTestId('profile-row').map((r) => r.dataset.profile)

describe('popup main view', () => {
  it('lists pinned profiles first and unusable ones last, with the reason', () => {
    render(MainView, { profiles: PROFILES, prompts: [] })
    expect(rows()).toEqual(['prod', 'dev', 'staging', 'legacy'])
    expect(screen.getByText('Profile "legacy" uses credential_process.')).toBeTruthy()
  })

  it('filters by name, account or role as you type, and Enter opens the selected one', async () => {
    call.mockResolvedValue({ status: 'opened', profile: 'staging', tabId: 1, expiresAt: 2 })
    render(MainView, { profiles: PROFILES, prompts: [] })
    const filter = screen.getByTestId('profile-filter') as HTMLInputElement
    await fireEvent.input(filter, { target: { value: '3333' } })
    // The filter's code (fuzzysort) loads after the first paint: the first query is answered once it is there.
    await vi.waitFor(() => expect(rows()).toEqual(['staging']))
    await fireEvent.input(filter, { target: { value: 'readonly' } })
    expect(rows()).toEqual(['prod'])
    await fireEvent.input(filter, { target: { value: '' } })
    await fireEvent.keyDown(filter, { key: 'ArrowDown' })
    await fireEvent.keyDown(filter, { key: 'ArrowDown' })
    await fireEvent.keyDown(filter, { key: 'Enter' })
    expect(call).toHaveBeenCalledWith('login.open', { profile: 'staging', newTab: false })
    expect((await screen.findByTestId('login-message')).textContent).toContain('Opened staging')
  })

  it("submits the MFA code on the sixth digit and keeps the prompt with AWS's reason when refused", async () => {
    const refused = { ...PROMPT, id: 'p2', lastError: 'AWS did not accept the MFA code: wait for the next code.' }
    call.mockResolvedValueOnce({ outcomes: [{ status: 'needs-mfa', profile: 'dev', prompt: refused }] })
    render(MainView, { profiles: PROFILES, prompts: [PROMPT] })
    // The prompt's code is loaded when a prompt is there (prefetched after the first paint in the popup).
    const field = (await screen.findByTestId('mfa-code')) as HTMLInputElement
    await fireEvent.input(field, { target: { value: '12345' } })
    expect(call).not.toHaveBeenCalled()
    await fireEvent.input(field, { target: { value: '123456' } })
    expect(call).toHaveBeenCalledWith('login.submitMfa', { promptId: 'p1', code: '123456' })
    expect((await screen.findByTestId('mfa-error')).textContent).toContain('wait for the next code')
    expect(screen.getAllByTestId('mfa-prompt')).toHaveLength(1)
  })

  it('copies the sign-in URL to the clipboard only on a click, never showing it', async () => {
    const url = 'https://signin.aws.amazon.com/federation?Action=login&SigninToken=SECRET-TOKEN'
    call.mockResolvedValue({ status: 'url', url, expiresAt: Date.now() + 3600_000 })
    const writeText = vi.fn().mockResolvedValue(undefined)
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    render(MainView, { profiles: PROFILES, prompts: [] })
    expect(call).not.toHaveBeenCalled()
    await fireEvent.click(screen.getAllByTestId('copy-url')[0]!)
    expect(call).toHaveBeenCalledWith('login.signinUrl', { profile: 'prod' })
    await vi.waitFor(() => expect(writeText).toHaveBeenCalledWith(url))
    expect(document.body.textContent).not.toContain('SECRET-TOKEN')
  })

  it('draws only the rows in view and a few below them, whatever the number of profiles', () => {
    const many = Array.from({ length: 500 }, (_, i) => profile(`p-${String(i).padStart(3, '0')}`))
    render(MainView, { profiles: many, prompts: [] })
    // 432 px of 48 px rows in view (9) and 4 below; none above the top.
    expect(rows()).toEqual(many.slice(0, 13).map((p) => p.name))
    expect(screen.getByTestId('profile-count').textContent).toBe('500 of 500 profiles')
  })
})
