// Keeps the toolbar badge in step with the tracked console sessions.
import { setBadge } from '../../platform/action'
import { sessionList } from '../login/session-list'

export async function updateBadge(): Promise<void> {
  const sessions = await sessionList()
  if (sessions.some((s) => s.state === 'needs-mfa')) return setBadge('!', '#d13212')
  const live = sessions.filter((s) => (s.state === 'live' || s.state === 'expiring') && s.tabIds.length > 0).length
  await setBadge(live ? String(live) : '', '#1d8102')
}
