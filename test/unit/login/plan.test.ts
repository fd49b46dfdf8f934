import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { awsCallCount, callsSts, loginTarget, planLogin, type PlanStep } from '../../../src/core/login/plan'
import { ALLOW_ALL_POLICY, type LoginSubject } from '../../../src/core/login/subject'
import { DEVICE, OTHER_DEVICE, ROLE_A, ROLE_B, ROLE_C, base, federation, hop, role, sso } from './subjects'

const NOW = Date.parse('2026-03-01T09:00:00Z')
const HOUR = 3_600_000
const cachedFor = (mfaSerial: string, msLeft: number) => ({ now: NOW, cached: { mfaSerial, expiresAt: NOW + msLeft } })
const calls = (steps: PlanStep[]) => steps.map((s) => s.call)

describe('role logins on the MFA session cache (the default)', () => {
  const roleA = role('prod-admin', [hop('prod-admin', ROLE_A)])

  it('first login with MFA: GetSessionToken, AssumeRole, getSigninToken = 3 calls, one code', () => {
    const plan = planLogin(roleA, { now: NOW })
    expect(calls(plan.steps)).toEqual(['GetSessionToken', 'AssumeRole', 'getSigninToken'])
    expect(awsCallCount(plan)).toBe(3)
    expect(plan.steps[0]).toEqual({ call: 'GetSessionToken', mfaSerial: DEVICE, durationSeconds: 12 * 3600 })
    // The AssumeRole rides on the MFA session: no second code for the same device, no duration, no SessionDuration.
    expect(plan.steps[1]).toEqual({
      call: 'AssumeRole',
      profile: 'prod-admin',
      caller: 'mfa-session',
      roleArn: ROLE_A,
      sessionName: { from: 'iam-user' },
    })
    expect(plan.steps[2]).toEqual({ call: 'getSigninToken' })
    expect(plan.mfaCodesNeeded).toEqual([DEVICE])
    expect(plan.mfaSessionDevice).toBe(DEVICE)
    expect(plan.chained).toBe(true)
  })

  it('another role on the cached MFA session: 2 calls, no code', () => {
    const plan = planLogin(role('dev-read', [hop('dev-read', ROLE_B)]), cachedFor(DEVICE, 8 * HOUR))
    expect(calls(plan.steps)).toEqual(['UseCachedMfaSession', 'AssumeRole', 'getSigninToken'])
    expect(awsCallCount(plan)).toBe(2)
    expect(plan.mfaCodesNeeded).toEqual([])
  })

  it('each extra chain hop adds one AssumeRole, on the previous role, at most 1 hour', () => {
    const two = role('deploy', [hop('dev-read', ROLE_B), hop('deploy', ROLE_C, { durationSeconds: 7200 })])
    const three = role('deeper', [
      hop('dev-read', ROLE_B),
      hop('deploy', ROLE_C),
      hop('deeper', ROLE_A, { mfaSerial: undefined }),
    ])
    expect(awsCallCount(planLogin(two, { now: NOW }))).toBe(4)
    expect(awsCallCount(planLogin(three, { now: NOW }))).toBe(5)
    expect(awsCallCount(planLogin(three, cachedFor(DEVICE, HOUR)))).toBe(4)
    const plan = planLogin(two, { now: NOW })
    expect(
      plan.steps.filter((s) => s.call === 'AssumeRole').map((s) => [s.caller, s.mfaSerial, s.durationSeconds]),
    ).toEqual([
      ['mfa-session', undefined, undefined],
      ['role-session', undefined, 3600],
    ])
    expect(plan.notes.join(' ')).toMatch(/duration_seconds 7200 of "deploy" was lowered to 3600/)
  })

  it('does not use a cached session within the refresh margin, or one of another device', () => {
    expect(calls(planLogin(role('a', [hop('a', ROLE_A)]), cachedFor(DEVICE, 4 * 60_000)).steps)[0]).toBe(
      'GetSessionToken',
    )
    expect(
      calls(
        planLogin(role('a', [hop('a', ROLE_A)]), cachedFor(DEVICE, 4 * 60_000), { refreshMarginSeconds: 60 }).steps,
      )[0],
    ).toBe('UseCachedMfaSession')
    expect(calls(planLogin(role('a', [hop('a', ROLE_A)]), cachedFor(OTHER_DEVICE, 8 * HOUR)).steps)[0]).toBe(
      'GetSessionToken',
    )
  })

  it('keeps the MFA session length within 15 minutes and 36 hours', () => {
    const lengthOf = (mfaSessionSeconds: number) =>
      (
        planLogin(role('a', [hop('a', ROLE_A)]), { now: NOW }, { mfaSessionSeconds }).steps[0] as {
          durationSeconds: number
        }
      ).durationSeconds
    expect(lengthOf(60)).toBe(900)
    expect(lengthOf(8 * 3600)).toBe(8 * 3600)
    expect(lengthOf(200_000)).toBe(129_600)
  })

  it('uses the first hop’s device for the MFA session when the base profile names none', () => {
    const plan = planLogin(role('a', [hop('a', ROLE_A)], { base: { profile: 'alice', iamUserName: 'alice' } }), {
      now: NOW,
    })
    expect(plan.steps[0]).toMatchObject({ call: 'GetSessionToken', mfaSerial: DEVICE })
    expect(plan.mfaCodesNeeded).toEqual([DEVICE])
  })

  it('sends MFA on a hop only for a device not used lower in the chain (aws-vault rule)', () => {
    const plan = planLogin(
      role('c', [
        hop('b', ROLE_B),
        hop('c', ROLE_C, { mfaSerial: OTHER_DEVICE }),
        hop('d', ROLE_A, { mfaSerial: OTHER_DEVICE }),
      ]),
      { now: NOW },
    )
    expect(plan.steps.filter((s) => s.call === 'AssumeRole').map((s) => s.mfaSerial)).toEqual([
      undefined,
      OTHER_DEVICE,
      undefined,
    ])
    expect(plan.mfaCodesNeeded).toEqual([DEVICE, OTHER_DEVICE])
  })
})

