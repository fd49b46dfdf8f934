// Tabs, Firefox containers and Chrome tab groups: the browser side of "one place per profile".
import { browser, type Tabs } from './browser'

export interface TabInfo {
  id: number
  url?: string
  /** Chrome: where the tab is navigating to, before that navigation commits. */
  pendingUrl?: string
  cookieStoreId?: string
  windowId?: number
  groupId?: number
}

const info = (t: Tabs.Tab): TabInfo => ({
  id: t.id!,
  url: t.url,
  cookieStoreId: t.cookieStoreId,
  windowId: t.windowId,
  pendingUrl: (t as { pendingUrl?: string }).pendingUrl,
  groupId: (t as { groupId?: number }).groupId,
})

export async function createTab(
  url: string,
  options: { cookieStoreId?: string; active?: boolean } = {},
): Promise<TabInfo> {
  return info(
    await browser.tabs.create({
      url,
      active: options.active ?? true,
      ...(options.cookieStoreId ? { cookieStoreId: options.cookieStoreId } : {}),
    }),
  )
}

export async function navigateTab(tabId: number, url: string): Promise<void> {
  await browser.tabs.update(tabId, { url })
}

export async function focusTab(tabId: number): Promise<void> {
  const tab = await browser.tabs.update(tabId, { active: true })
  if (tab.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true })
}

export async function getTab(tabId: number): Promise<TabInfo | undefined> {
  try {
    return info(await browser.tabs.get(tabId))
  } catch {
    return undefined
  }
}

/** The URL of every open tab (those the `tabs` permission lets Rolecall see). */
export async function allTabUrls(): Promise<Array<string | undefined>> {
  return (await browser.tabs.query({})).map((t) => t.url ?? (t as { pendingUrl?: string }).pendingUrl)
}

/** Calls back when a tab navigates to a new URL (not for its other updates: title, status, favicon). */
export function onTabNavigated(listener: (tabId: number, url: string) => void): void {
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.url) listener(tabId, change.url)
  })
}

export function onTabRemoved(listener: (tabId: number) => void): void {
  browser.tabs.onRemoved.addListener((tabId) => listener(tabId))
}

// Firefox containers (contextualIdentities) ---------------------------------------------------------------

interface ContextualIdentities {
  create(d: { name: string; color: string; icon: string }): Promise<{ cookieStoreId: string }>
  get(id: string): Promise<{ cookieStoreId: string; name: string }>
  update(id: string, d: { name?: string; color?: string }): Promise<unknown>
}

function containersApi(): ContextualIdentities | undefined {
  return (browser as unknown as { contextualIdentities?: ContextualIdentities }).contextualIdentities
}

export const containersAvailable = (): boolean => containersApi() !== undefined

export async function createContainer(name: string, color: string): Promise<string> {
  const created = await containersApi()!.create({ name, color, icon: 'briefcase' })
  return created.cookieStoreId
}

/** The container still exists (the user may have deleted it): returns its id, else undefined. */
export async function findContainer(cookieStoreId: string): Promise<string | undefined> {
  try {
    return (await containersApi()!.get(cookieStoreId)).cookieStoreId
  } catch {
    return undefined
  }
}

export async function updateContainer(cookieStoreId: string, name: string, color: string): Promise<void> {
  await containersApi()!.update(cookieStoreId, { name, color })
}

// Chrome tab groups -----------------------------------------------------------------------------------------

interface TabGroupsApi {
  update(id: number, d: { title?: string; color?: string }): Promise<unknown>
  get(id: number): Promise<unknown>
}

function groupsApi(): TabGroupsApi | undefined {
  return (globalThis as unknown as { chrome?: { tabGroups?: TabGroupsApi } }).chrome?.tabGroups
}

/** Puts the tab in the given group (if it still exists) or a new one; returns the group id. */
export async function groupTab(
  tabId: number,
  groupId: number | undefined,
  title: string,
  color: string,
): Promise<number> {
  const tabs = browser.tabs as unknown as { group(o: { tabIds: number[]; groupId?: number }): Promise<number> }
  let id: number
  try {
    id = await tabs.group({ tabIds: [tabId], ...(groupId !== undefined ? { groupId } : {}) })
  } catch {
    id = await tabs.group({ tabIds: [tabId] })
  }
  await groupsApi()?.update(id, { title, color })
  return id
}

export const tabGroupsAvailable = (): boolean => groupsApi() !== undefined

export async function closeTab(tabId: number): Promise<void> {
  await browser.tabs.remove(tabId).catch(() => undefined)
}
