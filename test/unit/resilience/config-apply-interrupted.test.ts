// "An import interrupted mid-way loses nothing": config.apply fails at explicit checkpoints — reading the vault's
// key list, each write of the stored import, a transaction the browser aborts after a write — and afterwards the
// stored import (its text and rows, and the popup's list derived from it) is exactly the old one, never a mix;
// the same import then succeeds. What a stopped Chromium worker does to the real browser is in
// test/e2e/resilience-worker-stop.test.ts; this holds for both browsers at every step.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { DEMO_AWS_CONFIG } from '../../fake-aws/demo-org'
import { faultyRolecallDb, InjectedFault, type DbFault } from './faulty-db'

const faulty = vi.hoisted(() => ({
  current: undefined as undefined | ReturnType<(typeof import('./faulty-db'))['faultyRolecallDb']>,
}))
vi.mock('../../../src/background/db', () => ({ rolecallDb: () => faulty.current!.db() }))
const { applyImport, previewImport, storedConfig, storedProfiles } =
  await import('../../../src/background/config/import')

const NEXT = `${DEMO_AWS_CONFIG}\n[profile added]\nsource_profile = identity\nrole_arn = arn:aws:iam::222222222222:role/Developer\n`
let clock = 1_000
let keysFail = false
const deps = {
  keyProfiles: async () => {
    if (keysFail) throw new InjectedFault("the vault's key list could not be read")
    return ['identity']
  },
  now: () => clock,
}

let counter = 0
beforeEach(async () => {
  faulty.current = faultyRolecallDb(`rolecall-apply-${process.pid}-${++counter}`)
  clock = 1_000
  keysFail = false
  await applyImport(DEMO_AWS_CONFIG, 0, deps)
  clock = 2_000
})

async function expectOldImportWhole(before: string) {
  expect(await faulty.current!.dump('config')).toBe(before)
  expect((await storedConfig()).profileCount).toBe(6)
  expect((await storedProfiles()).profiles.map((p) => p.name)).not.toContain('added')
}

async function expectRetryWorks() {
  const { basedOn } = await previewImport(NEXT, deps)
  expect(basedOn).toBe(1_000)
  expect((await applyImport(NEXT, basedOn, deps)).profileCount).toBe(7)
  expect((await storedProfiles()).profiles.map((p) => p.name)).toContain('added')
  // Every record of the store belongs to the new import (the popup's list too, where there is one).
  const records = JSON.parse(await faulty.current!.dump('config')) as [string[], Array<{ importedAt: number }>]
  expect(records[1].map((r) => r.importedAt)).toEqual(records[0].map(() => 2_000))
}

describe('config apply, interrupted', () => {
  it('when the key list cannot be read: nothing is written', async () => {
    const before = await faulty.current!.dump('config')
    keysFail = true
    await expect(applyImport(NEXT, 1_000, deps)).rejects.toBeInstanceOf(InjectedFault)
    await expectOldImportWhole(before)
    keysFail = false
    await expectRetryWorks()
  })

  const checkpoints: DbFault[] = [
    { store: 'config', write: 1, how: 'throw' },
    { store: 'config', write: 2, how: 'throw' },
    { store: 'config', write: 1, how: 'abort' },
    { store: 'config', write: 2, how: 'abort' },
  ]
  for (const fault of checkpoints) {
    it(`when write ${fault.write} of the stored import ${fault.how === 'throw' ? 'throws' : 'is followed by an aborted transaction'}: the old import stays whole`, async () => {
      const before = await faulty.current!.dump('config')
      faulty.current!.arm(fault)
      await expect(applyImport(NEXT, 1_000, deps)).rejects.toBeInstanceOf(Error)
      // The fault really fired inside the write (not before it).
      expect(faulty.current!.armed).toBe(false)
      await expectOldImportWhole(before)
      await expectRetryWorks()
    })
  }
})