describe('logins without the MFA session', () => {
  it('a longer console session: AssumeRole with the base keys, a fresh code, DurationSeconds and SessionDuration', () => {
    const plan = planLogin(role('prod-admin', [hop('prod-admin', ROLE_A)]), cachedFor(DEVICE, 8 * HOUR), {
      consoleSessionSeconds: 8 * 3600,
    })
    expect(plan.steps).toEqual([
      {
        call: 'AssumeRole',
        profile: 'prod-admin',
        caller: 'base-keys',
        roleArn: ROLE_A,
        sessionName: { from: 'iam-user' },
        mfaSerial: DEVICE,
        durationSeconds: 8 * 3600,
      },
      { call: 'getSigninToken', sessionDuration: 8 * 3600 },
    ])
    expect(plan.mfaCodesNeeded).toEqual([DEVICE])
    expect(plan.mfaSessionDevice).toBeUndefined()
    expect(plan.chained).toBe(false)
  })

  it('a longer console session is impossible through a chain: the MFA session is used, with a note', () => {
    const plan = planLogin(
      role('deploy', [hop('dev-read', ROLE_B), hop('deploy', ROLE_C)]),
      { now: NOW },
      { consoleSessionSeconds: 8 * 3600 },
    )
    expect(calls(plan.steps)).toEqual(['GetSessionToken', 'AssumeRole', 'AssumeRole', 'getSigninToken'])
    expect(plan.steps.at(-2)).toMatchObject({ durationSeconds: 3600 })
    expect(plan.steps.at(-1)).toEqual({ call: 'getSigninToken' })
    expect(plan.notes.join(' ')).toMatch(/longer than 1 hour is not possible/)
  })

  it('a role without MFA is assumed with the base keys; SessionDuration only when a length is asked', () => {
    const noMfa = role('ro', [hop('ro', ROLE_B, { mfaSerial: undefined })], {
      base: { profile: 'bob', iamUserName: 'bob' },
    })
    expect(planLogin(noMfa, { now: NOW }).steps).toEqual([
      { call: 'AssumeRole', profile: 'ro', caller: 'base-keys', roleArn: ROLE_B, sessionName: { from: 'iam-user' } },
      { call: 'getSigninToken' },
    ])
    expect(planLogin(noMfa, { now: NOW }, { consoleSessionSeconds: 1800 }).steps).toEqual([
      {
        call: 'AssumeRole',
        profile: 'ro',
        caller: 'base-keys',
        roleArn: ROLE_B,
        sessionName: { from: 'iam-user' },
        durationSeconds: 1800,
      },
      { call: 'getSigninToken', sessionDuration: 1800 },
    ])
  })
})

