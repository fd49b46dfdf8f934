// The options page's settings: the console's multi-session mode as Rolecall sees it (issue 17), and a save that
// sends plain data (Firefox cannot clone a Svelte state proxy into a message).
import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte'
import { DEFAULT_SETTINGS } from '../../src/core/settings'
import type { ConsoleModeInfo } from '../../src/shared/messages/settings'

const call = vi.hoisted(() => vi.fn())
vi.mock('../../src/shared/client', () => ({ call }))
vi.mock('../../src/platform/page-permissions', () => ({ requestHostPermission: vi.fn() }))

import SettingsSection from '../../src/options/settings/settings-section.svelte'

afterEach(() => {
  cleanup()
  call.mockReset()
})

function answering(mode: ConsoleModeInfo) {
  const settings = { ...DEFAULT_SETTINGS, consoleSessionSeconds: { prod: 7200 }, consoleMultiSession: mode.setting }
  call.mockImplementation(async (name: string, request: { patch?: object }) => {
    if (name === 'settings.get') return settings
    if (name === 'settings.consoleMode') return mode
    // What the browser does to a message: a structured clone (a Svelte state proxy throws here, as in Firefox).
    if (name === 'settings.set') return { ...settings, ...structuredClone(request.patch) }
    if (name === 'profiles.list') return { profiles: [] }
    if (name === 'settings.endpointNotice') return { notice: null }
    return null
  })
}

describe('options: the console multi-session mode', () => {
  it('shows the mode detected from the opt-in cookie, with the box unticked', async () => {
    answering({ multiSession: true, setting: false, detected: 'opt-in-cookie', usedHere: true })
    render(SettingsSection)
    const line = await screen.findByTestId('console-mode')
    expect(line.dataset.detected).toBe('opt-in-cookie')
    expect(line.dataset.multiSession).toBe('true')
    expect(line.textContent!.replace(/\s+/g, ' ')).toContain(
      "Detected in this browser: multi-session is on (the console's opt-in cookie)",
    )
    expect((screen.getByTestId('console-multi-session') as HTMLInputElement).checked).toBe(false)
  })

  it('a per-session console address, nothing detected, and Firefox (not used)', async () => {
    answering({ multiSession: true, setting: false, detected: 'session-host', usedHere: true })
    render(SettingsSection)
    expect((await screen.findByTestId('console-mode')).textContent).toContain('a console tab on a per-session address')
    cleanup()
    answering({ multiSession: true, setting: true, detected: null, usedHere: true })
    render(SettingsSection)
    expect((await screen.findByTestId('console-mode')).textContent).toContain(
      'Not detected in this browser: Rolecall goes by this setting.',
    )
    cleanup()
    answering({ multiSession: false, setting: false, detected: null, usedHere: false })
    render(SettingsSection)
    const line = await screen.findByTestId('console-mode')
    expect(line.textContent).toContain('Not used in this browser')
    expect(line.dataset.multiSession).toBe('false')
  })

  it('saves plain data that survives a structured clone', async () => {
    answering({ multiSession: false, setting: false, detected: null, usedHere: true })
    render(SettingsSection)
    const refresh = (await screen.findByTestId('refresh-minutes')) as HTMLInputElement
    await fireEvent.input(refresh, { target: { value: '1' } })
    await fireEvent.click(screen.getByTestId('save-settings'))
    expect(await screen.findByText('Settings saved.')).toBeTruthy()
    const [, request] = call.mock.calls.find(([name]) => name === 'settings.set')!
    expect(request.patch).toMatchObject({ refreshBeforeMinutes: 1, consoleSessionSeconds: { prod: 7200 } })
  })
})
