// When the background next wakes to refresh consoles: one alarm, at the earliest moment a tracked session is
// due a refresh or changes state (alarms outlive a stopped worker; a timer in memory would not). The badge
// follows the same sessions, so it is brought up to date at the same time.
import { EXPIRING_WITHIN_MS, nextWakeUp } from '../../core/login/sessions'
import { clearAlarm, scheduleAlarm } from '../../platform/alarms'
import { updateBadge } from '../console/badge'
import { listTracked } from '../console/tracked'
import { readSettings } from '../settings'

export const REFRESH_ALARM = 'rolecall-console-refresh'

/** The settings, and how long before its end a session is refreshed and shown as expiring. */
export async function refreshTiming() {
  const settings = await readSettings()
  return { settings, refreshBeforeMs: settings.refreshBeforeMinutes * 60_000, expiringMs: EXPIRING_WITHIN_MS }
}

export async function rescheduleRefresh(): Promise<void> {
  await updateBadge()
  const { refreshBeforeMs, expiringMs } = await refreshTiming()
  // A session waiting for an MFA code is the user's to resume: no alarm for it.
  const sessions = (await listTracked()).filter((s) => !s.waitingForMfa)
  const at = nextWakeUp(sessions, Date.now(), refreshBeforeMs, expiringMs)
  if (at === undefined) await clearAlarm(REFRESH_ALARM)
  else await scheduleAlarm(REFRESH_ALARM, at)
}
