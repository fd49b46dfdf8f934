import { beforeEach, describe, expect, it } from 'vitest'
import { LoginError } from '../../../src/core/aws/errors'
import { createLoginRunner, runLogin, sessionDurationFor } from '../../../src/core/login/run'
import type { LoginRequest } from '../../../src/core/login/ports'
import { BASE_KEYS, FakeAws, MemoryCache, portsFor } from './fake-ports'
import { DEVICE, OTHER_DEVICE, ROLE_A, ROLE_B, ROLE_C, base, federation, hop, role, sso } from './subjects'

const ISSUER = 'https://rolecall.invalid/relogin?profile=x'
const roleA: LoginRequest = { subject: role('prod-admin', [hop('prod-admin', ROLE_A)]), issuer: ISSUER }
const roleB: LoginRequest = { subject: role('dev-read', [hop('dev-read', ROLE_B)]), issuer: ISSUER }

let aws: FakeAws
beforeEach(() => {
  aws = new FakeAws()
  aws.codes.set(DEVICE, '135790')
  aws.codes.set(OTHER_DEVICE, '222222')
})

async function failureOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(LoginError)
  return (error as LoginError).failure
}

describe('role logins', () => {
  it('first role with MFA: 3 calls and one code, then another role on the cached session: 2 calls and no code', async () => {
    const { ports, asked, cache } = portsFor(aws)
    const first = await runLogin(roleA, ports)
    expect(aws.calls.map((c) => c.op)).toEqual(['GetSessionToken', 'AssumeRole', 'getSigninToken'])
    expect(asked).toEqual([DEVICE])
    expect(cache.store.get(DEVICE)?.accessKeyId).toMatch(/^ASIASESSION/)
    expect(first.identityArn).toBe('arn:aws:sts::222222222222:assumed-role/Admin/alice')
    expect(first).toMatchObject({
      accountId: '222222222222',
      sessionName: 'alice',
      region: 'eu-west-1',
      mfaSession: { mfaSerial: DEVICE, reused: false },
    })
    expect(first.expiresAt).toBe(aws.now + 3600_000)
    const url = new URL(first.url)
    expect(url.origin + url.pathname).toBe('https://signin.aws.amazon.com/federation')
    expect(url.searchParams.get('Issuer')).toBe(ISSUER)
    expect(url.searchParams.get('Destination')).toBe(
      'https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1',
    )
    expect(url.searchParams.get('SigninToken')).toBe(`signin-token-for-${first.credentials.accessKeyId}`)
    expect(first.trace.map((t) => [t.call, t.outcome])).toEqual([
      ['GetSessionToken', 'ok'],
      ['AssumeRole', 'ok'],
      ['getSigninToken', 'ok'],
    ])
    expect(JSON.stringify(first.trace)).not.toMatch(/secret|token-ASIA|135790/)

    aws.calls = []
    const second = await runLogin(roleB, ports)
    expect(aws.calls.map((c) => c.op)).toEqual(['AssumeRole', 'getSigninToken'])
    expect(asked).toEqual([DEVICE])
    expect(second.mfaSession).toMatchObject({ mfaSerial: DEVICE, reused: true })
    expect(second.identityArn).toBe('arn:aws:sts::333333333333:assumed-role/ReadOnly/alice')
  })

  it('each extra chain hop adds one AssumeRole made with the previous role', async () => {
    const { ports } = portsFor(aws)
    await runLogin(
      {
        subject: role('deploy', [hop('dev-read', ROLE_B), hop('deploy', ROLE_C, { durationSeconds: 7200 })]),
        issuer: ISSUER,
      },
      ports,
    )
    expect(aws.calls.map((c) => c.op)).toEqual(['GetSessionToken', 'AssumeRole', 'AssumeRole', 'getSigninToken'])
    expect(aws.calls[2]!.params).toMatchObject({ roleArn: ROLE_C, durationSeconds: 3600 })
    expect(aws.calls[2]!.params).not.toHaveProperty('tokenCode')
  })

  it('a wrong code asks for a new one at once and caches nothing; the retry works', async () => {
    const { ports, cache } = portsFor(aws, new MemoryCache(), () => '999999')
    const failure = await failureOf(runLogin(roleA, ports))
    expect(failure).toMatchObject({ code: 'mfa-code-rejected', needsNewMfaCode: true, retryable: true })
    expect(failure.message).toMatch(/mistyped, or already used/)
    expect(cache.store.size).toBe(0)
    const retry = portsFor(aws, cache)
    await runLogin(roleA, retry.ports)
    expect(retry.asked).toEqual([DEVICE])
  })

  it('a reused code gets the same plain answer', async () => {
    const { ports } = portsFor(aws)
    await runLogin({ ...roleA, preferences: { consoleSessionSeconds: 7200 } }, ports)
    const failure = await failureOf(runLogin({ ...roleB, preferences: { consoleSessionSeconds: 7200 } }, ports))
    expect(failure).toMatchObject({ code: 'mfa-code-rejected', needsNewMfaCode: true })
  })

  it('checks the code has 6 digits before calling AWS', async () => {
    const { ports } = portsFor(aws, new MemoryCache(), () => '12 34')
    expect(await failureOf(runLogin(roleA, ports))).toMatchObject({ code: 'mfa-code-rejected', needsNewMfaCode: true })
    expect(aws.count()).toBe(0)
  })

  it('keeps the MFA session when a later hop fails, so the next login needs no code', async () => {
    const { ports, asked, cache } = portsFor(aws)
    aws.failNext.set('AssumeRole', {
      code: 'AccessDenied',
      message:
        'User: arn:aws:sts::111111111111:... is not authorized to perform: sts:AssumeRole on resource: ' + ROLE_A,
    })
    const failure = await failureOf(runLogin(roleA, ports))
    expect(failure.code).toBe('role-trust-denied')
    expect(failure.message).toContain(ROLE_A)
    expect(failure.message).toContain('"prod-admin"')
    expect(failure.message).not.toContain(BASE_KEYS.secretAccessKey)
    expect(cache.store.has(DEVICE)).toBe(true)
    await runLogin(roleB, ports)
    expect(asked).toEqual([DEVICE])
  })

  it('does not use a cached session about to expire', async () => {
    const { ports, asked } = portsFor(aws)
    await runLogin(roleA, ports)
    aws.now += 12 * 3600_000 - 4 * 60_000
    aws.codes.set(DEVICE, '333333')
    await runLogin(roleB, ports)
    expect(asked).toEqual([DEVICE, DEVICE])
    expect(aws.count('GetSessionToken')).toBe(2)
  })

  it('replaces a cached session AWS no longer accepts, with one new code', async () => {
    const cache = new MemoryCache()
    cache.store.set(DEVICE, {
      accessKeyId: 'ASIAREVOKED',
      secretAccessKey: 's',
      sessionToken: 't',
      expiration: new Date(aws.now + 6 * 3600_000),
    })
    const { ports, asked } = portsFor(aws, cache)
    const result = await runLogin(roleA, ports)
    expect(aws.calls.map((c) => c.op)).toEqual(['AssumeRole', 'GetSessionToken', 'AssumeRole', 'getSigninToken'])
    expect(asked).toEqual([DEVICE])
    expect(cache.store.get(DEVICE)?.accessKeyId).not.toBe('ASIAREVOKED')
    expect(result.mfaSession?.reused).toBe(false)
  })

  it('a longer console session: AssumeRole with base keys, a fresh code and SessionDuration below the credentials’ life', async () => {
    const { ports, asked, cache } = portsFor(aws)
    const result = await runLogin({ ...roleA, preferences: { consoleSessionSeconds: 8 * 3600 } }, ports)
    expect(aws.calls.map((c) => c.op)).toEqual(['AssumeRole', 'getSigninToken'])
    expect(aws.calls[0]!.params).toMatchObject({ serialNumber: DEVICE, tokenCode: '135790', durationSeconds: 8 * 3600 })
    expect(aws.calls[1]!.params).toEqual({ sessionDuration: 8 * 3600 - 60 })
    expect(result.expiresAt).toBe(aws.now + (8 * 3600 - 60) * 1000)
    expect(asked).toEqual([DEVICE])
    expect(cache.store.size).toBe(0)
  })

  it('learns the IAM user name once when the key metadata lacks it', async () => {
    const { ports } = portsFor(aws)
    const result = await runLogin(
      {
        ...roleA,
        subject: role('prod-admin', [hop('prod-admin', ROLE_A)], { base: { profile: 'alice', mfaSerial: DEVICE } }),
      },
      ports,
    )
    expect(aws.calls[0]!.op).toBe('GetCallerIdentity')
    expect(result.learned).toEqual({
      iamUserName: 'alice',
      userArn: 'arn:aws:iam::111111111111:user/team/alice',
      accountId: '111111111111',
    })
    expect(result.sessionName).toBe('alice')
  })

  it('a cancelled MFA prompt ends the login without any AWS call', async () => {
    const { ports } = portsFor(aws, new MemoryCache(), () => Promise.reject(new Error('cancelled')))
    await expect(runLogin(roleA, ports)).rejects.toThrow('cancelled')
    expect(aws.count()).toBe(0)
  })

  it('builds a logout-then-login URL and keeps a full console destination', async () => {
    const { ports } = portsFor(aws)
    const deep = 'https://us-east-2.console.aws.amazon.com/lambda/home?region=us-east-2#/functions'
    const result = await runLogin({ ...roleA, destination: deep, switchIdentity: true }, ports)
    const url = new URL(result.url)
    expect(url.host).toBe('us-east-1.signin.aws.amazon.com')
    expect(url.searchParams.get('Action')).toBe('logout')
    expect(new URL(url.searchParams.get('redirect_uri')!).searchParams.get('Destination')).toBe(deep)
    expect(result.destination).toBe(deep)
  })
})

