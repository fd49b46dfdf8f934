// Where each profile's console lives: its own Firefox container, or its own Chrome tab group. Rolecall
// remembers only the containers and groups it created (storage.local, no secrets) and never touches others.
// Which of the two a browser uses is its cookie-jar policy's choice (src/background/jars/).
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

/** Firefox: opens a console tab in the profile's own container. */
export async function openInContainer(target: ConsoleTarget, url: string): Promise<tabs.TabInfo> {
  // One lock per profile: five logins at once must not create five containers for one profile.
  const cookieStoreId = await withLock(`container:${target.profile}`, () => ensureContainer(target))
  return tabs.createTab(url, { cookieStoreId })
}

/** The profile's container, created on first use and reused after (re-created if the user deleted it). */
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

/** Chrome: opens a console tab and puts it in the profile's own tab group (where the browser has them). */
export async function openInTabGroup(target: ConsoleTarget, url: string): Promise<tabs.TabInfo> {
  const tab = await tabs.createTab(url, {})
  if (tabs.tabGroupsAvailable()) {
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

/** The container Rolecall created for the profile, if any. */
export async function containerOf(profile: string): Promise<string | undefined> {
  return (await readPlaces())[profile]?.cookieStoreId
}