describe('federation logins', () => {
  it('GetFederationToken with the allow-all policy, then getSigninToken without SessionDuration: 2 calls', () => {
    const plan = planLogin(federation, { now: NOW }, { consoleSessionSeconds: 8 * 3600 })
    expect(plan.steps).toEqual([
      { call: 'GetFederationToken', name: { from: 'iam-user' }, policy: ALLOW_ALL_POLICY, durationSeconds: 8 * 3600 },
      { call: 'getSigninToken' },
    ])
    expect(JSON.parse(ALLOW_ALL_POLICY)).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
    })
    expect(awsCallCount(plan)).toBe(2)
    expect(plan.mfaCodesNeeded).toEqual([])
  })

  it('notes that MFA cannot apply, and learns the IAM user name once', () => {
    const plan = planLogin({ ...federation, base: { profile: 'alice', mfaSerial: DEVICE } }, { now: NOW })
    expect(calls(plan.steps)).toEqual(['GetCallerIdentity', 'GetFederationToken', 'getSigninToken'])
    expect(plan.steps[1]).toMatchObject({ durationSeconds: 3600 })
    expect(plan.notes.join(' ')).toMatch(/MFA cannot apply/)
  })
})

describe('names and parameters', () => {
  it('asks GetCallerIdentity only when a default session name needs the IAM user name', () => {
    const unknownUser = { profile: 'alice', mfaSerial: DEVICE }
    expect(calls(planLogin(role('a', [hop('a', ROLE_A)], { base: unknownUser }), { now: NOW }).steps)[0]).toBe(
      'GetCallerIdentity',
    )
    expect(
      calls(
        planLogin(role('a', [hop('a', ROLE_A, { roleSessionName: 'ops' })], { base: unknownUser }), { now: NOW }).steps,
      )[0],
    ).toBe('GetSessionToken')
  })

  it('passes external id, source identity and session tags; makes a bad session name valid with a note', () => {
    const plan = planLogin(
      role('a', [
        hop('a', ROLE_A, {
          roleSessionName: 'Alice Smith',
          externalId: 'ext-1',
          sourceIdentity: 'alice',
          sessionTags: { team: 'ops' },
          transitiveSessionTags: ['team'],
        }),
      ]),
      { now: NOW },
    )
    expect(plan.steps[1]).toMatchObject({
      sessionName: { from: 'config', value: 'Alice-Smith' },
      externalId: 'ext-1',
      sourceIdentity: 'alice',
      tags: { team: 'ops' },
      transitiveTagKeys: ['team'],
    })
    expect(plan.notes.join(' ')).toMatch(/"Alice-Smith" is used instead/)
  })

  it('targets the partition of the role and the region of the profile', () => {
    const cn = planLogin(role('cn', [hop('cn', 'arn:aws-cn:iam::123456789012:role/Admin')], { region: 'eu-west-1' }), {
      now: NOW,
    })
    expect(cn.target).toMatchObject({
      partition: 'aws-cn',
      region: 'cn-north-1',
      stsEndpoint: 'https://sts.cn-north-1.amazonaws.com.cn',
    })
    expect(
      planLogin(federation, { now: NOW }, { endpoints: { stsEndpoint: 'http://127.0.0.1:9' } }).target.stsEndpoint,
    ).toBe('http://127.0.0.1:9')
  })
})

