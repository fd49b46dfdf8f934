// Rolecall's one IndexedDB database. Every object store is declared here with its schema version, so each
// domain's data has one home and upgrades run as explicit, ordered migrations (never "drop and recreate").
import { openDB, type DBSchema, type IDBPDatabase } from 'idb'

export const DB_NAME = 'rolecall'
export const DB_VERSION = 1

/** Opaque to this module: each domain owns the shape of its own records. */
export interface RolecallDb extends DBSchema {
  /** The vault header (KDF parameters, wrapped data key). One record, key "header". */
  vault: { key: string; value: unknown }
  /** Encrypted secret records (base keys, cached STS sessions), keyed by record id. */
  secrets: { key: string; value: unknown }
  /** Non-secret metadata about stored base keys (last 4 of the key id, IAM user name), keyed by profile. */
  keyMeta: { key: string; value: unknown }
  /** The imported ~/.aws/config (text and what was derived from it). Never holds keys. */
  config: { key: string; value: unknown }
  /** Console sessions Rolecall opened (profile, tabs, expiry): non-secret bookkeeping. */
  consoleSessions: { key: string; value: unknown }
}

export type StoreName = 'vault' | 'secrets' | 'keyMeta' | 'config' | 'consoleSessions'

/** Migrations by the version they upgrade *to*. Version 1 is the first release's schema. */
const MIGRATIONS: Record<number, (db: IDBPDatabase<RolecallDb>) => void> = {
  1: (db) => {
    db.createObjectStore('vault')
    db.createObjectStore('secrets')
    db.createObjectStore('keyMeta')
    db.createObjectStore('config')
    db.createObjectStore('consoleSessions')
  },
}

export function openRolecallDb(name = DB_NAME): Promise<IDBPDatabase<RolecallDb>> {
  return openDB<RolecallDb>(name, DB_VERSION, {
    upgrade(db, oldVersion, newVersion) {
      for (let version = oldVersion + 1; version <= (newVersion ?? DB_VERSION); version++) MIGRATIONS[version]?.(db)
    },
  })
}
