// Issue 15: a secret Rolecall copies is cleared from the clipboard 30 s after its latest copy, by the background,
// from an alarm that wakes a stopped worker, with a catch-up at the next start when the browser lost the alarm.
// Chrome clears through an offscreen document (reason CLIPBOARD) that it closes again.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { CLIPBOARD_CLEAR_ALARM, CLIPBOARD_CLEAR_AT_KEY, createClipboardClearer } from '../../src/background/clipboard'
import { fakeArea } from './vault/service-fakes'

vi.mock('webextension-polyfill', async () => ({ default: (await import('./security/fake-browser')).fakeBrowser.api }))

const T0 = Date.parse('2025-06-01T10:00:00Z')

function world(options: { failClear?: boolean } = {}) {
  const clock = { now: T0 }
  const area = fakeArea()
  const alarms = new Map<string, number>()
  const clears: number[] = []
  const clearer = createClipboardClearer({
    alarms: {
      schedule: async (name, when) => void alarms.set(name, when),
      clear: async (name) => void alarms.delete(name),
    },
    local: { read: area.read, write: (key, value) => area.write({ [key]: value }) },
    clear: async () => {
      if (options.failClear) throw new Error('refused')
      clears.push(clock.now)
    },
    now: () => clock.now,
  })
  return { clock, area, alarms, clears, clearer }
}

describe('clearing the clipboard after a copy', () => {
  it('schedules the clear 30 s after the copy, in an alarm and in storage.local', async () => {
    const w = world()
    expect(await w.clearer.copied()).toEqual({ clearAt: T0 + 30_000 })
    expect(w.alarms.get(CLIPBOARD_CLEAR_ALARM)).toBe(T0 + 30_000)
    expect(w.area.data.get(CLIPBOARD_CLEAR_AT_KEY)).toBe(T0 + 30_000)
    expect(w.clears).toEqual([])
  })

  it('clears once when the alarm fires, and a second alarm or start then does nothing', async () => {
    const w = world()
    await w.clearer.copied()
    w.clock.now = T0 + 30_000
    await w.clearer.due()
    expect(w.clears).toEqual([T0 + 30_000])
    await w.clearer.due()
    expect(w.clears).toHaveLength(1)
    expect(w.area.data.get(CLIPBOARD_CLEAR_AT_KEY)).toBeNull()
  })

  it("a newer copy moves the clear: the older copy's alarm re-arms instead of clearing the newer secret early", async () => {
    const w = world()
    await w.clearer.copied()
    w.clock.now = T0 + 20_000
    await w.clearer.copied()
    w.clock.now = T0 + 30_000
    await w.clearer.due()
    expect(w.clears).toEqual([])
    expect(w.alarms.get(CLIPBOARD_CLEAR_ALARM)).toBe(T0 + 50_000)
    w.clock.now = T0 + 50_000
    await w.clearer.due()
    expect(w.clears).toEqual([T0 + 50_000])
  })

  it('tolerates an alarm a little early (rounding), not a start long before the time', async () => {
    const w = world()
    await w.clearer.copied()
    w.clock.now = T0 + 5_000
    await w.clearer.due()
    expect(w.clears).toEqual([])
    expect(w.alarms.get(CLIPBOARD_CLEAR_ALARM)).toBe(T0 + 30_000)
    w.clock.now = T0 + 29_500
    await w.clearer.due()
    expect(w.clears).toEqual([T0 + 29_500])
  })

  it('catches up at the next start when the alarm was lost (a browser restart), and does nothing with none pending', async () => {
    const w = world()
    await w.clearer.due()
    expect(w.clears).toEqual([])
    await w.clearer.copied()
    w.alarms.clear()
    w.clock.now = T0 + 3_600_000
    await w.clearer.due()
    expect(w.clears).toEqual([T0 + 3_600_000])
  })

  it('keeps the pending clear when the browser refused it, so the next start tries again', async () => {
    const w = world({ failClear: true })
    await w.clearer.copied()
    w.clock.now = T0 + 30_000
    await expect(w.clearer.due()).rejects.toThrow('refused')
    expect(w.area.data.get(CLIPBOARD_CLEAR_AT_KEY)).toBe(T0 + 30_000)
  })
})

