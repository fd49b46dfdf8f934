// Issue 15: after a copy action the popup asks the background to clear the clipboard in 30 s and says so; the
// copied secret itself is never shown. If the background cannot arrange it, the popup says that instead.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte'
import type { ProfileListItem } from '../../src/shared/messages/profiles'

const call = vi.hoisted(() => vi.fn())
vi.mock('../../src/shared/client', () => ({ call }))

import MainView from '../../src/popup/main-view.svelte'

const PROFILE: ProfileListItem = {
  name: 'dev',
  kind: 'role',
  chain: ['base', 'dev'],
  mfa: true,
  session: 'none',
  pinned: false,
  accountId: '222222222222',
  roleName: 'Developer',
}
const URL = 'https://signin.aws.amazon.com/federation?Action=login&SigninToken=SECRET-TOKEN'
const EXPORTS = 'export AWS_ACCESS_KEY_ID=ASIAEXAMPLE\nexport AWS_SECRET_ACCESS_KEY=SECRET-KEY\n'

function answer(replies: Record<string, () => unknown>) {
  call.mockImplementation(async (name: string) => {
    const reply = replies[name]
    if (!reply) throw new Error(`unexpected call ${name}`)
    return reply()
  })
}

function mockClipboard() {
  const writeText = vi.fn().mockResolvedValue(undefined)
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
  return writeText
}

afterEach(() => {
  cleanup()
  call.mockReset()
})

describe('popup copy actions clear the clipboard', () => {
  it('copies the sign-in URL, then asks for the clear and says it happens in 30 s', async () => {
    const writeText = mockClipboard()
    answer({
      'login.signinUrl': () => ({ status: 'url', url: URL, expiresAt: Date.now() + 3600_000 }),
      'clipboard.copied': () => ({ clearAt: Date.now() + 30_000 }),
    })
    render(MainView, { profiles: [PROFILE], prompts: [] })
    await fireEvent.click(screen.getByTestId('copy-url'))
    const message = await screen.findByTestId('login-message')
    await vi.waitFor(() => expect(message.textContent).toContain('Cleared from the clipboard in 30 s.'))
    expect(message.textContent).toMatch(
      /^Sign-in URL of dev copied: it works once, until .+\. Cleared from the clipboard in 30 s\.$/,
    )
    expect(writeText).toHaveBeenCalledWith(URL)
    // The clear is asked for after the copy, never before it.
    expect(call.mock.calls.map(([name]) => name)).toEqual(['login.signinUrl', 'clipboard.copied'])
    expect(writeText.mock.invocationCallOrder[0]!).toBeLessThan(call.mock.invocationCallOrder[1]!)
    expect(document.body.textContent).not.toContain('SECRET-TOKEN')
  })

  it('does the same for export lines', async () => {
    const writeText = mockClipboard()
    answer({
      'login.exportLines': () => ({ status: 'exports', text: EXPORTS, expiresAt: Date.now() + 3600_000 }),
      'clipboard.copied': () => ({ clearAt: Date.now() + 30_000 }),
    })
    render(MainView, { profiles: [PROFILE], prompts: [] })
    await fireEvent.click(screen.getByTestId('copy-exports'))
    await vi.waitFor(() =>
      expect(screen.getByTestId('login-message').textContent).toMatch(
        /^Export lines of dev copied: .+ Cleared from the clipboard in 30 s\.$/,
      ),
    )
    expect(writeText).toHaveBeenCalledWith(EXPORTS)
    expect(document.body.textContent).not.toContain('SECRET-KEY')
  })

  it('says to clear it by hand when the background could not arrange the clear', async () => {
    mockClipboard()
    answer({
      'login.signinUrl': () => ({ status: 'url', url: URL, expiresAt: Date.now() + 3600_000 }),
      'clipboard.copied': () => {
        throw new Error('no background')
      },
    })
    render(MainView, { profiles: [PROFILE], prompts: [] })
    await fireEvent.click(screen.getByTestId('copy-url'))
    await vi.waitFor(() =>
      expect(screen.getByTestId('login-message').textContent).toContain(
        'could not arrange to clear it from the clipboard',
      ),
    )
  })

  it("says the same when the background's answer has no time in it", async () => {
    mockClipboard()
    answer({
      'login.signinUrl': () => ({ status: 'url', url: URL, expiresAt: Date.now() + 3600_000 }),
      'clipboard.copied': () => ({}),
    })
    render(MainView, { profiles: [PROFILE], prompts: [] })
    await fireEvent.click(screen.getByTestId('copy-url'))
    await vi.waitFor(() =>
      expect(screen.getByTestId('login-message').textContent).toContain(
        'could not arrange to clear it from the clipboard',
      ),
    )
    expect(screen.getByTestId('login-message').textContent).not.toContain('NaN')
  })

  it('asks for no clear when nothing was copied (the clipboard refused)', async () => {
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: vi.fn().mockRejectedValue(new Error('Document is not focused.')) },
      configurable: true,
    })
    answer({ 'login.signinUrl': () => ({ status: 'url', url: URL, expiresAt: Date.now() + 3600_000 }) })
    render(MainView, { profiles: [PROFILE], prompts: [] })
    await fireEvent.click(screen.getByTestId('copy-url'))
    await vi.waitFor(() => expect(screen.getByTestId('login-message').textContent).toBe('Document is not focused.'))
    expect(call.mock.calls.map(([name]) => name)).toEqual(['login.signinUrl'])
  })
})
