// The vault's storage port. The core reads records one by one and writes only through `commit`, which applies
// a whole batch in one transaction: every multi-record change (create, change passphrase, import a backup,
// a key together with its metadata) is all or nothing.
import type { KeyMeta, SealedRecord, VaultHeader } from './format'

export interface VaultBatch {
  /** Refuse (with a 'conflict' failure, changing nothing) unless the stored header is this one, or absent for 'none'. */
  expectHeader?: { check: string } | 'none'
  /** Remove every secret record and every key's metadata before the writes below (create, backup import). */
  clearAll?: boolean
  header?: VaultHeader
  putRecords?: ReadonlyArray<readonly [id: string, record: SealedRecord]>
  deleteRecords?: readonly string[]
  putKeyMeta?: readonly KeyMeta[]
  deleteKeyMeta?: readonly string[]
}

/** Points inside a commit where a test can inject a failure; the transaction must then leave no trace. */
export type CommitCheckpoint =
  'checked' | 'cleared' | 'header-written' | 'record-written' | 'record-deleted' | 'meta-written' | 'meta-deleted'

export interface VaultStore {
  /** The stored header as raw data (undefined when there is no vault); the core checks its shape. */
  readHeader(): Promise<unknown>
  readRecord(id: string): Promise<unknown>
  listRecords(): Promise<Array<{ id: string; record: unknown }>>
  readKeyMeta(profile: string): Promise<unknown>
  listKeyMeta(): Promise<unknown[]>
  commit(batch: VaultBatch): Promise<void>
}
