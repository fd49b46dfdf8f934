// A login interrupted at each step, through the real background login service, vault service and login core,
// against the stand-in (real SigV4, TOTP, federation) and an in-memory browser: the hop after the MFA session
// fails (500, reset connection, a reply cut off), the sign-in token cannot be had, the console tab cannot be
// opened, the tracked-session write throws or its transaction is aborted, the vault cannot store the MFA
// session. Afterwards: the MFA session is kept when it was got (no second code), nothing is half-tracked, no
// prompt waits for a code that was spent, the vault is intact, and the user's message says what failed and what
// to do. The Chromium worker-stop journey is test/e2e/resilience-worker-stop.test.ts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VaultService } from '../../../src/background/vault'
import type { CommitCheckpoint } from '../../../src/core/vault'
import { RolecallFailure } from '../../../src/shared/protocol'
import { DEMO_MFA_SERIAL, DEMO_SECRET_ACCESS_KEY } from '../../fake-aws/demo-org'
import { startFakeAws, type FakeAws, type FaultKind } from '../../fake-aws/index'
import { freshVaultDb } from '../vault/helpers'
import { faultyRolecallDb, InjectedFault } from './faulty-db'

vi.mock('webextension-polyfill', async () => ({ default: (await import('../security/fake-browser')).fakeBrowser.api }))
const faulty = vi.hoisted(() => ({
  current: undefined as undefined | ReturnType<(typeof import('./faulty-db'))['faultyRolecallDb']>,
}))
vi.mock('../../../src/background/db', () => ({ rolecallDb: () => faulty.current!.db() }))

const { fakeBrowser } = await import('../security/fake-browser')
const { demoLoginService } = await import('../login/demo-login-service')
const { listTracked } = await import('../../../src/background/console/tracked')
const { listPending } = await import('../../../src/background/login/pending')

let aws: FakeAws
let vault: VaultService
let vaultDump: () => Promise<string>
let login: Awaited<ReturnType<typeof demoLoginService>>['login']
let failAtCheckpoint: CommitCheckpoint | undefined
let counter = 0

beforeEach(async () => {
  // A fresh stand-in each time: its TOTP codes are unused again.
  aws = await startFakeAws()
  faulty.current = faultyRolecallDb(`rolecall-login-${process.pid}-${++counter}`)
  for (const area of Object.values(fakeBrowser.api.storage)) await area.clear()
  fakeBrowser.tabs.clear()
  failAtCheckpoint = undefined
  const db = await freshVaultDb({
    checkpoint: (point) => {
      if (point === failAtCheckpoint) throw new InjectedFault(`vault commit at ${point}`)
    },
  })
  vaultDump = db.dump
  ;({ vault, login } = await demoLoginService(aws, db.store))
})
afterEach(() => aws.close())

/** Opens dev, which asks for a code, and sends the current one; returns what the submit threw. */
async function openDevWithCode(): Promise<unknown> {
  const outcome = await login.open('dev', { newTab: false, replace: false })
  if (outcome.status !== 'needs-mfa') throw new Error(`expected an MFA prompt, got ${outcome.status}`)
  return login.submitMfa(outcome.prompt.id, await aws.unusedTotp(DEMO_MFA_SERIAL)).then(
    () => undefined,
    (error: unknown) => error,
  )
}

async function expectNothingHalfDone() {
  expect(await listTracked()).toEqual([])
  expect(await listPending()).toEqual([])
  expect(await vault.state()).toBe('unlocked')
  expect((await vault.listKeys()).map((k) => k.profile)).toEqual(['identity'])
  expect((await vault.getBaseKey('identity')).secretAccessKey).toBe(DEMO_SECRET_ACCESS_KEY)
}

/** The next open needs no code: the MFA session got before the failure serves it (AssumeRole + sign-in only). */
async function expectRetryWithoutCode() {
  expect(await vault.getCachedSession(DEMO_MFA_SERIAL)).toBeDefined()
  aws.resetCounts()
  const retry = await login.open('dev', { newTab: false, replace: false })
  expect(retry.status).toBe('opened')
  expect(aws.counts()).toMatchObject({ GetSessionToken: 0, AssumeRole: 1, getSigninToken: 1 })
  const tracked = await listTracked()
  expect(tracked.map((s) => [s.profile, Object.keys(s.tabs).length])).toEqual([['dev', 1]])
}

