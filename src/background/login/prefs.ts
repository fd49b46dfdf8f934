// Pinned and recently used profiles (storage.local: names and times only).
import { withLock } from '../locks'
import { storageLocal } from '../storage-keys'

const KEY = 'profilePrefs'

export interface ProfilePrefs {
  pinned: string[]
  lastUsed: Record<string, number>
}

export async function readPrefs(): Promise<ProfilePrefs> {
  const stored = await storageLocal.read(KEY)
  return { pinned: Array.isArray(stored?.pinned) ? stored.pinned : [], lastUsed: stored?.lastUsed ?? {} }
}

function updatePrefs(change: (prefs: ProfilePrefs) => void): Promise<void> {
  return withLock(KEY, async () => {
    const prefs = await readPrefs()
    change(prefs)
    await storageLocal.write(KEY, prefs)
  })
}

export const setPinned = (name: string, pinned: boolean) =>
  updatePrefs((p) => {
    p.pinned = p.pinned.filter((n) => n !== name)
    if (pinned) p.pinned.push(name)
  })

export const markUsed = (name: string, at: number) =>
  updatePrefs((p) => {
    p.lastUsed[name] = at
  })
