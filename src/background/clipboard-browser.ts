// The clipboard clearer wired to the browser: storage.local, the alarm, and the platform's clear (an offscreen
// document in Chrome, the event page itself in Firefox). Holds no state: every call reads storage.
import { clearAlarm, onAlarm, scheduleAlarm } from '../platform/alarms'
import { clearClipboard } from '../platform/clipboard'
import { CLIPBOARD_CLEAR_ALARM, createClipboardClearer, type ClipboardClearer } from './clipboard'
import { withLock } from './locks'
import { storageLocal } from './storage-keys'

export function backgroundClipboard(): ClipboardClearer {
  return createClipboardClearer({
    alarms: { schedule: scheduleAlarm, clear: clearAlarm },
    local: storageLocal,
    clear: clearClipboard,
    withLock,
  })
}

/**
 * Call synchronously at background start: the alarm's listener must be there when the alarm wakes the worker.
 * Also catches up on a clear the browser never ran (an alarm lost across a browser restart).
 */
export function watchClipboard(): void {
  const clipboard = backgroundClipboard()
  onAlarm(CLIPBOARD_CLEAR_ALARM, () => clipboard.due().catch(() => undefined))
  void clipboard.due().catch(() => undefined)
}
