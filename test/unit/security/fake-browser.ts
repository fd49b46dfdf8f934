// An in-memory stand-in for the WebExtension API (what webextension-polyfill exports), so the real background
// handlers and services run in Node. Values are copied in and out with structuredClone, as the real storage
// areas do. An API the fake does not model throws a named error, which the tests then see as an internal error.
export const FAKE_EXTENSION_ID = 'abcdefghijklmnopabcdefghijklmnop'
export const FAKE_BASE_URL = `chrome-extension://${FAKE_EXTENSION_ID}/`

function storageArea() {
  const data = new Map<string, unknown>()
  return {
    data,
    async get(keys: null | string | string[] | Record<string, unknown>) {
      const out: Record<string, unknown> = {}
      const wanted =
        keys === null
          ? [...data.keys()]
          : typeof keys === 'string'
            ? [keys]
            : Array.isArray(keys)
              ? keys
              : Object.keys(keys)
      for (const key of wanted) {
        if (data.has(key)) out[key] = structuredClone(data.get(key))
        else if (keys !== null && typeof keys === 'object' && !Array.isArray(keys)) out[key] = keys[key]
      }
      return out
    },
    async set(items: Record<string, unknown>) {
      for (const [key, value] of Object.entries(items)) data.set(key, structuredClone(value))
    },
    async remove(keys: string | string[]) {
      for (const key of typeof keys === 'string' ? [keys] : keys) data.delete(key)
    },
    async clear() {
      data.clear()
    },
    /** Everything, as JSON: equal snapshots mean nothing changed. */
    snapshot: () => JSON.stringify([...data].sort(([a], [b]) => a.localeCompare(b))),
  }
}

const listeners = () => ({ addListener: () => {}, removeListener: () => {}, hasListener: () => false })

/** An event whose listeners a test can fire. */
function firableEvent<A extends unknown[]>() {
  const added: Array<(...args: A) => unknown> = []
  return {
    added,
    addListener: (listener: (...args: A) => unknown) => void added.push(listener),
    removeListener: (listener: (...args: A) => unknown) => void added.splice(added.indexOf(listener) >>> 0, 1),
    hasListener: (listener: (...args: A) => unknown) => added.includes(listener),
    fire: (...args: A) => added.map((listener) => listener(...args)),
  }
}

/** The idle API: the detection interval set last, and the state queryState answers (any interval). */
function idleApi() {
  const idle = {
    interval: 60,
    current: 'active' as 'active' | 'idle' | 'locked',
    setDetectionInterval: (seconds: number) => void (idle.interval = seconds),
    queryState: async (_seconds: number) => idle.current,
    onStateChanged: firableEvent<['active' | 'idle' | 'locked']>(),
  }
  return idle
}

export function createFakeBrowser() {
  const tabs = new Map<number, { id: number; url: string; windowId: number; active: boolean }>()
  let nextTab = 1
  const opened: string[] = []
  /** Cookies the browser holds: a cookie is sent to URLs of its origin (no domain or path rules modelled). */
  const cookies: Array<{ origin: string; name: string; value: string }> = []
  const api = {
    runtime: {
      id: FAKE_EXTENSION_ID,
      getURL: (path: string) => FAKE_BASE_URL + path.replace(/^\//, ''),
      getManifest: () => ({ manifest_version: 3, name: 'Rolecall', version: '0.0.0-test' }),
      openOptionsPage: async () => void opened.push('options'),
      sendMessage: async () => {
        throw new Error('fake browser: runtime.sendMessage is not modelled')
      },
      onMessage: listeners(),
      onMessageExternal: listeners(),
      onInstalled: listeners(),
    },
    storage: { local: storageArea(), session: storageArea(), sync: storageArea() },
    alarms: { create: async () => {}, clear: async () => true, onAlarm: listeners() },
    idle: idleApi(),
    action: { setBadgeText: async () => {}, setBadgeBackgroundColor: async () => {} },
    permissions: { contains: async (_query: unknown) => true, request: async () => true },
    windows: { update: async () => ({}) },
    cookies: {
      async getAll(filter: { url?: string; name?: string }) {
        const origin = filter.url === undefined ? undefined : new URL(filter.url).origin
        return cookies
          .filter(
            (c) =>
              (origin === undefined || c.origin === origin) && (filter.name === undefined || c.name === filter.name),
          )
          .map((c) => ({ name: c.name, value: c.value, domain: new URL(c.origin).hostname, path: '/' }))
      },
    },
    tabs: {
      async create(options: { url: string; active?: boolean }) {
        const tab = { id: nextTab++, url: options.url, windowId: 1, active: options.active ?? true }
        tabs.set(tab.id, tab)
        opened.push(options.url)
        return { ...tab }
      },
      async get(id: number) {
        const tab = tabs.get(id)
        if (!tab) throw new Error(`No tab with id: ${id}.`)
        return { ...tab }
      },
      async query() {
        return [...tabs.values()].map((t) => ({ ...t }))
      },
      async update(id: number, change: { url?: string; active?: boolean }) {
        const tab = tabs.get(id)
        if (!tab) throw new Error(`No tab with id: ${id}.`)
        Object.assign(tab, change)
        // A tab sent somewhere counts as opened there, as one created there does.
        if (change.url) opened.push(change.url)
        return { ...tab }
      },
      async remove(id: number) {
        tabs.delete(id)
      },
      onUpdated: firableEvent<[number, { url?: string }]>(),
      onRemoved: firableEvent<[number]>(),
    },
  }
  return { api, opened, tabs, cookies }
}

export type FakeBrowser = ReturnType<typeof createFakeBrowser>

/** The one fake the tests' vi.mock('webextension-polyfill') hands to the code under test. */
export const fakeBrowser = createFakeBrowser()
