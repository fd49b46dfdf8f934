// One IndexedDB connection per worker lifetime, opened on first use (it holds no secret; a stopped worker
// simply opens a new one).
import { openRolecallDb } from '../core/storage/db'

// A cache, not state that matters: a new worker simply opens a new connection.
// eslint-disable-next-line no-restricted-syntax
let connection: ReturnType<typeof openRolecallDb> | undefined

export function rolecallDb(): ReturnType<typeof openRolecallDb> {
  return (connection ??= openRolecallDb())
}
