// Secrets Rolecall copies (a one-time sign-in URL, export lines with temporary credentials) leave the clipboard
// 30 s later, as password managers do. The popup that copied closes as soon as focus leaves it, so the background
// clears, from an alarm (which wakes a stopped worker). Rolecall cannot read the clipboard (it does not ask for
// that permission), so it cannot tell whether the person copied something else since: it overwrites whatever is
// there, but only 30 s after its own latest copy, never sooner.
import type { LocalKey } from './storage-keys'
import type { AlarmClock, LocalArea } from './vault/ports'

export const CLIPBOARD_CLEAR_ALARM = 'rolecall.clipboard.clear'
export const CLIPBOARD_CLEAR_AFTER_MS = 30_000
/** In storage.local, not storage.session: a pending clear outlives a browser restart, as the clipboard does. */
export const CLIPBOARD_CLEAR_AT_KEY = 'clipboardClearAt' satisfies LocalKey

export interface ClipboardClearDeps {
  alarms: AlarmClock
  local: LocalArea
  /** Overwrites the system clipboard with empty text; rejects when it could not. */
  clear(): Promise<void>
  now?: () => number
  /** Serialises the clear, so an alarm and a worker start that both find it due clear once. */
  withLock?: <T>(name: string, task: () => Promise<T>) => Promise<T>
}

export interface ClipboardClearer {
  /** A page copied a secret: clear the clipboard CLIPBOARD_CLEAR_AFTER_MS from now (moving any earlier clear). */
  copied(): Promise<{ clearAt: number }>
  /**
   * From the alarm and at every background start: clears when the pending clear is due, re-arms the alarm when
   * it is not yet (the browser lost it, or it fired early), does nothing when none is pending.
   */
  due(): Promise<void>
}

export function createClipboardClearer(deps: ClipboardClearDeps): ClipboardClearer {
  const now = deps.now ?? Date.now
  const withLock = deps.withLock ?? (<T>(_name: string, task: () => Promise<T>) => task())

  return {
    copied: () =>
      withLock('clipboard', async () => {
        const clearAt = now() + CLIPBOARD_CLEAR_AFTER_MS
        await deps.local.write(CLIPBOARD_CLEAR_AT_KEY, clearAt)
        await deps.alarms.schedule(CLIPBOARD_CLEAR_ALARM, clearAt)
        return { clearAt }
      }),
    due: () =>
      withLock('clipboard', async () => {
        const clearAt = await deps.local.read(CLIPBOARD_CLEAR_AT_KEY)
        if (typeof clearAt !== 'number') return
        // Alarms may fire up to a second early (rounding); a copy made since moved the deadline further.
        if (now() < clearAt - 1_000) {
          await deps.alarms.schedule(CLIPBOARD_CLEAR_ALARM, clearAt)
          return
        }
        await deps.clear()
        await deps.local.write(CLIPBOARD_CLEAR_AT_KEY, null)
      }),
  }
}
