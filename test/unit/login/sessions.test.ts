// Expiry logic driven by a controllable clock: every decision is a function of the records and `now`.
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_ISSUER_BASE,
  decideRefresh,
  isRefreshDue,
  issuerUrl,
  liveSessionCount,
  mfaNeededForLogin,
  mfaSessionCoversRefresh,
  nextWakeUp,
  parseIssuerUrl,
  tabPlace,
  recordTabUrl,
  refreshAt,
  reloginDestination,
  sessionState,
  type SessionTimes,
} from '../../../src/core/login/sessions'
import { DEVICE, ROLE_A, ROLE_B, federation, hop, role } from './subjects'

const MIN = 60_000
const T0 = Date.parse('2026-03-01T09:00:00Z')

class TestClock {
  constructor(public now = T0) {}
  advance(ms: number) {
    this.now += ms
    return this.now
  }
}

const session = (expiresAt: number, tabs: SessionTimes['tabs'] = {}): SessionTimes => ({
  profile: 'prod-admin',
  expiresAt,
  tabs,
})

describe('session state over time', () => {
  it('is live, then expiring in its last 10 minutes, then expired', () => {
    const clock = new TestClock()
    const s = session(T0 + 60 * MIN)
    expect(sessionState(s, clock.now)).toBe('live')
    expect(sessionState(s, clock.advance(49 * MIN))).toBe('live')
    expect(sessionState(s, clock.advance(1 * MIN))).toBe('expiring')
    expect(sessionState(s, clock.advance(9 * MIN))).toBe('expiring')
    expect(sessionState(s, clock.advance(1 * MIN))).toBe('expired')
  })

  it('counts live and expiring sessions for the badge', () => {
    const sessions = [session(T0 + 60 * MIN), session(T0 + 5 * MIN), session(T0 - MIN)]
    expect(liveSessionCount(sessions, T0)).toBe(2)
    expect(liveSessionCount(sessions, T0 + 30 * MIN)).toBe(1)
  })

  it('refreshes 5 minutes before expiry by default, or as configured', () => {
    const s = session(T0 + 60 * MIN)
    expect(refreshAt(s)).toBe(T0 + 55 * MIN)
    expect(isRefreshDue(s, T0 + 54 * MIN)).toBe(false)
    expect(isRefreshDue(s, T0 + 55 * MIN)).toBe(true)
    expect(isRefreshDue(s, T0 + 50 * MIN, 10 * MIN)).toBe(true)
    expect(isRefreshDue(s, T0 + 60 * MIN)).toBe(false)
  })

  it('wakes up at the next state change or refresh', () => {
    const sessions = [session(T0 + 60 * MIN), session(T0 + 30 * MIN)]
    expect(nextWakeUp(sessions, T0)).toBe(T0 + 20 * MIN)
    expect(nextWakeUp(sessions, T0 + 20 * MIN)).toBe(T0 + 25 * MIN)
    expect(nextWakeUp(sessions, T0 + 25 * MIN)).toBe(T0 + 30 * MIN)
    expect(nextWakeUp(sessions, T0 + 30 * MIN)).toBe(T0 + 50 * MIN)
    expect(nextWakeUp(sessions, T0 + 61 * MIN)).toBeUndefined()
  })
})

describe('refresh decisions', () => {
  const on = { silentRefresh: true, vaultUnlocked: true }
  const s = session(T0 + 60 * MIN)

  it('waits until the refresh time, then refreshes silently when no code is needed', () => {
    expect(decideRefresh(s, T0, undefined, on)).toEqual({ action: 'wait', at: T0 + 55 * MIN })
    expect(decideRefresh(s, T0 + 56 * MIN, undefined, on)).toEqual({ action: 'refresh' })
  })

  it('asks for MFA, pauses when locked or switched off, and reports expiry', () => {
    expect(decideRefresh(s, T0 + 56 * MIN, DEVICE, on)).toEqual({ action: 'needs-mfa', mfaSerial: DEVICE })
    expect(decideRefresh(s, T0 + 56 * MIN, undefined, { ...on, vaultUnlocked: false })).toEqual({
      action: 'paused',
      reason: 'locked',
    })
    expect(decideRefresh(s, T0 + 56 * MIN, undefined, { ...on, silentRefresh: false })).toEqual({
      action: 'paused',
      reason: 'refresh-off',
    })
    expect(decideRefresh(s, T0 + 60 * MIN, undefined, on)).toEqual({ action: 'expired' })
  })

  it('needs a code exactly when the cached MFA session will not cover the login', () => {
    const subject = role('prod-admin', [hop('prod-admin', ROLE_A)])
    const cached = { mfaSerial: DEVICE, expiresAt: T0 + 12 * 60 * MIN }
    const clock = new TestClock()
    expect(mfaNeededForLogin(subject, clock.now, cached)).toBeUndefined()
    expect(mfaNeededForLogin(subject, clock.advance(11 * 60 * MIN), cached)).toBeUndefined()
    expect(mfaNeededForLogin(subject, clock.advance(56 * MIN), cached)).toBe(DEVICE)
    expect(mfaNeededForLogin(subject, T0, undefined)).toBe(DEVICE)
    expect(mfaNeededForLogin(federation, T0, undefined)).toBeUndefined()
    expect(
      mfaNeededForLogin(
        role('ro', [hop('ro', ROLE_B, { mfaSerial: undefined })], { base: { profile: 'bob', iamUserName: 'bob' } }),
        T0,
        undefined,
      ),
    ).toBeUndefined()
    // A longer console session always needs a fresh code.
    expect(mfaNeededForLogin(subject, T0, cached, { consoleSessionSeconds: 8 * 3600 })).toBe(DEVICE)
    expect(mfaSessionCoversRefresh(cached, T0 + 11 * 60 * MIN)).toBe(true)
    expect(mfaSessionCoversRefresh(cached, T0 + 12 * 60 * MIN - 4 * MIN)).toBe(false)
  })
})

