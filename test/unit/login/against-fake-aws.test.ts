// Real plans end to end: the demo config through the config module, the real SDK and fetch adapters, against
// the local AWS stand-in (SigV4-verifying STS, TOTP devices, federation, console). Its counters must show
// exactly the calls DESIGN.md promises.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseAwsConfig, resolveProfile } from '../../../src/core/config'
import { classifyProfile } from '../../../src/core/config/import/classify'
import { LoginError } from '../../../src/core/aws/errors'
import { createFetchSignin } from '../../../src/core/aws/federation'
import { createSdkSts } from '../../../src/core/aws/sts'
import { subjectFromAccess } from '../../../src/core/login/adapt'
import type { LoginPorts, LoginRequest } from '../../../src/core/login/ports'
import { createLoginRunner, runLogin } from '../../../src/core/login/run'
import {
  decideRefresh,
  issuerUrl,
  mfaNeededForLogin,
  recordTabUrl,
  reloginDestination,
  type SessionTimes,
} from '../../../src/core/login/sessions'
import type { LoginPreferences } from '../../../src/core/login/subject'
import {
  DEMO_ACCESS_KEY_ID,
  DEMO_AWS_CONFIG,
  DEMO_EXTERNAL_ID,
  DEMO_MFA_SERIAL,
  DEMO_SECRET_ACCESS_KEY,
  DEMO_USER_NAME,
} from '../../fake-aws/demo-org'
import { manualClock, startFakeAws, type FakeAws } from '../../fake-aws/index'
import { MemoryCache } from './fake-ports'

let fake: FakeAws
let preferences: LoginPreferences
const config = parseAwsConfig(DEMO_AWS_CONFIG)
const sts = createSdkSts({ timeoutMs: 5000 })

let cache: MemoryCache
let asked: string[]
let iamUserName: string | undefined
// A fresh stand-in per test: each TOTP code works once, and a device shows only two usable codes per
// 30 seconds (current and next), so tests must not share spent codes.
beforeEach(async () => {
  fake = await startFakeAws()
  preferences = {
    endpoints: { stsEndpoint: fake.stsEndpoint, signinEndpoint: fake.signinEndpoint, consoleBase: fake.consoleBase },
  }
  cache = new MemoryCache()
  asked = []
  iamUserName = undefined
})
afterEach(() => fake.close())

function ports(
  code: (serial: string) => Promise<string> = (serial) => fake.unusedTotp(serial),
  now = () => Date.now(),
): LoginPorts {
  return {
    sts,
    signin: createFetchSignin(),
    cache,
    clock: { now },
    baseKeys: async (profile) => {
      expect(profile).toBe('identity')
      return { accessKeyId: DEMO_ACCESS_KEY_ID, secretAccessKey: DEMO_SECRET_ACCESS_KEY }
    },
    mfaCode: async (serial) => {
      asked.push(serial)
      return code(serial)
    },
  }
}

function request(profile: string, extra: Partial<LoginRequest> = {}): LoginRequest {
  // What the background does: classify the profile, then add the resolved facts the classification leaves out.
  const access = classifyProfile(config, profile)
  const resolved = resolveProfile(config, profile)
  const baseMfaSerial =
    access.kind === 'unusable' || access.kind === 'sso'
      ? undefined
      : resolveProfile(config, access.baseProfile).mfaSerial
  const subject = subjectFromAccess(access, {
    profile,
    ...(resolved.region ? { region: resolved.region } : {}),
    ...(resolved.mfaSerial ? { mfaSerial: resolved.mfaSerial } : {}),
    ...(baseMfaSerial ? { baseMfaSerial } : {}),
    ...(iamUserName ? { iamUserName } : {}),
  })
  if (!subject) throw new Error(`demo profile ${profile} is unusable`)
  return { subject, issuer: issuerUrl(profile, 'token'), preferences, ...extra }
}

const counted = () => Object.fromEntries(Object.entries(fake.counts()).filter(([, n]) => n > 0))

/** Follows the login URL like a browser's first hop: the stand-in must accept it and send us to the console. */
async function followLogin(url: string): Promise<string> {
  const response = await fetch(url, { redirect: 'manual' })
  expect(response.status).toBe(302)
  return response.headers.get('location') ?? ''
}

