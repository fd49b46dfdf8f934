// The imported ~/.aws/config as stored in IndexedDB (store "config", key "current"): the text the user
// pasted and the preview rows derived from it at import time, so opening the popup does not re-parse
// thousands of profiles. Never holds keys.
import { rolecallDb } from '../db'
import type { PreviewRow } from '../../core/config/preview'

export interface StoredImport {
  /** Record format, for migrations. */
  version: 1
  text: string
  importedAt: number
  rows: PreviewRow[]
}

const KEY = 'current'

export async function readStoredImport(): Promise<StoredImport | undefined> {
  const db = await rolecallDb()
  return (await db.get('config', KEY)) as StoredImport | undefined
}

export async function writeStoredImport(record: StoredImport): Promise<void> {
  const db = await rolecallDb()
  await db.put('config', record, KEY)
}

export async function storedRow(profile: string): Promise<PreviewRow | undefined> {
  return (await readStoredImport())?.rows.find((row) => row.name === profile)
}
