// Proof that no secret is stored where it must not be: dump every storage area an extension can write
// (storage.local, storage.sync, every record of every IndexedDB database of its origin, the pages' localStorage
// (the popup keeps its last list there); storage.session from the background), then search the dump for each secret in every form it could have been written in.
//
//   const dump = await dumpExtensionStorage(optionsPage)
//   expect(findSecrets(dump, [passphrase, secretAccessKey, dataKeyBytes])).toEqual([])
import type { ExtPage } from './ext-page'
import type { ChromiumExtension } from './chromium'

/** One stored item (a storage key, or an IndexedDB record) as JSON; binary data appears as {"$bytes": base64}. */
export interface DumpEntry {
  /** e.g. "storage.local › settings" or "indexedDB › rolecall › secrets › \"base-key:prod\"" */
  where: string
  text: string
}
export type StorageDump = DumpEntry[]

export interface SecretFinding {
  /** Index of the secret in the list given to findSecrets (the secret itself is never repeated). */
  secret: number
  encoding: SecretEncoding
  where: string
}

export type SecretEncoding = 'raw' | 'json-escaped' | 'base64' | 'base64url' | 'hex' | 'HEX' | 'uri'

type Area = 'local' | 'sync' | 'session'

/**
 * Runs inside the extension (a page or the service worker), so it may use only its argument and globals.
 * Arrow functions only: the function is sent as source text.
 */
const snapshot = async ({
  areas,
  indexedDb,
  pageStorage,
}: {
  areas: Area[]
  indexedDb: boolean
  pageStorage?: boolean
}): Promise<DumpEntry[]> => {
  type StorageArea = { get(keys: null): Promise<Record<string, unknown>> }
  const g = globalThis as unknown as {
    browser?: { storage: Record<Area, StorageArea> }
    chrome?: { storage: Record<Area, StorageArea> }
  }
  const api = g.browser ?? g.chrome!
  const base64 = (bytes: Uint8Array): string => {
    let binary = ''
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
    return btoa(binary)
  }
  const seen = new WeakSet<object>()
  // Everything structured clone can store, turned into plain JSON; binary as base64 so it can be searched.
  const plain = async (value: unknown): Promise<unknown> => {
    if (value === undefined) return { $undefined: true }
    if (typeof value === 'bigint') return { $bigint: String(value) }
    if (typeof value !== 'object' || value === null) return value
    if (value instanceof ArrayBuffer) return { $bytes: base64(new Uint8Array(value)) }
    if (ArrayBuffer.isView(value))
      return { $bytes: base64(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)) }
    if (typeof Blob !== 'undefined' && value instanceof Blob)
      return { $blob: base64(new Uint8Array(await value.arrayBuffer())) }
    if (value instanceof Date) return { $date: Number.isNaN(value.getTime()) ? 'invalid' : value.toISOString() }
    if (value instanceof RegExp) return { $regexp: String(value) }
    if (typeof CryptoKey !== 'undefined' && value instanceof CryptoKey) {
      return {
        $cryptoKey: {
          type: value.type,
          extractable: value.extractable,
          algorithm: value.algorithm,
          usages: value.usages,
        },
      }
    }
    if (seen.has(value)) return { $cycle: true }
    seen.add(value)
    if (value instanceof Map)
      return { $map: await Promise.all([...value].map(async ([k, v]) => [await plain(k), await plain(v)])) }
    if (value instanceof Set) return { $set: await Promise.all([...value].map(plain)) }
    if (Array.isArray(value)) return Promise.all(value.map(plain))
    const out: Record<string, unknown> = {}
    for (const key of Object.keys(value)) out[key] = await plain((value as Record<string, unknown>)[key])
    return out
  }
  const json = async (value: unknown) => JSON.stringify(await plain(value))
  const entries: DumpEntry[] = []
  for (const area of areas) {
    let items: Record<string, unknown>
    try {
      items = await api.storage[area].get(null)
    } catch (error) {
      entries.push({ where: `storage.${area} (unreadable)`, text: String(error) })
      continue
    }
    for (const key of Object.keys(items))
      entries.push({ where: `storage.${area} › ${key}`, text: await json(items[key]) })
  }
  if (indexedDb) {
    const req = <T>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result)
        r.onerror = () => reject(r.error)
      })
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue
      const db = await req(indexedDB.open(info.name))
      try {
        for (const store of Array.from(db.objectStoreNames)) {
          const objects = db.transaction(store, 'readonly').objectStore(store)
          const [keys, values] = await Promise.all([req(objects.getAllKeys()), req(objects.getAll())])
          entries.push({ where: `indexedDB › ${info.name} › ${store} (${keys.length} records)`, text: '' })
          for (let i = 0; i < keys.length; i++) {
            entries.push({
              where: `indexedDB › ${info.name} › ${store} › ${await json(keys[i])}`,
              text: `${await json(keys[i])} ${await json(values[i])}`,
            })
          }
        }
      } finally {
        db.close()
      }
    }
  }
  // The extension origin's localStorage, shared by its pages (a service worker has none).
  if (pageStorage && typeof localStorage !== 'undefined') {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i)
      if (key !== null) entries.push({ where: `localStorage › ${key}`, text: localStorage.getItem(key) ?? '' })
    }
  }
  return entries
}

