// The popup's list: stored profile rows joined with console sessions and the user's pins and recents.
import { cssColour } from '../../core/tabs/colours'
import type { ProfileListItem } from '../../shared/messages/profiles'
import { readStoredImport } from '../config/stored-import'
import { readPrefs } from './prefs'
import { sessionList } from './session-list'

export async function profileList(): Promise<ProfileListItem[]> {
  const [stored, prefs, sessions] = await Promise.all([readStoredImport(), readPrefs(), sessionList()])
  if (!stored) return []
  const sessionOf = new Map(sessions.map((s) => [s.profile, s]))
  const pinned = new Set(prefs.pinned)
  return stored.rows.map((row) => {
    const session = sessionOf.get(row.name)
    const lastHop = row.access.kind === 'role' ? row.access.chain.at(-1) : undefined
    const colour = cssColour(row.color)
    const item: ProfileListItem = {
      name: row.name,
      kind: row.access.kind,
      chain: row.chain,
      mfa: Boolean(row.mfaSerial),
      session: session?.state ?? 'none',
      pinned: pinned.has(row.name),
    }
    if (row.access.kind === 'unusable') item.reason = row.access.reason
    if (row.accountId) item.accountId = row.accountId
    if (row.roleName) item.roleName = row.roleName
    if (row.region) item.region = row.region
    if (colour) item.color = colour
    if (lastHop?.roleSessionName) item.sessionName = lastHop.roleSessionName
    if (session?.expiresAt) item.expiresAt = session.expiresAt
    if (prefs.lastUsed[row.name]) item.lastUsed = prefs.lastUsed[row.name]
    return item
  })
}
