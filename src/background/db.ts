// One IndexedDB connection per worker lifetime, opened on first use (it holds no secret; a stopped worker
// simply opens a new one).
import { openRolecallDb } from '../core/storage/db'

let connection: ReturnType<typeof openRolecallDb> | undefined

export function rolecallDb(): ReturnType<typeof openRolecallDb> {
  return (connection ??= openRolecallDb())
}