describe('concurrent logins on one device', () => {
  it('share one code and one GetSessionToken', async () => {
    let release!: (code: string) => void
    const code = new Promise<string>((resolve) => (release = resolve))
    const { ports, asked } = portsFor(aws, new MemoryCache(), () => code)
    const runner = createLoginRunner(ports)
    const both = Promise.all([
      runner.login(roleA),
      runner.login(roleB),
      runner.login({ subject: role('c', [hop('c', ROLE_C)]), issuer: ISSUER }),
    ])
    await new Promise((resolve) => setTimeout(resolve, 10))
    release('135790')
    const results = await both
    expect(asked).toEqual([DEVICE])
    expect(aws.count('GetSessionToken')).toBe(1)
    expect(aws.count('AssumeRole')).toBe(3)
    expect(results.map((r) => r.mfaSession?.reused)).toEqual([false, true, true])
  })
})

describe('federation logins', () => {
  it('GetFederationToken with the user name and getSigninToken without SessionDuration: 2 calls', async () => {
    const { ports, asked } = portsFor(aws)
    const result = await runLogin(
      { subject: federation, issuer: ISSUER, preferences: { consoleSessionSeconds: 4 * 3600 } },
      ports,
    )
    expect(aws.calls.map((c) => c.op)).toEqual(['GetFederationToken', 'getSigninToken'])
    expect(aws.calls[0]!.params).toMatchObject({ name: 'alice', durationSeconds: 4 * 3600 })
    expect(aws.calls[1]!.params).toEqual({ sessionDuration: undefined })
    expect(asked).toEqual([])
    expect(result.identityArn).toBe('arn:aws:sts::111111111111:federated-user/alice')
    expect(result.expiresAt).toBe(aws.now + 4 * 3600_000)
  })

  it('explains a GetFederationToken denied by an MFA policy', async () => {
    aws.failNext.set('GetFederationToken', {
      code: 'AccessDenied',
      message:
        'User: arn:aws:iam::111111111111:user/alice is not authorized to perform: sts:GetFederationToken with an explicit deny',
    })
    const failure = await failureOf(runLogin({ subject: federation, issuer: ISSUER }, portsFor(aws).ports))
    expect(failure.code).toBe('federation-needs-mfa')
    expect(failure.message).toMatch(/source_profile = alice/)
  })
})