describe('the clipboard in the background', () => {
  afterEach(() => {
    vi.restoreAllMocks()
    delete (globalThis as { chrome?: unknown }).chrome
  })

  it('"clipboard.copied" from the popup arms the alarm 30 s ahead and answers when', async () => {
    const { fakeBrowser, FAKE_BASE_URL, FAKE_EXTENSION_ID } = await import('./security/fake-browser')
    const { clipboardHandlers } = await import('../../src/background/handlers/clipboard')
    const { createRouter } = await import('../../src/background/router')
    const create = vi.spyOn(fakeBrowser.api.alarms, 'create')
    const dispatch = createRouter(clipboardHandlers() as Parameters<typeof createRouter>[0], {
      extensionId: FAKE_EXTENSION_ID,
      extensionBaseUrl: FAKE_BASE_URL,
    })
    const before = Date.now()
    const reply = await dispatch(
      { rolecall: 1, name: 'clipboard.copied', request: {} },
      { id: FAKE_EXTENSION_ID, url: `${FAKE_BASE_URL}src/popup/index.html`, external: false },
    )
    expect(reply.ok).toBe(true)
    const { clearAt } = (reply as { value: { clearAt: number } }).value
    expect(clearAt - before).toBeGreaterThanOrEqual(30_000)
    expect(clearAt - Date.now()).toBeLessThanOrEqual(30_000)
    expect(create).toHaveBeenCalledWith(CLIPBOARD_CLEAR_ALARM, { when: clearAt })
    expect((await fakeBrowser.api.storage.local.get(CLIPBOARD_CLEAR_AT_KEY))[CLIPBOARD_CLEAR_AT_KEY]).toBe(clearAt)
    const refused = await dispatch(
      { rolecall: 1, name: 'clipboard.copied', request: 'now' },
      { id: FAKE_EXTENSION_ID, url: `${FAKE_BASE_URL}src/popup/index.html`, external: false },
    )
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad-request' } })
  })

  it('registers the alarm listener synchronously at start, and the alarm clears through an offscreen document (Chrome)', async () => {
    const { fakeBrowser } = await import('./security/fake-browser')
    const { watchClipboard } = await import('../../src/background/clipboard-browser')
    const offscreen = { createDocument: vi.fn(async () => undefined), closeDocument: vi.fn(async () => undefined) }
    ;(globalThis as { chrome?: unknown }).chrome = { offscreen }
    const sent = vi.spyOn(fakeBrowser.api.runtime, 'sendMessage').mockResolvedValue({ cleared: true } as never)
    let onAlarm: ((alarm: { name: string }) => void) | undefined
    vi.spyOn(fakeBrowser.api.alarms.onAlarm, 'addListener').mockImplementation(
      ((listener: (alarm: { name: string }) => void) => void (onAlarm = listener)) as never,
    )
    await fakeBrowser.api.storage.local.set({ [CLIPBOARD_CLEAR_AT_KEY]: Date.now() + 60_000 })

    watchClipboard()
    expect(onAlarm).toBeTypeOf('function')
    // Not yet due at start: nothing cleared, and the alarm is armed again.
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(offscreen.createDocument).not.toHaveBeenCalled()

    await fakeBrowser.api.storage.local.set({ [CLIPBOARD_CLEAR_AT_KEY]: Date.now() - 1 })
    onAlarm!({ name: CLIPBOARD_CLEAR_ALARM })
    await vi.waitFor(() => expect(offscreen.closeDocument).toHaveBeenCalledOnce())
    expect(offscreen.createDocument).toHaveBeenCalledWith(
      expect.objectContaining({ url: 'src/offscreen/clipboard.html', reasons: ['CLIPBOARD'] }),
    )
    expect(sent).toHaveBeenCalledWith({ rolecallOffscreen: 'clear-clipboard' })
    await vi.waitFor(async () =>
      expect((await fakeBrowser.api.storage.local.get(CLIPBOARD_CLEAR_AT_KEY))[CLIPBOARD_CLEAR_AT_KEY]).toBeNull(),
    )
  })

  it('fails (and keeps the clear pending) when the offscreen document could not write, closing it all the same', async () => {
    const { fakeBrowser } = await import('./security/fake-browser')
    const { clearClipboard } = await import('../../src/platform/clipboard')
    const offscreen = {
      createDocument: vi.fn(async () => {
        throw new Error('Only a single offscreen document may be created.')
      }),
      closeDocument: vi.fn(async () => undefined),
    }
    ;(globalThis as { chrome?: unknown }).chrome = { offscreen }
    vi.spyOn(fakeBrowser.api.runtime, 'sendMessage').mockResolvedValue({ cleared: false } as never)
    await expect(clearClipboard()).rejects.toThrow('could not clear')
    expect(offscreen.closeDocument).toHaveBeenCalledOnce()
  })
})
