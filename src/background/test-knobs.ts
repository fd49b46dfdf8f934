// Knobs that exist only in the test flavour (dist/test-*), for e2e tests and the demo against the local AWS
// stand-in, whose time scale makes an hour last seconds. In the store build this always answers 1.
import { storageLocal } from './storage-keys'
const isTestBuild = () => typeof __ROLECALL_TEST_BUILD__ !== 'undefined' && __ROLECALL_TEST_BUILD__

/** How much faster than real time the AWS side runs (1 = real AWS). */
export async function timeScale(): Promise<number> {
  if (!isTestBuild()) return 1
  const scale = await storageLocal.read('testTimeScale')
  return typeof scale === 'number' && scale > 0 && scale <= 1 ? scale : 1
}

export async function setTimeScale(scale: number): Promise<void> {
  if (!isTestBuild()) throw new Error('Only the test build has a time scale.')
  await storageLocal.write('testTimeScale', scale)
}