describe('tabs and re-login', () => {
  it('remembers each tab’s last console URL and ignores sign-in pages and other sites', () => {
    let s = session(T0 + 60 * MIN, { 7: {} })
    s = recordTabUrl(s, 7, 'https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#Instances:')
    s = recordTabUrl(s, 7, 'https://signin.aws.amazon.com/federation?Action=login&SigninToken=x')
    s = recordTabUrl(s, 7, 'https://example.com/')
    s = recordTabUrl(s, 8, 'https://us-east-1.console.aws.amazon.com/s3/buckets')
    expect(s.tabs).toEqual({
      7: { lastUrl: 'https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#Instances:' },
      8: { lastUrl: 'https://us-east-1.console.aws.amazon.com/s3/buckets' },
    })
    expect(reloginDestination(s, 7, 'home')).toBe(
      'https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#Instances:',
    )
    expect(reloginDestination(s, 9, 'home')).toBe('home')
  })

  it('records console pages under a custom console base', () => {
    const custom = { consoleBase: 'http://127.0.0.1:4000/console' }
    const s = recordTabUrl(session(T0, {}), 1, 'http://127.0.0.1:4000/console/ec2/home?region=eu-west-1', custom)
    expect(s.tabs[1]?.lastUrl).toBe('http://127.0.0.1:4000/console/ec2/home?region=eu-west-1')
  })

  it('makes an Issuer URL Rolecall recognises, naming the profile and carrying the per-login token', () => {
    const url = issuerUrl('prod admin/eu', 'tok-1_x')
    expect(url.startsWith(DEFAULT_ISSUER_BASE)).toBe(true)
    expect(parseIssuerUrl(url)).toEqual({ profile: 'prod admin/eu', token: 'tok-1_x' })
    expect(parseIssuerUrl('https://rolecall.invalid/other?profile=x')).toBeUndefined()
    expect(parseIssuerUrl('https://evil.example/relogin?profile=x')).toBeUndefined()
    expect(parseIssuerUrl('https://rolecall.invalid/relogin')).toBeUndefined()
    // A link without a token still parses (so the gate can refuse it with a reason); its token is empty.
    expect(parseIssuerUrl('https://rolecall.invalid/relogin?profile=x')).toEqual({ profile: 'x', token: '' })
    const custom = 'moz-extension://abc/relogin.html'
    expect(parseIssuerUrl(issuerUrl('p', 't', custom), custom)).toEqual({ profile: 'p', token: 't' })
  })

  it('tells console pages, sign-in hosts in passing and everything else apart', () => {
    expect(tabPlace('https://eu-west-1.console.aws.amazon.com/ec2/home')).toBe('console')
    expect(tabPlace('https://console.amazonaws-us-gov.com/iam')).toBe('console')
    expect(tabPlace('https://signin.aws.amazon.com/federation?Action=login')).toBe('signin')
    expect(tabPlace('https://us-east-1.signin.aws.amazon.com/oauth?Action=logout')).toBe('signin')
    expect(tabPlace('https://signin.aws.amazon.com.evil.example/federation')).toBe('elsewhere')
    expect(tabPlace('https://evil.example/console.aws.amazon.com')).toBe('elsewhere')
    expect(tabPlace('http://console.aws.amazon.com/')).toBe('elsewhere')
    expect(tabPlace('not a url')).toBe('elsewhere')
    const custom = { consoleBase: 'http://127.0.0.1:4000/console', signinEndpoint: 'http://127.0.0.1:4000/federation' }
    expect(tabPlace('http://127.0.0.1:4000/console/s3', custom)).toBe('console')
    expect(tabPlace('http://127.0.0.1:4000/session-expired', custom)).toBe('signin')
    expect(tabPlace('http://127.0.0.1:4001/console/s3', custom)).toBe('elsewhere')
  })
})
