// Shared test setup for the vault: a fresh IndexedDB (fake-indexeddb) per test, a low PBKDF2 count, sample
// keys in AWS's documented example shapes, and a raw dump of every vault store for "nothing changed" checks.
import 'fake-indexeddb/auto'
import { openRolecallDb } from '../../../src/core/storage/db'
import { idbVaultStore, type IdbVaultStoreOptions } from '../../../src/core/vault'
import { RolecallFailure } from '../../../src/shared/protocol'
import { expect } from 'vitest'

export const LOW_ITERATIONS = 1000
/** The core's test-only option: wraps with LOW_ITERATIONS and lowers the backup import floor to it. */
export const TEST_KDF = { testOnlyIterations: LOW_ITERATIONS }
export const PASSPHRASE = 'correct horse battery staple'
export const OTHER_PASSPHRASE = 'tangerine submarine 42 violin'

export const KEY_A = {
  profile: 'alpha',
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
}
export const KEY_B = {
  profile: 'beta-admin',
  accessKeyId: 'AKIAI44QH8DHBEXAMPLE',
  secretAccessKey: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
}
export const SESSION = {
  accessKeyId: 'ASIAJEXAMPLEXEG2JICEA',
  secretAccessKey: '9drTJvcXLB89EXAMPLELB8923FB892xMFI',
  sessionToken: 'AQoXdzELDDY//////////wEaoAK1wvxJY12r2IrDFT2IvAzTCn3zHoZ7YNtpiQLF0MqZye/qwjzP2iEXAMPLE',
  expiration: '2030-01-01T12:00:00Z',
}

let counter = 0

export async function freshVaultDb(options: IdbVaultStoreOptions = {}) {
  const db = await openRolecallDb(`rolecall-test-${process.pid}-${++counter}`)
  const store = idbVaultStore(async () => db, options)
  /** Every record of the three vault stores, as JSON: equal dumps mean nothing changed. */
  async function dump(): Promise<string> {
    const out: Record<string, unknown> = {}
    for (const name of ['vault', 'secrets', 'keyMeta'] as const) {
      const keys = await db.getAllKeys(name)
      const values = await db.getAll(name)
      out[name] = keys.map((k, i) => [k, values[i]])
    }
    return JSON.stringify(out)
  }
  return { db, store, dump }
}

/** Runs `action` and returns the RolecallFailure it throws (failing the test if it throws anything else or nothing). */
export async function failureOf(action: () => Promise<unknown>): Promise<RolecallFailure> {
  try {
    await action()
  } catch (error) {
    expect(error).toBeInstanceOf(RolecallFailure)
    return error as RolecallFailure
  }
  throw new Error('expected a RolecallFailure, but the action succeeded')
}

export function flipBit(bytes: Uint8Array, bit: number): Uint8Array<ArrayBuffer> {
  const copy = new Uint8Array(bytes)
  copy[bit >> 3]! ^= 1 << (bit & 7)
  return copy
}
