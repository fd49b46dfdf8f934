// The login's Issuer link as the console's "session expired" page carries it: the profile and the per-login
// value Rolecall stored with that profile's latest sign-in (IndexedDB "consoleSessions").
import { DEFAULT_ISSUER_BASE } from '../../../src/core/login/sessions'
import type { ExtPage } from './ext-page'

export function issuerLink(profile: string, token?: string): string {
  return `${DEFAULT_ISSUER_BASE}?profile=${encodeURIComponent(profile)}${token === undefined ? '' : `&t=${encodeURIComponent(token)}`}`
}

export async function storedIssuerToken(page: ExtPage, profile: string): Promise<string | undefined> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('rolecall')
      open.onsuccess = () => resolve(open.result)
      open.onerror = () => reject(open.error)
    })
    const record = await new Promise<{ issuerToken?: string } | undefined>((resolve, reject) => {
      const get = db.transaction('consoleSessions').objectStore('consoleSessions').get(name)
      get.onsuccess = () => resolve(get.result as { issuerToken?: string } | undefined)
      get.onerror = () => reject(get.error)
    })
    db.close()
    return record?.issuerToken
  }, profile)
}

/** The link the console of `profile` would show once its session expired. */
export async function currentIssuerLink(page: ExtPage, profile: string): Promise<string> {
  return issuerLink(profile, await storedIssuerToken(page, profile))
}
