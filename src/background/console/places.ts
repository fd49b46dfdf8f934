// Where each profile's console lives: its own Firefox container, or its own Chrome tab group. Rolecall
// remembers only the containers and groups it created (storage.local, no secrets) and never touches others.
import { containerColour, containerName, tabGroupColour } from '../../core/tabs/colours'
import * as tabs from '../../platform/tabs'
import { withLock } from '../locks'
import { storageLocal } from '../storage-keys'

const PLACES_KEY = 'places'

interface Place {
  cookieStoreId?: string
  groupId?: number
}
export type Places = Record<string, Place>

export interface ConsoleTarget {
  profile: string
  sessionName?: string
  colour?: string
}

async function readPlaces(): Promise<Places> {
  return (await storageLocal.read(PLACES_KEY)) ?? {}
}

function savePlace(profile: string, place: Place): Promise<void> {
  return withLock(PLACES_KEY, async () => {
    const places = await readPlaces()
    places[profile] = { ...places[profile], ...place }
    await storageLocal.write(PLACES_KEY, places)
  })
}

/** The profile's container, created on first use and reused after (re-created if the user deleted it). */
export async function containerFor(target: ConsoleTarget): Promise<string | undefined> {
  if (!tabs.containersAvailable()) return undefined
  // One lock per profile: five logins at once must not create five containers for one profile.
  return withLock(`container:${target.profile}`, () => ensureContainer(target))
}

async function ensureContainer(target: ConsoleTarget): Promise<string> {
  const name = containerName(target.profile, target.sessionName)
  const colour = containerColour(target.profile, target.colour)
  const known = (await readPlaces())[target.profile]?.cookieStoreId
  const existing = known ? await tabs.findContainer(known) : undefined
  if (existing) {
    await tabs.updateContainer(existing, name, colour)
    return existing
  }
  const created = await tabs.createContainer(name, colour)
  await savePlace(target.profile, { cookieStoreId: created })
  return created
}

/** Opens a new console tab for the profile in its own place and returns the tab id. */
export async function openInPlace(target: ConsoleTarget, url: string): Promise<tabs.TabInfo> {
  const cookieStoreId = await containerFor(target)
  const tab = await tabs.createTab(url, cookieStoreId ? { cookieStoreId } : {})
  if (!cookieStoreId && tabs.tabGroupsAvailable()) {
    const known = (await readPlaces())[target.profile]?.groupId
    const groupId = await tabs.groupTab(
      tab.id,
      known,
      containerName(target.profile, target.sessionName),
      tabGroupColour(target.profile, target.colour),
    )
    if (groupId !== known) await savePlace(target.profile, { groupId })
  }
  return tab
}

/** Every profile's place, for tests and for finding which profile a tab belongs to. */
export async function knownPlaces(): Promise<Readonly<Places>> {
  return readPlaces()
}