describe('logins against the AWS stand-in', () => {
  it('first role with MFA = GetSessionToken, AssumeRole, getSigninToken (+ the one-time GetCallerIdentity); the next role = 2', async () => {
    const runner = createLoginRunner(ports())
    const dev = await runner.login(request('dev'))
    expect(counted()).toEqual({ GetCallerIdentity: 1, GetSessionToken: 1, AssumeRole: 1, getSigninToken: 1 })
    expect(asked).toEqual([DEMO_MFA_SERIAL])
    expect(dev.learned).toMatchObject({ iamUserName: DEMO_USER_NAME, accountId: '111111111111' })
    expect(dev.identityArn).toBe(`arn:aws:sts::222222222222:assumed-role/Developer/${DEMO_USER_NAME}`)
    expect(await followLogin(dev.url)).toBe(fake.consoleUrl('eu-west-1'))
    iamUserName = dev.learned?.iamUserName

    fake.resetCounts()
    const staging = await runner.login(request('staging'))
    expect(counted()).toEqual({ AssumeRole: 1, getSigninToken: 1 })
    expect(asked).toEqual([DEMO_MFA_SERIAL])
    expect(staging.identityArn).toBe(`arn:aws:sts::333333333333:assumed-role/Developer/${DEMO_USER_NAME}`)
    expect(await followLogin(staging.url)).toBe(fake.consoleUrl('eu-central-1'))

    // The console credentials are what they claim to be.
    const identity = await sts.getCallerIdentity(
      { region: 'eu-central-1', endpoint: fake.stsEndpoint },
      staging.credentials,
    )
    expect(identity.arn).toBe(staging.identityArn)
  })

  it('a chained role adds one AssumeRole; external_id is passed', async () => {
    iamUserName = DEMO_USER_NAME
    const login = createLoginRunner(ports())
    const data = await login.login(request('data'))
    expect(counted()).toEqual({ GetSessionToken: 1, AssumeRole: 2, getSigninToken: 1 })
    expect(data.identityArn).toBe(`arn:aws:sts::666666666666:assumed-role/DataEngineer/${DEMO_USER_NAME}`)
    expect(await followLogin(data.url)).toBe(fake.consoleUrl('us-west-2'))

    fake.resetCounts()
    expect(resolveProfile(config, 'security').externalId).toBe(DEMO_EXTERNAL_ID)
    const security = await login.login(request('security'))
    expect(counted()).toEqual({ AssumeRole: 1, getSigninToken: 1 })
    expect(security.accountId).toBe('555555555555')
    expect(asked).toEqual([DEMO_MFA_SERIAL])
  })

  it('a profile without a role = GetFederationToken + getSigninToken', async () => {
    iamUserName = DEMO_USER_NAME
    const identity = await runLogin(request('identity'), ports())
    expect(counted()).toEqual({ GetFederationToken: 1, getSigninToken: 1 })
    expect(asked).toEqual([])
    expect(identity.identityArn).toBe(`arn:aws:sts::111111111111:federated-user/${DEMO_USER_NAME}`)
    expect(await followLogin(identity.url)).toBe(fake.consoleUrl('eu-west-1'))
  })

  it('a wrong code asks again at once; the retry with a good code works', async () => {
    iamUserName = DEMO_USER_NAME
    const error = await runLogin(
      request('prod'),
      ports(async () => '000000'),
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(LoginError)
    expect((error as LoginError).failure).toMatchObject({ code: 'mfa-code-rejected', needsNewMfaCode: true })
    expect(cache.store.size).toBe(0)
    const prod = await runLogin(request('prod'), ports())
    expect(prod.accountId).toBe('444444444444')
    expect(fake.counts()).toMatchObject({ GetSessionToken: 2, AssumeRole: 1, getSigninToken: 1 })
  })

  it('a longer console session: AssumeRole with base keys and MFA, SessionDuration accepted by the sign-in', async () => {
    iamUserName = DEMO_USER_NAME
    const started = Date.now()
    const dev = await runLogin(
      request('dev', { preferences: { ...preferences, consoleSessionSeconds: 8 * 3600 } }),
      ports(),
    )
    expect(counted()).toEqual({ AssumeRole: 1, getSigninToken: 1 })
    expect(asked).toEqual([DEMO_MFA_SERIAL])
    expect(dev.expiresAt).toBeGreaterThan(started + 7 * 3600_000)
    expect(await followLogin(dev.url)).toBe(fake.consoleUrl('eu-west-1'))
  })

  it('a role whose maximum is shorter than the asked console session says so', async () => {
    iamUserName = DEMO_USER_NAME
    const error = await runLogin(
      request('prod', { preferences: { ...preferences, consoleSessionSeconds: 8 * 3600 } }),
      ports(),
    ).catch((e: unknown) => e)
    expect((error as LoginError).failure.code).toBe('duration-too-long')
    expect((error as LoginError).failure.message).toMatch(/shorter console session/)
  })

  it('switching identity: the logout-then-login URL leads through the stand-in to the console', async () => {
    iamUserName = DEMO_USER_NAME
    const staging = await runLogin(request('staging', { switchIdentity: true, destination: 'ec2/home' }), ports())
    const logout = await fetch(staging.url, { redirect: 'manual' })
    expect([302, 303]).toContain(logout.status)
    expect(await followLogin(logout.headers.get('location') ?? '')).toBe(fake.consoleUrl('eu-central-1', '/ec2/home'))
  })
})

describe('expiry and re-login against the stand-in (time scale: an hour lasts 3.6 s)', () => {
  it('refreshes silently onto the tab’s last page while the MFA session lives, and needs a code after', async () => {
    await fake.close()
    const clock = manualClock(Date.now())
    fake = await startFakeAws({ timeScale: 0.001, now: clock.now })
    // Margins scale with the stand-in's time: 1 s here stands for AWS's minutes.
    const prefs: LoginPreferences = {
      endpoints: { stsEndpoint: fake.stsEndpoint, signinEndpoint: fake.signinEndpoint, consoleBase: fake.consoleBase },
      refreshMarginSeconds: 1,
    }
    const settings = { silentRefresh: true, vaultUnlocked: true, refreshBeforeMs: 1000 }
    iamUserName = DEMO_USER_NAME
    const login = createLoginRunner(ports((serial) => fake.unusedTotp(serial), clock.now))
    const dev = request('dev', { preferences: prefs })
    const first = await login.login(dev)
    expect(first.expiresAt - clock.now()).toBeLessThanOrEqual(3600)

    const deepPage = fake.consoleUrl('eu-west-1', '/ec2/home') + '#Instances:sort=desc'
    let session: SessionTimes = { profile: 'dev', expiresAt: first.expiresAt, tabs: { 7: {} } }
    session = recordTabUrl(session, 7, deepPage, prefs.endpoints)
    const cachedInfo = () => {
      const cached = cache.store.get(DEMO_MFA_SERIAL)
      return cached ? { mfaSerial: DEMO_MFA_SERIAL, expiresAt: cached.expiration.getTime() } : undefined
    }

    clock.advance(first.expiresAt - clock.now() - 500)
    expect(
      decideRefresh(session, clock.now(), mfaNeededForLogin(dev.subject, clock.now(), cachedInfo(), prefs), settings),
    ).toEqual({ action: 'refresh' })
    fake.resetCounts()
    const again = await login.login({ ...dev, destination: reloginDestination(session, 7, 'console/home') })
    expect(counted()).toEqual({ AssumeRole: 1, getSigninToken: 1 })
    expect(asked).toEqual([DEMO_MFA_SERIAL])
    expect(await followLogin(again.url)).toBe(deepPage)

    // Past the MFA session (12 h → 43.2 s) the console has expired too; signing in again through the Issuer
    // link needs one code and returns the tab to its page.
    session = { ...session, expiresAt: again.expiresAt }
    clock.advance(44_000)
    expect(decideRefresh(session, clock.now(), undefined, settings)).toEqual({ action: 'expired' })
    expect(mfaNeededForLogin(dev.subject, clock.now(), cachedInfo(), prefs)).toBe(DEMO_MFA_SERIAL)
    fake.resetCounts()
    const restored = await login.login({ ...dev, destination: reloginDestination(session, 7, 'console/home') })
    expect(counted()).toEqual({ GetSessionToken: 1, AssumeRole: 1, getSigninToken: 1 })
    expect(asked).toEqual([DEMO_MFA_SERIAL, DEMO_MFA_SERIAL])
    expect(await followLogin(restored.url)).toBe(deepPage)
  })
})