/** storage.local, storage.sync, every IndexedDB record and localStorage, read from one of the extension's own pages. */
export function dumpExtensionStorage(page: ExtPage): Promise<StorageDump> {
  return page.evaluate(snapshot, { areas: ['local', 'sync'], indexedDb: true, pageStorage: true })
}

/** storage.session read from an extension page (Firefox; Chromium pages can read it too). */
export function dumpSessionStorageFromPage(page: ExtPage): Promise<StorageDump> {
  return page.evaluate(snapshot, { areas: ['session'], indexedDb: false })
}

/** storage.session read by Chromium's service worker itself, where the background keeps the unlocked key. */
export async function dumpSessionStorage(browser: ChromiumExtension): Promise<StorageDump> {
  const worker = await browser.serviceWorker()
  return worker.evaluate(snapshot, { areas: ['session'] as Area[], indexedDb: false })
}

// ---------------------------------------------------------------------------------------------------------
// Searching

const MIN_SECRET_BYTES = 8

function bytesOf(secret: string | Uint8Array): Uint8Array {
  return typeof secret === 'string' ? new TextEncoder().encode(secret) : secret
}

/**
 * The base64 text of `bytes` as it appears when they sit at byte offset `offset` (mod 3) inside a longer
 * blob: only the characters that depend on the secret's bytes alone, so it matches wherever they are embedded.
 */
export function base64Fragment(bytes: Uint8Array, offset: 0 | 1 | 2): string {
  const padded = new Uint8Array(offset + bytes.length)
  padded.set(bytes, offset)
  const text = Buffer.from(padded).toString('base64').replace(/=+$/, '')
  return text.slice(Math.ceil((8 * offset) / 6), Math.floor((8 * (offset + bytes.length)) / 6))
}

/** Every form a secret may take in a dump, with its name. */
export function secretForms(secret: string | Uint8Array): Array<{ encoding: SecretEncoding; text: string }> {
  const bytes = bytesOf(secret)
  if (bytes.length < MIN_SECRET_BYTES) {
    throw new Error(
      `A secret to search for needs at least ${MIN_SECRET_BYTES} bytes; a shorter one would match by chance.`,
    )
  }
  const forms: Array<{ encoding: SecretEncoding; text: string }> = []
  const raw = typeof secret === 'string' ? secret : Buffer.from(bytes).toString('latin1')
  forms.push({ encoding: 'raw', text: raw }, { encoding: 'json-escaped', text: JSON.stringify(raw).slice(1, -1) })
  for (const offset of [0, 1, 2] as const) {
    const fragment = base64Fragment(bytes, offset)
    forms.push(
      { encoding: 'base64', text: fragment },
      { encoding: 'base64url', text: fragment.replace(/\+/g, '-').replace(/\//g, '_') },
    )
  }
  const hex = Buffer.from(bytes).toString('hex')
  forms.push({ encoding: 'hex', text: hex }, { encoding: 'HEX', text: hex.toUpperCase() })
  if (typeof secret === 'string') {
    forms.push({ encoding: 'uri', text: encodeURIComponent(secret) }, { encoding: 'uri', text: encodeURI(secret) })
    forms.push({ encoding: 'uri', text: new URLSearchParams({ s: secret }).toString().slice(2) })
  }
  const seen = new Set<string>()
  return forms.filter((f) => f.text.length > 0 && !seen.has(f.text) && seen.add(f.text))
}

/**
 * Where each secret appears in the dump, in raw, JSON-escaped, base64 (standard and URL-safe, at any byte
 * alignment), hex (either case) or URI-encoded form. An empty list means none of them is there.
 */
export function findSecrets(dump: StorageDump | string, secrets: ReadonlyArray<string | Uint8Array>): SecretFinding[] {
  const entries = typeof dump === 'string' ? [{ where: 'text', text: dump }] : dump
  const findings: SecretFinding[] = []
  secrets.forEach((secret, index) => {
    const forms = secretForms(secret)
    for (const entry of entries) {
      const hits = new Set<SecretEncoding>()
      for (const form of forms) if (!hits.has(form.encoding) && entry.text.includes(form.text)) hits.add(form.encoding)
      for (const encoding of hits) findings.push({ secret: index, encoding, where: entry.where })
    }
  })
  return findings
}
