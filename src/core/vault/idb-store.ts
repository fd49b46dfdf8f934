// The VaultStore over Rolecall's one IndexedDB database (stores "vault", "secrets", "keyMeta").
import type { IDBPDatabase } from 'idb'
import { allOrNothing } from '../storage/all-or-nothing'
import type { RolecallDb } from '../storage/db'
import { RolecallFailure } from '../../shared/protocol'
import { HEADER_KEY, isPlainObject } from './format'
import type { CommitCheckpoint, VaultBatch, VaultStore } from './store'

export interface IdbVaultStoreOptions {
  /** Called at named points inside a commit; a throw aborts the transaction (fault injection in tests). */
  checkpoint?: (point: CommitCheckpoint) => void
}

const STORES = ['vault', 'secrets', 'keyMeta'] as const

export function idbVaultStore(
  getDb: () => Promise<IDBPDatabase<RolecallDb>>,
  options: IdbVaultStoreOptions = {},
): VaultStore {
  const checkpoint = options.checkpoint ?? (() => {})

  async function commit(batch: VaultBatch): Promise<void> {
    const db = await getDb()
    await allOrNothing(db.transaction(STORES, 'readwrite'), async (tx) => {
      const vault = tx.objectStore('vault')
      const secrets = tx.objectStore('secrets')
      const keyMeta = tx.objectStore('keyMeta')
      // Only IndexedDB requests are awaited below: any other await would let the transaction commit early.
      if (batch.expectHeader) {
        const current = await vault.get(HEADER_KEY)
        const matches =
          batch.expectHeader === 'none'
            ? current === undefined
            : isPlainObject(current) && current.check === batch.expectHeader.check
        if (!matches) {
          throw new RolecallFailure(
            'conflict',
            'The vault changed while this was in progress (in another Rolecall window?). Nothing was changed; reload and try again.',
          )
        }
        checkpoint('checked')
      }
      if (batch.clearAll) {
        await secrets.clear()
        await keyMeta.clear()
        checkpoint('cleared')
      }
      if (batch.header) {
        await vault.put(batch.header, HEADER_KEY)
        checkpoint('header-written')
      }
      for (const [id, record] of batch.putRecords ?? []) {
        await secrets.put(record, id)
        checkpoint('record-written')
      }
      for (const id of batch.deleteRecords ?? []) {
        await secrets.delete(id)
        checkpoint('record-deleted')
      }
      for (const meta of batch.putKeyMeta ?? []) {
        await keyMeta.put(meta, meta.profile)
        checkpoint('meta-written')
      }
      for (const profile of batch.deleteKeyMeta ?? []) {
        await keyMeta.delete(profile)
        checkpoint('meta-deleted')
      }
    })
  }

  return {
    readHeader: async () => (await getDb()).get('vault', HEADER_KEY),
    readRecord: async (id) => (await getDb()).get('secrets', id),
    async listRecords() {
      const tx = (await getDb()).transaction('secrets')
      const [ids, records] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll()])
      return ids.map((id, i) => ({ id, record: records[i] }))
    },
    readKeyMeta: async (profile) => (await getDb()).get('keyMeta', profile),
    listKeyMeta: async () => (await getDb()).getAll('keyMeta'),
    commit,
  }
}
