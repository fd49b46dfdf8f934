// Every tracked console session with its state now (live, expiring within 10 minutes, expired, needs MFA).
import { sessionState } from '../../core/login/sessions'
import type { SessionInfo } from '../../shared/messages/login'
import { listTracked } from '../console/tracked'
import { timeScale } from '../test-knobs'

export async function sessionList(now = Date.now()): Promise<SessionInfo[]> {
  const scale = await timeScale()
  return (await listTracked()).map((s) => ({
    profile: s.profile,
    state: s.waitingForMfa ? 'needs-mfa' : sessionState(s, now, 10 * 60_000 * scale),
    expiresAt: s.expiresAt,
    tabIds: Object.keys(s.tabs).map(Number),
  }))
}
