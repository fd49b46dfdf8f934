// allOrNothing: the writes of one transaction land together, or none of them does.
import 'fake-indexeddb/auto'
import { describe, expect, test } from 'vitest'
import { allOrNothing } from '../../../src/core/storage/all-or-nothing'
import { openRolecallDb } from '../../../src/core/storage/db'

let n = 0
const freshDb = () => openRolecallDb(`all-or-nothing-${n++}`)

describe('allOrNothing', () => {
  test('commits every write when nothing throws', async () => {
    const db = await freshDb()
    await allOrNothing(db.transaction('config', 'readwrite'), async (tx) => {
      await tx.store.put('one', 'a')
      await tx.store.put('two', 'b')
    })
    expect(await db.getAll('config')).toEqual(['one', 'two'])
  })

  test('a throw after some writes (before any further request) commits none of them and passes the error on', async () => {
    const db = await freshDb()
    await db.put('config', 'before', 'a')
    const failure = allOrNothing(db.transaction('config', 'readwrite'), async (tx) => {
      await tx.store.put('changed', 'a')
      await tx.store.put('new', 'b')
      throw new Error('check failed')
    })
    await expect(failure).rejects.toThrow('check failed')
    expect(await db.get('config', 'a')).toBe('before')
    expect(await db.get('config', 'b')).toBeUndefined()
  })

  test('a request that fails (a bad value) commits none of the writes', async () => {
    const db = await freshDb()
    const failure = allOrNothing(db.transaction('config', 'readwrite'), async (tx) => {
      await tx.store.put('kept?', 'a')
      await tx.store.put(() => 'a function cannot be cloned', 'b')
    })
    await expect(failure).rejects.toThrow()
    expect(await db.count('config')).toBe(0)
  })
})
