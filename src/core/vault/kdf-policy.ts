// How much PBKDF2 work a vault must cost a guesser. New wraps use DEFAULT_ITERATIONS, and a vault is created or
// restored with no fewer than MIN_NEW_ITERATIONS. Unit tests run in Node, where 600,000 iterations on every
// create and unlock would stretch the suites to many minutes, so they pass a low count — only through
// `testOnlyIterations`, which nothing in src sets and which the store build refuses outright: no message, setting
// or backup file can lower the floor of a released Rolecall.
import { DEFAULT_ITERATIONS, MAX_ITERATIONS, MIN_NEW_ITERATIONS, MIN_STORED_ITERATIONS } from './format'

export interface KdfOptions {
  now?: Date
  /**
   * TEST ONLY (unit tests in Node). Replaces DEFAULT_ITERATIONS as the count of new wraps (create, change of
   * passphrase, the unlock's re-wrap of an older vault) and MIN_NEW_ITERATIONS as the floor of backup import.
   * Throws in the store build.
   */
  testOnlyIterations?: number
}

export interface KdfPolicy {
  /** The count every new wrap uses; an unlock re-wraps a vault that has fewer. */
  wrapIterations: number
  /** The fewest a backup may have to be restored. */
  restoreFloor: number
}

/**
 * A built extension is one where vite defines the flag: every build is the store build, and the e2e suite and
 * `npm start` run it too. In Node (unit tests) it is not defined at all.
 */
function isStoreBuild(): boolean {
  return typeof __ROLECALL_BUILT__ !== 'undefined' && __ROLECALL_BUILT__
}

export function kdfPolicy(options: KdfOptions = {}): KdfPolicy {
  const test = options.testOnlyIterations
  if (test === undefined) return { wrapIterations: DEFAULT_ITERATIONS, restoreFloor: MIN_NEW_ITERATIONS }
  if (isStoreBuild())
    throw new Error(
      'testOnlyIterations is for unit tests: the store build always wraps with 600,000 PBKDF2 iterations.',
    )
  if (!Number.isInteger(test) || test < MIN_STORED_ITERATIONS || test > MAX_ITERATIONS) {
    throw new RangeError(`testOnlyIterations must be ${MIN_STORED_ITERATIONS}–${MAX_ITERATIONS}.`)
  }
  return { wrapIterations: test, restoreFloor: test }
}
