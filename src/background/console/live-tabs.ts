// Which tabs of a tracked console session are still open. The record alone cannot say: a worker stopped while
// the user closed a tab never heard of it, so the browser is asked each time.
import * as tabs from '../../platform/tabs'
import { getTracked, type TrackedSession } from './tracked'

/** A tab still open for this profile, if its console session is live. */
export async function liveTab(session: TrackedSession | undefined): Promise<number | undefined> {
  if (!session || session.expiresAt <= Date.now()) return undefined
  for (const id of Object.keys(session.tabs).map(Number)) if (await tabs.getTab(id)) return id
  return undefined
}

/** Every open tab of a profile's tracked session, with its current URL. */
export async function openTabsOf(profile: string): Promise<tabs.TabInfo[]> {
  const session = await getTracked(profile)
  if (!session) return []
  return (await Promise.all(Object.keys(session.tabs).map((id) => tabs.getTab(Number(id))))).filter(
    (t) => t !== undefined,
  )
}
