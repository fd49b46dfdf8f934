// storage.local holds non-secret data only: settings, pinned/recent profiles, container ids.
import { browser } from './browser'

export async function readLocal<T = unknown>(key: string): Promise<T | undefined> {
  const got = await browser.storage.local.get(key)
  return got[key] as T | undefined
}

export async function writeLocal(key: string, value: unknown): Promise<void> {
  await browser.storage.local.set({ [key]: value })
}

export async function removeLocal(key: string): Promise<void> {
  await browser.storage.local.remove(key)
}
