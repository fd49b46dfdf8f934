// Rolecall's IndexedDB (fake-indexeddb) with failures at explicit checkpoints, for the background modules that
// reach it through src/background/db.ts (the stored import, tracked console sessions). A test mocks that module
// to hand out `faultyDb.db` and arms one fault:
//   - 'throw': the Nth write to the store throws at once (as a DataCloneError or a closing connection does);
//   - 'abort': the Nth write is sent, then the browser aborts the transaction (as when it stops the worker).
import 'fake-indexeddb/auto'
import type { IDBPDatabase } from 'idb'
import { openRolecallDb, type RolecallDb, type StoreName } from '../../../src/core/storage/db'

export class InjectedFault extends Error {
  constructor(what: string) {
    super(`injected fault: ${what}`)
    this.name = 'InjectedFault'
  }
}

export interface DbFault {
  store: StoreName
  /** 1 = the first write to the store after arming. */
  write: number
  how: 'throw' | 'abort'
}

type Db = IDBPDatabase<RolecallDb>
/** Only what the fault needs of a transaction, whatever its stores and mode. */
interface Tx {
  abort(): void
  readonly done: Promise<void>
}
type AnyStore = Record<'put' | 'delete' | 'add' | 'clear', (...a: unknown[]) => Promise<unknown>> & { name: string }

const bound = (target: object, key: PropertyKey) => {
  const value = Reflect.get(target, key, target) as unknown
  return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
}

export function faultyRolecallDb(name = 'rolecall') {
  let armed: DbFault | undefined
  let writes = 0
  let real: Promise<Db> | undefined

  /** Counts a write to `store`; true when it is the one to fail. */
  function due(store: string): boolean {
    if (!armed || armed.store !== store) return false
    writes += 1
    return writes === armed.write
  }

  function failWrite(store: string, issue: () => Promise<unknown>, tx: Tx): Promise<unknown> {
    const fault = armed!
    armed = undefined
    if (fault.how === 'throw') throw new InjectedFault(`write ${fault.write} to ${store} threw`)
    const sent = issue()
    tx.abort()
    // The writer sees the failed request; the transaction's own end is not its business.
    tx.done.catch(() => {})
    return sent
  }

  function wrapStore(store: object, storeName: string, tx: Tx): object {
    return new Proxy(store, {
      get(target, key) {
        if (key === 'put' || key === 'delete' || key === 'add' || key === 'clear') {
          const write = bound(target, key) as (...a: unknown[]) => Promise<unknown>
          return (...args: unknown[]) =>
            due(storeName) ? failWrite(storeName, () => write(...args), tx) : write(...args)
        }
        return bound(target, key)
      },
    })
  }

  function wrapTx<T extends Tx & { store?: unknown; objectStore(name: StoreName): unknown }>(tx: T): T {
    return new Proxy(tx, {
      get(target, key) {
        if (key === 'store' && target.store)
          return wrapStore(target.store as AnyStore, (target.store as AnyStore).name, tx)
        if (key === 'objectStore')
          return (store: StoreName) => wrapStore(target.objectStore(store) as AnyStore, store, tx)
        return bound(target, key)
      },
    })
  }

  function wrapDb(db: Db): Db {
    return new Proxy(db, {
      get(target, key) {
        if (key === 'transaction')
          return (...args: Parameters<Db['transaction']>) => wrapTx(target.transaction(...args))
        // The shortcuts (db.put(store, …)) run their own one-request transaction.
        if (key === 'put' || key === 'delete' || key === 'add' || key === 'clear') {
          const write = bound(target, key) as (store: string, ...a: unknown[]) => Promise<unknown>
          return (store: StoreName, ...args: unknown[]) => {
            if (!due(store)) return write(store, ...args)
            // The same one-request transaction, made here so the fault can abort it.
            const tx = target.transaction(store, 'readwrite')
            const objects = tx.store as unknown as AnyStore
            return failWrite(store, () => objects[key](...args), tx)
          }
        }
        return bound(target, key)
      },
    })
  }

  const db = (): Promise<Db> => (real ??= openRolecallDb(name).then(wrapDb))
  return {
    db,
    arm(fault: DbFault) {
      armed = fault
      writes = 0
    },
    disarm() {
      armed = undefined
    },
    get armed() {
      return armed !== undefined
    },
    /** Every record of the store, raw, for before/after comparisons. */
    async dump(store: StoreName): Promise<string> {
      const d = await db()
      return JSON.stringify([await d.getAllKeys(store), await d.getAll(store)])
    },
  }
}

export type FaultyDb = ReturnType<typeof faultyRolecallDb>