describe('sessionDurationFor', () => {
  const creds = (msLeft: number) => ({
    accessKeyId: 'a',
    secretAccessKey: 'b',
    sessionToken: 'c',
    expiration: new Date(1_000_000 + msLeft),
  })
  it('stays below the remaining lifetime and omits what is too short', () => {
    expect(sessionDurationFor(7200, creds(3 * 3600_000), 1_000_000)).toBe(7200)
    expect(sessionDurationFor(7200, creds(7200_000), 1_000_000)).toBe(7140)
    expect(sessionDurationFor(7200, creds(900_000), 1_000_000)).toBeUndefined()
  })
})

void base

describe('Identity Center logins', () => {
  it('the portal role itself: exactly GetRoleCredentials and getSigninToken, no key and no code', async () => {
    const { ports, asked } = portsFor(aws)
    ports.baseKeys = () => Promise.reject(new Error('an SSO login must not read base keys'))
    const result = await runLogin({ subject: sso('corp-admin'), issuer: ISSUER }, ports)
    expect(aws.calls.map((c) => c.op)).toEqual(['GetRoleCredentials', 'getSigninToken'])
    expect(aws.calls[1]!.params).toEqual({ sessionDuration: undefined })
    expect(asked).toEqual([])
    expect(result).toMatchObject({ accountId: '555555555555', region: 'eu-west-1' })
    expect(result.expiresAt).toBe(aws.now + 3600_000)
    expect(new URL(result.url).searchParams.get('SigninToken')).toBe(
      `signin-token-for-${result.credentials.accessKeyId}`,
    )
  })

  it('a role chained from an SSO profile: GetRoleCredentials, then AssumeRole with those credentials', async () => {
    const { ports } = portsFor(aws)
    const subject = sso('deploy', [hop('deploy', ROLE_C, { mfaSerial: undefined, durationSeconds: 7200 })])
    const result = await runLogin({ subject, issuer: ISSUER }, ports)
    expect(aws.calls.map((c) => c.op)).toEqual(['GetRoleCredentials', 'AssumeRole', 'getSigninToken'])
    // Chained from temporary credentials: AWS's 1-hour cap, applied before the call rather than refused by it.
    expect(aws.calls[1]!.params).toMatchObject({ roleArn: ROLE_C, durationSeconds: 3600 })
    expect(result.identityArn).toMatch(/^arn:aws:sts::444444444444:assumed-role\/Deploy\//)
    expect(result.plan.notes.join(' ')).toMatch(/lowered to 3600/)
  })
})
