// storage.session: memory-only storage that survives a stopped service worker / event page but not a browser
// restart. Rolecall keeps the unlocked vault's data key here, so only background code may import this file
// (a convention test keeps the popup and options pages away from it).
import { browser } from './browser'

export async function readSession<T = unknown>(key: string): Promise<T | undefined> {
  const got = await browser.storage.session.get(key)
  return got[key] as T | undefined
}

/** Writes several entries at once (one storage operation, so a stopped worker cannot leave half of them). */
export async function writeSession(entries: Record<string, unknown>): Promise<void> {
  await browser.storage.session.set(entries)
}

export async function removeSession(keys: string | string[]): Promise<void> {
  await browser.storage.session.remove(keys)
}

interface AccessLevelArea {
  setAccessLevel?: (options: { accessLevel: 'TRUSTED_CONTEXTS' | 'TRUSTED_AND_UNTRUSTED_CONTEXTS' }) => Promise<void>
}

/**
 * Keeps content scripts out of storage.session. It is Chrome's default already; saying so explicitly guards
 * against a future default change. Firefox has no setAccessLevel and never exposes storage.session to content
 * scripts, so there is nothing to do there.
 */
export async function restrictSessionToTrustedContexts(): Promise<void> {
  const area = browser.storage.session as unknown as AccessLevelArea
  await area.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' })
}
