// Chrome's one cookie jar: a sign-in replaces (asking first) with one console session, joins with the
// console's multi-session on, and asks before a sixth identity signs every session out.
import { describe, expect, it } from 'vitest'
import {
  CONSOLE_SESSION_LIMIT,
  decideSharedJarSignIn,
  sameIdentity,
  type JarSession,
  type SharedJarRequest,
} from '../../../src/core/login/shared-jar'

const NOW = 1_750_000_000_000
const HOUR = 3_600_000
const role = (account: string, name = 'Developer') => `arn:aws:iam::${account}:role/${name}`
const assumed = (account: string, name = 'Developer', session = 'demo-user') =>
  `arn:aws:sts::${account}:assumed-role/${name}/${session}`

/** A live session of profile pN in account 2000000000NN, signed in N minutes after the first. */
function live(n: number, extra: Partial<JarSession> = {}): JarSession {
  const account = String(200000000000 + n)
  return {
    profile: `p${n}`,
    identityArn: assumed(account),
    expiresAt: NOW + HOUR,
    signedInAt: NOW - HOUR + n * 60_000,
    liveTabOpen: true,
    ...extra,
  }
}
const roleOf = (n: number) => role(String(200000000000 + n))

function decide(overrides: Partial<SharedJarRequest>) {
  return decideSharedJarSignIn({
    multiSession: false,
    profile: 'new',
    roleArn: role('999999999999'),
    replace: false,
    now: NOW,
    sessions: [],
    ...overrides,
  })
}

describe('one console session per browser (setting off)', () => {
  it('signs in with logout-then-login when nothing of its own is live', () => {
    expect(decide({})).toEqual({ action: 'sign-in', switchIdentity: true, keepOthers: false })
  })

  it('asks before replacing another profile whose console is open', () => {
    expect(decide({ sessions: [live(1)] })).toEqual({ action: 'confirm-replace', current: 'p1' })
    expect(decide({ sessions: [live(1)], replace: true })).toEqual({
      action: 'sign-in',
      switchIdentity: true,
      keepOthers: false,
    })
  })

  it('does not ask for a session whose tabs are closed, but still logs it out', () => {
    expect(decide({ sessions: [live(1, { liveTabOpen: false })] })).toEqual({
      action: 'sign-in',
      switchIdentity: true,
      keepOthers: false,
    })
  })

  it('re-signs its own live identity without logging out, and logs out when its role changed', () => {
    const own = live(1, { profile: 'new' })
    expect(decide({ roleArn: roleOf(1), sessions: [own] })).toEqual({
      action: 'sign-in',
      switchIdentity: false,
      keepOthers: false,
    })
    expect(decide({ roleArn: role('888888888888'), sessions: [own] })).toEqual({
      action: 'sign-in',
      switchIdentity: true,
      keepOthers: false,
    })
  })
})

describe("the console's multi-session (setting on)", () => {
  const on = { multiSession: true }
  const four = [1, 2, 3, 4].map((n) => live(n))

  it('joins without asking or logging out while fewer than 5 other identities are open', () => {
    expect(decide({ ...on })).toEqual({ action: 'sign-in', switchIdentity: false, keepOthers: true })
    expect(decide({ ...on, sessions: four })).toEqual({ action: 'sign-in', switchIdentity: false, keepOthers: true })
  })

  it('asks before a sixth identity, naming the oldest and every profile holding a session', () => {
    const five = [live(3), live(1), live(5), live(2), live(4)]
    expect(five).toHaveLength(CONSOLE_SESSION_LIMIT)
    expect(decide({ ...on, sessions: five })).toEqual({
      action: 'confirm-limit',
      oldest: 'p1',
      held: ['p1', 'p2', 'p3', 'p4', 'p5'],
    })
  })

  it('after the user agrees, signs in plainly: never the logout hop, which fails in this mode', () => {
    const five = [1, 2, 3, 4, 5].map((n) => live(n))
    expect(decide({ ...on, sessions: five, replace: true })).toEqual({
      action: 'sign-in',
      switchIdentity: false,
      keepOthers: true,
    })
  })

  it('never takes the logout hop in this mode, whatever the jar holds', () => {
    const cases: Array<Partial<SharedJarRequest>> = [
      {},
      { replace: true },
      { sessions: [live(1)] },
      { sessions: [live(1, { liveTabOpen: false })] },
      { profile: 'p1', roleArn: role('999999999999'), sessions: [live(1)] }, // the role changed on re-import
      { sessions: [1, 2, 3, 4, 5, 6].map((n) => live(n)), replace: true },
      { sessions: [live(1, { expiresAt: NOW - 1 })] },
    ]
    for (const c of cases) {
      const decision = decide({ ...on, ...c })
      expect(decision.action === 'sign-in' && decision.switchIdentity, JSON.stringify(c)).toBe(false)
    }
  })

  it('re-signing an identity the console already holds takes no new session, even at the limit', () => {
    const five = [1, 2, 3, 4, 5].map((n) => live(n))
    // Its own profile, or another profile of the same role (another session name): the same console session.
    expect(decide({ ...on, profile: 'p3', roleArn: roleOf(3), sessions: five })).toEqual({
      action: 'sign-in',
      switchIdentity: false,
      keepOthers: true,
    })
    expect(decide({ ...on, profile: 'p3-reviewer', roleArn: roleOf(3), sessions: five })).toEqual({
      action: 'sign-in',
      switchIdentity: false,
      keepOthers: true,
    })
  })

  it('counts identities, not profiles: two profiles of one role hold one session', () => {
    const sessions = [1, 2, 3, 4]
      .map((n) => live(n))
      .concat(live(9, { profile: 'p1-again', identityArn: assumed(String(200000000001), 'Developer', 'other') }))
    expect(decide({ ...on, sessions })).toEqual({ action: 'sign-in', switchIdentity: false, keepOthers: true })
  })

  it('does not count sessions whose tabs are closed or that have expired', () => {
    const sessions = [1, 2, 3, 4]
      .map((n) => live(n))
      .concat(live(5, { liveTabOpen: false }), live(6, { expiresAt: NOW - 1, liveTabOpen: false }))
    expect(decide({ ...on, sessions })).toEqual({ action: 'sign-in', switchIdentity: false, keepOthers: true })
  })

  it('a federation profile is a new identity unless it is its own profile', () => {
    const fed = (n: number) => live(n, { identityArn: `arn:aws:sts::11111111111${n}:federated-user/user${n}` })
    const five = [fed(1), fed(2), fed(3), live(4), live(5)]
    expect(decide({ ...on, roleArn: undefined, sessions: five }).action).toBe('confirm-limit')
    expect(decide({ ...on, profile: 'p2', roleArn: undefined, sessions: five }).action).toBe('sign-in')
  })
})

describe('sameIdentity', () => {
  it('matches a role by account and name, whatever the session name or path', () => {
    expect(sameIdentity(assumed('222222222222', 'Developer', 'x'), role('222222222222'))).toBe(true)
    expect(sameIdentity(assumed('222222222222', 'Pathed', 'x'), 'arn:aws:iam::222222222222:role/team/Pathed')).toBe(
      true,
    )
    expect(sameIdentity(assumed('333333333333'), role('222222222222'))).toBe(false)
    expect(sameIdentity('arn:aws:sts::111111111111:federated-user/demo', undefined)).toBe(true)
    expect(sameIdentity(assumed('222222222222'), undefined)).toBe(false)
  })
})