describe('a login interrupted after the MFA session was got', () => {
  const hops: Array<{
    action: 'AssumeRole' | 'getSigninToken'
    kind: Exclude<FaultKind, 'hold' | 'timeout'>
    says: RegExp
    code: string
  }> = [
    {
      action: 'AssumeRole',
      kind: '500',
      code: 'aws',
      says: /^AWS STS had an internal error \(HTTP 500\)\. The problem is on AWS's side; try again in a moment\.$/,
    },
    {
      action: 'AssumeRole',
      kind: 'reset',
      code: 'network',
      says: /^Could not reach AWS STS at 127\.0\.0\.1:\d+: .* Check the connection and try again\.$/,
    },
    {
      action: 'AssumeRole',
      kind: 'truncated',
      code: 'aws',
      says: /^AWS STS at 127\.0\.0\.1:\d+ sent an answer Rolecall could not read \(cut off, or not what AWS sends\)\. Try again/,
    },
    {
      action: 'getSigninToken',
      kind: '500',
      code: 'aws',
      says: /^The AWS sign-in service had an internal error \(HTTP 500\)\./,
    },
    {
      action: 'getSigninToken',
      kind: 'truncated',
      code: 'aws',
      says: /^The AWS sign-in service at 127\.0\.0\.1:\d+ sent an answer Rolecall could not read/,
    },
  ]
  for (const hop of hops) {
    it(`${hop.action} ${hop.kind}: says what failed and what to do, keeps the MFA session, tracks nothing`, async () => {
      // Every attempt (the SDK retries a call without a code once).
      const fault = aws.injectFault({ action: hop.action, kind: hop.kind, times: Infinity })
      const error = await openDevWithCode()
      expect(error).toBeInstanceOf(RolecallFailure)
      expect(error).toMatchObject({ code: hop.code, detail: { retryable: true } })
      expect((error as Error).message).toMatch(hop.says)
      expect(fault.hits).toBeGreaterThanOrEqual(1)
      expect(fakeBrowser.tabs.size).toBe(0)
      await expectNothingHalfDone()
      fault.remove()
      await expectRetryWithoutCode()
    })
  }

  it('the console tab cannot be opened: nothing is tracked, the MFA session is kept', async () => {
    const create = fakeBrowser.api.tabs.create
    fakeBrowser.api.tabs.create = async () => {
      throw new Error('Tabs cannot be edited right now (user may be dragging a tab).')
    }
    try {
      expect(await openDevWithCode()).toBeInstanceOf(Error)
    } finally {
      fakeBrowser.api.tabs.create = create
    }
    await expectNothingHalfDone()
    await expectRetryWithoutCode()
  })

  for (const how of ['throw', 'abort'] as const) {
    it(`the tracked-session write ${how === 'throw' ? 'throws' : 'is aborted'}: no half-written record, and the retry tracks one tab`, async () => {
      faulty.current!.arm({ store: 'consoleSessions', write: 1, how })
      expect(await openDevWithCode()).toBeInstanceOf(Error)
      expect(faulty.current!.armed).toBe(false)
      // The tab had opened before the write: it stays open, untracked; nothing about it was stored.
      expect(fakeBrowser.tabs.size).toBe(1)
      await expectNothingHalfDone()
      await expectRetryWithoutCode()
    })
  }
})

describe('a login interrupted while the vault stores the MFA session', () => {
  it('stops there: the vault is as it was, no role was assumed, and the next login asks for a new code', async () => {
    const before = await vaultDump()
    failAtCheckpoint = 'record-written'
    expect(await openDevWithCode()).toBeInstanceOf(InjectedFault)
    failAtCheckpoint = undefined
    expect(await vaultDump()).toBe(before)
    expect(aws.counts()).toMatchObject({ GetSessionToken: 1, AssumeRole: 0, getSigninToken: 0 })
    expect(await vault.getCachedSession(DEMO_MFA_SERIAL)).toBeUndefined()
    await expectNothingHalfDone()
    expect((await login.open('dev', { newTab: false, replace: false })).status).toBe('needs-mfa')
  })
})
