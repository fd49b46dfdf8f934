// Alarms: they outlive a stopped service worker and wake it, which a setTimeout cannot.
import { browser } from './browser'

/** Schedules (or moves) the named alarm to fire at `when` (ms since the epoch). */
export async function scheduleAlarm(name: string, when: number): Promise<void> {
  await browser.alarms.create(name, { when })
}

export async function clearAlarm(name: string): Promise<void> {
  await browser.alarms.clear(name)
}

/** Must be called synchronously at background start, so a wake-up by the alarm finds its listener. */
export function onAlarm(name: string, listener: () => void | Promise<void>): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === name) void listener()
  })
}