// Rules that must hold for every plan, checked on generated chains.
const arbHop = fc.record({
  profile: fc.constantFrom('a', 'b', 'c', 'd'),
  roleArn: fc.constantFrom(ROLE_A, ROLE_B, ROLE_C),
  mfaSerial: fc.option(fc.constantFrom(DEVICE, OTHER_DEVICE), { nil: undefined }),
  durationSeconds: fc.option(fc.integer({ min: 1, max: 200_000 }), { nil: undefined }),
})
const arbSubject: fc.Arbitrary<LoginSubject> = fc.oneof(
  fc
    .record({
      hops: fc.array(arbHop, { minLength: 1, maxLength: 4 }),
      baseMfa: fc.option(fc.constantFrom(DEVICE, OTHER_DEVICE), { nil: undefined }),
    })
    .map(({ hops, baseMfa }) => role('p', hops, { base: { ...base, mfaSerial: baseMfa } as typeof base })),
  fc.constant(federation),
)

describe('plan invariants', () => {
  it('hold for any chain, cache state and preferences', () => {
    fc.assert(
      fc.property(
        arbSubject,
        fc.option(fc.integer({ min: 0, max: 40 * 3600 }), { nil: undefined }),
        fc.option(fc.integer({ min: 900, max: 43_200 }), { nil: undefined }),
        (subject, cachedLeft, consoleSessionSeconds) => {
          const state = cachedLeft === undefined ? { now: NOW } : cachedFor(DEVICE, cachedLeft * 1000)
          const plan = planLogin(subject, state, consoleSessionSeconds ? { consoleSessionSeconds } : {})
          const last = plan.steps.at(-1)!
          expect(last.call).toBe('getSigninToken')
          expect(new Set(plan.mfaCodesNeeded).size).toBe(plan.mfaCodesNeeded.length)
          const roles = plan.steps.filter(
            (s): s is Extract<PlanStep, { call: 'AssumeRole' }> => s.call === 'AssumeRole',
          )
          for (const step of roles) {
            if (step.caller !== 'base-keys' && step.durationSeconds !== undefined)
              expect(step.durationSeconds).toBeLessThanOrEqual(3600)
            if (step.durationSeconds !== undefined) expect(step.durationSeconds).toBeGreaterThanOrEqual(900)
          }
          if (last.call === 'getSigninToken' && last.sessionDuration !== undefined) {
            // SessionDuration only on credentials of one AssumeRole made with the long-term keys.
            expect(roles).toHaveLength(1)
            expect(roles[0]!.caller).toBe('base-keys')
            expect(
              plan.steps.some(
                (s) =>
                  s.call === 'GetFederationToken' || s.call === 'GetSessionToken' || s.call === 'UseCachedMfaSession',
              ),
            ).toBe(false)
          }
          // The MFA session's device never gets a second code.
          if (plan.mfaSessionDevice) expect(roles.some((s) => s.mfaSerial === plan.mfaSessionDevice)).toBe(false)
        },
      ),
      { numRuns: 500 },
    )
  })
})

describe('where a login goes, known before it is planned', () => {
  it('calls STS for keys and for roles assumed after the portal, not for a portal role alone', () => {
    expect(callsSts(role('prod-admin', [hop('prod-admin', ROLE_A)]))).toBe(true)
    expect(callsSts(federation)).toBe(true)
    expect(callsSts(sso('portal-admin'))).toBe(false)
    expect(callsSts(sso('deploy', [hop('deploy', ROLE_C)]))).toBe(true)
  })

  it('is the target the plan uses', () => {
    const preferences = { defaultRegion: 'eu-central-1' }
    for (const subject of [
      role('prod-admin', [hop('prod-admin', ROLE_A)]),
      federation,
      sso('deploy', [hop('deploy', ROLE_C)]),
    ])
      expect(loginTarget(subject, preferences)).toEqual(planLogin(subject, { now: NOW }, preferences).target)
  })
})
