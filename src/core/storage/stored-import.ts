// The imported ~/.aws/config's record in the "config" store (key "current"): its shape and key in one place,
// for the background (which alone writes it) and the options page (which reads it to show what a re-import
// would change). Never holds keys.
import type { PreviewRow } from '../config/import/preview'
import { openRolecallDb } from './db'

export const STORED_IMPORT_KEY = 'current'

export interface StoredImport {
  /** Record format, for migrations. */
  version: 1
  text: string
  importedAt: number
  rows: PreviewRow[]
}

/**
 * The stored import for an extension page, read through a connection of its own that is closed at once: a
 * page holding the database open would block a later version's upgrade. A read, never a write.
 */
export async function readStoredImportFromPage(): Promise<StoredImport | undefined> {
  const db = await openRolecallDb()
  try {
    return (await db.get('config', STORED_IMPORT_KEY)) as StoredImport | undefined
  } finally {
    db.close()
  }
}
