// The imported ~/.aws/config as stored in IndexedDB (store "config", key "current"): the text the user
// pasted and the preview rows derived from it at import time, so opening the popup does not re-parse
// thousands of profiles. Never holds keys.
import { allOrNothing } from '../../core/storage/all-or-nothing'
import { STORED_IMPORT_KEY, type StoredImport } from '../../core/storage/stored-import'
import { rolecallDb } from '../db'
import type { ProfileSummary } from '../../shared/messages/profiles'
import { summaryOf } from './summaries'

/** The popup's list, written with the import: opening the popup reads only this small record. */
const LIST_KEY = 'list'

interface StoredList {
  importedAt: number
  profiles: ProfileSummary[]
}

export async function readStoredImport(): Promise<StoredImport | undefined> {
  const db = await rolecallDb()
  return (await db.get('config', STORED_IMPORT_KEY)) as StoredImport | undefined
}

export async function writeStoredImport(record: StoredImport): Promise<void> {
  const db = await rolecallDb()
  const list: StoredList = { importedAt: record.importedAt, profiles: record.rows.map(summaryOf) }
  // Both records or neither: the popup's list never describes another import than the one logins read.
  await allOrNothing(db.transaction('config', 'readwrite'), async (tx) => {
    await tx.store.put(record, STORED_IMPORT_KEY)
    await tx.store.put(list, LIST_KEY)
  })
}

/** The popup's summaries. An import stored without them (an older format) gets them now, once. */
export async function readProfileSummaries(): Promise<ProfileSummary[]> {
  const db = await rolecallDb()
  const list = (await db.get('config', LIST_KEY)) as StoredList | undefined
  if (list) return list.profiles
  // One readwrite transaction (summaryOf is synchronous, so it stays open): an import committing meanwhile
  // is ordered before or after it as a whole, and never has its fresh list overwritten by a stale one.
  const tx = db.transaction('config', 'readwrite')
  const [again, stored] = (await Promise.all([tx.store.get(LIST_KEY), tx.store.get(STORED_IMPORT_KEY)])) as [
    StoredList | undefined,
    StoredImport | undefined,
  ]
  let profiles = again?.profiles ?? []
  if (!again && stored) {
    profiles = stored.rows.map(summaryOf)
    await tx.store.put({ importedAt: stored.importedAt, profiles } satisfies StoredList, LIST_KEY)
  }
  await tx.done
  return profiles
}
