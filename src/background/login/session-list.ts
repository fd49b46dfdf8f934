// Every tracked console session with its state now (live, expiring within 10 minutes, expired, needs MFA).
import { sessionState } from '../../core/login/sessions'
import type { SessionInfo } from '../../shared/messages/login'
import { listTracked } from '../console/tracked'

export async function sessionList(now = Date.now()): Promise<SessionInfo[]> {
  return (await listTracked()).map((s) => ({
    profile: s.profile,
    state: s.waitingForMfa ? 'needs-mfa' : sessionState(s, now),
    expiresAt: s.expiresAt,
    tabIds: Object.keys(s.tabs).map(Number),
  }))
}
