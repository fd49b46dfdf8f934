import { browser, type Runtime } from './browser'

/** What the router needs to know about who sent a message. */
export interface SenderInfo {
  /** The sending extension's id (absent for web pages using externally_connectable). */
  id?: string
  /** The URL of the sending frame. */
  url?: string
  /** Set when the sender is a content script or an extension page in a tab. */
  tabId?: number
  /** True when the message arrived on onMessageExternal (another extension or a web page). */
  external: boolean
}

export type MessageListener = (message: unknown, sender: SenderInfo) => Promise<unknown>

export const extensionId = (): string => browser.runtime.id
export const extensionBaseUrl = (): string => browser.runtime.getURL('/')
/** The full URL of one of Rolecall's own pages, e.g. `src/relogin/refused.html?reason=…`. */
export const extensionPageUrl = (path: string): string => browser.runtime.getURL(path)
export const extensionVersion = (): string => browser.runtime.getManifest().version

function toSenderInfo(sender: Runtime.MessageSender, external: boolean): SenderInfo {
  return { id: sender.id, url: sender.url, tabId: sender.tab?.id, external }
}

/** Listens on both the internal and the external channel so outsiders get a clear refusal, not silence. */
export function onMessage(listener: MessageListener): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) =>
    listener(message, toSenderInfo(sender, false)),
  )
  browser.runtime.onMessageExternal?.addListener((message: unknown, sender: Runtime.MessageSender) =>
    listener(message, toSenderInfo(sender, true)),
  )
}

export async function openOptionsPage(section?: string): Promise<void> {
  if (!section) return browser.runtime.openOptionsPage()
  const url = browser.runtime.getURL(`src/options/index.html#${encodeURIComponent(section)}`)
  await browser.tabs.create({ url })
}

/** Which browser we run in, from the API surface rather than the user agent. */
export function browserKind(): 'firefox' | 'chrome' {
  return browser.runtime.getURL('/').startsWith('moz-extension:') ? 'firefox' : 'chrome'
}
