// Options → Import's config field: a large paste is kept out of the textarea (laying it out held Chromium's main
// thread for about a second) and shown as its size, until "Edit as text"; typing stays in the textarea.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte'
import { flushSync } from 'svelte'
import ConfigField from '../../src/options/import/config-field.svelte'
import { LARGE_TEXT } from '../../src/options/import/large-text'

const LARGE = `[profile a]\r\nregion = eu-west-1\r\n${'# padding\r\n'.repeat(LARGE_TEXT / 10)}`
const AS_TEXTAREA_HOLDS_IT = LARGE.replace(/\r\n/g, '\n')

/** A paste event carrying `text` (jsdom has no DataTransfer: clipboardData is given as the browser's has it). */
function pasteInto(field: HTMLElement, text: string): Event {
  const event = new Event('paste', { bubbles: true, cancelable: true })
  Object.defineProperty(event, 'clipboardData', {
    value: { getData: (type: string) => (type === 'text/plain' ? text : '') },
  })
  field.dispatchEvent(event)
  flushSync()
  return event
}

afterEach(() => cleanup())

describe('the config field', () => {
  it('shows a large paste as its size, says it came whole, and puts it in the textarea on request', async () => {
    const onchange = vi.fn()
    render(ConfigField, { text: '', onchange })
    const event = pasteInto(screen.getByTestId('config-text'), LARGE)
    expect(event.defaultPrevented).toBe(true)
    expect(screen.queryByTestId('config-text')).toBeNull()
    expect(screen.getByTestId('config-collapsed-size').textContent).toMatch(/^20,003 lines \(\d+ KB\) pasted/)
    expect(onchange).toHaveBeenCalledWith(AS_TEXTAREA_HOLDS_IT, true)
    await vi.waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('config-edit')))

    await fireEvent.click(screen.getByTestId('config-edit'))
    const area = screen.getByTestId('config-text') as HTMLTextAreaElement
    expect(area.value).toBe(AS_TEXTAREA_HOLDS_IT)
    await vi.waitFor(() => expect(document.activeElement).toBe(area))
  })

  it('leaves a small paste to the browser, and typing in the textarea however long it grows', async () => {
    const onchange = vi.fn()
    render(ConfigField, { text: '', onchange })
    const area = screen.getByTestId('config-text')
    expect(pasteInto(area, '[profile a]\n').defaultPrevented).toBe(false)
    await fireEvent.input(area, { target: { value: AS_TEXTAREA_HOLDS_IT } })
    expect(screen.getByTestId('config-text')).toBe(area)
    expect(onchange).toHaveBeenLastCalledWith(AS_TEXTAREA_HOLDS_IT, false)
  })

  it('shows a large text set from outside (the stored copy after an import) as its size; Clear empties it', async () => {
    const onchange = vi.fn()
    render(ConfigField, { text: AS_TEXTAREA_HOLDS_IT, onchange })
    expect(screen.queryByTestId('config-text')).toBeNull()
    await fireEvent.click(screen.getByTestId('config-clear'))
    expect((screen.getByTestId('config-text') as HTMLTextAreaElement).value).toBe('')
    expect(onchange).toHaveBeenLastCalledWith('', true)
  })
})
