// The popup's list: stored profile summaries joined with console sessions and the user's pins and recents.
import type { ProfileListItem, ProfileSummary } from '../../shared/messages/profiles'
import type { SessionInfo } from '../../shared/messages/login'
import { readProfileSummaries } from '../config/stored-import'
import { withDiscovered } from '../sso/discovery'
import { readPrefs, type ProfilePrefs } from './prefs'
import { sessionList } from './session-list'

export async function profileList(): Promise<ProfileListItem[]> {
  const [summaries, prefs, sessions] = await Promise.all([
    readProfileSummaries().then(withDiscovered),
    readPrefs(),
    sessionList(),
  ])
  return joinProfiles(summaries, prefs, sessions)
}

export function joinProfiles(
  summaries: ProfileSummary[],
  prefs: ProfilePrefs,
  sessions: SessionInfo[],
): ProfileListItem[] {
  const sessionOf = new Map(sessions.map((s) => [s.profile, s]))
  const pinned = new Set(prefs.pinned)
  return summaries.map((summary) => {
    const session = sessionOf.get(summary.name)
    const item: ProfileListItem = { ...summary, session: session?.state ?? 'none', pinned: pinned.has(summary.name) }
    if (session?.expiresAt) item.expiresAt = session.expiresAt
    const lastUsed = prefs.lastUsed[summary.name]
    if (lastUsed) item.lastUsed = lastUsed
    return item
  })
}
