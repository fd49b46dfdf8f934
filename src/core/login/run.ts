// Executes a login plan through the ports: one MFA code per device per cache lifetime, the MFA session cached
// as soon as it exists (a later failing hop keeps it), and every AWS failure turned into a LoginError whose
// message says what happened and what to do.
import { describeFailure, type FailureContext } from '../aws/error-messages'
import { AwsCallError, LoginError } from '../aws/errors'
import { consoleDestination, loginUrl, logoutThenLoginUrl } from '../aws/federation'
import type { StsTarget } from '../aws/sts'
import { defaultRoleSessionName, federationName, iamUserNameFromArn } from './names'
import {
  isCachedSessionUsable,
  mfaSessionDeviceOf,
  mfaSessionSeconds,
  planLogin,
  type Caller,
  type NameSource,
  type PlanStep,
} from './plan'
import type { AwsCredentials, LoginPorts, LoginRequest, LoginResult, TemporaryCredentials, TraceEntry } from './ports'

/** MFA sessions being fetched right now, by device: concurrent logins on one device share one code and call. */
export type InFlightMfaSessions = Map<string, Promise<TemporaryCredentials>>

/** A runner keeps the in-flight map for the background's lifetime; one-off logins may call runLogin. */
export function createLoginRunner(ports: LoginPorts): { login(request: LoginRequest): Promise<LoginResult> } {
  const inFlight: InFlightMfaSessions = new Map()
  return { login: (request) => runLogin(request, ports, inFlight) }
}

/** Seconds kept between a SessionDuration and the credentials' remaining life (§1.2: equal values fail). */
const SESSION_DURATION_SLACK_SECONDS = 60

export async function runLogin(
  request: LoginRequest,
  ports: LoginPorts,
  inFlight: InFlightMfaSessions = new Map(),
): Promise<LoginResult> {
  const { subject } = request
  const preferences = request.preferences ?? {}
  const device = mfaSessionDeviceOf(subject)
  let cachedSession = device ? await ports.cache.get(device) : undefined
  const plan = planLogin(
    subject,
    {
      now: ports.clock.now(),
      ...(device && cachedSession
        ? { cached: { mfaSerial: device, expiresAt: cachedSession.expiration.getTime() } }
        : {}),
    },
    preferences,
  )
  const at: StsTarget = { region: plan.target.region, endpoint: plan.target.stsEndpoint }
  const trace: TraceEntry[] = []
  const asked = new Set<string>()
  let baseKeys: AwsCredentials | undefined
  const base = subject.kind === 'sso' ? undefined : subject.base
  let iamUserName = base?.iamUserName
  let learned: LoginResult['learned']
  let mfaSession: LoginResult['mfaSession']
  let current: TemporaryCredentials | undefined
  let identityArn = ''
  let sessionName: string
  let signinDuration: number | undefined

  const keys = async () => {
    if (!base) throw new Error('Internal error: an Identity Center login has no base keys.')
    return (baseKeys ??= await ports.baseKeys(base.profile))
  }
  const baseContext: FailureContext = {
    profile: subject.profile,
    baseProfile: base?.profile ?? subject.profile,
    region: plan.target.region,
  }

  async function askCode(serial: string): Promise<string> {
    if (asked.has(serial)) throw new Error(`Internal error: a second MFA code for ${serial} in one login.`)
    asked.add(serial)
    const code = (await ports.mfaCode(serial, { profile: subject.profile })).trim()
    if (!/^\d{6}$/.test(code)) {
      throw new LoginError({
        code: 'mfa-code-rejected',
        retryable: true,
        needsNewMfaCode: true,
        message: 'An MFA code is the 6 digits your authenticator app shows. Enter the current code.',
      })
    }
    return code
  }

  async function call<T>(entry: TraceEntry, context: FailureContext, run: () => Promise<T>): Promise<T> {
    try {
      const value = await run()
      trace.push(entry)
      return value
    } catch (error) {
      trace.push({ ...entry, outcome: 'failed' })
      if (error instanceof AwsCallError)
        throw new LoginError(describeFailure(error.facts, { ...baseContext, ...context }))
      throw error
    }
  }

  /** A new MFA session for the device, or the one a concurrent login is getting (same code, one call). */
  async function newMfaSession(serial: string, durationSeconds: number): Promise<TemporaryCredentials> {
    const pending = inFlight.get(serial)
    if (pending) return reuse(serial, await pending, 'shared')
    let fromCache: TemporaryCredentials | undefined
    // Registered before the first await, so a login starting a moment later finds it and waits.
    const fetching = (async () => {
      // Another login may have finished getting one since this login read the cache.
      const cached = await ports.cache.get(serial)
      if (
        cached &&
        isCachedSessionUsable(
          { mfaSerial: serial, expiresAt: cached.expiration.getTime() },
          ports.clock.now(),
          preferences,
        )
      ) {
        return (fromCache = cached)
      }
      const tokenCode = await askCode(serial)
      const caller = await keys()
      const session = await call(
        { call: 'GetSessionToken', outcome: 'ok', mfaSerial: serial, durationSeconds },
        { mfaSerial: serial, caller: 'base-keys' },
        () => ports.sts.getSessionToken(at, caller, { durationSeconds, serialNumber: serial, tokenCode }),
      )
      // Cached before anything else happens: a failing hop later must not cost the user another code.
      await ports.cache.put(serial, session)
      return session
    })()
    inFlight.set(serial, fetching)
    try {
      const session = await fetching
      if (fromCache) return reuse(serial, session, 'cached')
      mfaSession = { mfaSerial: serial, expiresAt: session.expiration.getTime(), reused: false }
      return session
    } finally {
      inFlight.delete(serial)
    }
  }

  function reuse(serial: string, session: TemporaryCredentials, outcome: 'shared' | 'cached'): TemporaryCredentials {
    trace.push({ call: 'UseCachedMfaSession', outcome, mfaSerial: serial })
    mfaSession = { mfaSerial: serial, expiresAt: session.expiration.getTime(), reused: true }
    return session
  }

  const nameOf = (source: NameSource, make: (user: string | undefined) => string) =>
    source.from === 'config' ? source.value : make(iamUserName)

  async function assumeRole(
    step: Extract<PlanStep, { call: 'AssumeRole' }>,
    caller: AwsCredentials,
    tokenCode: string | undefined,
  ) {
    const roleSessionName = nameOf(step.sessionName, defaultRoleSessionName)
    const entry: TraceEntry = {
      call: 'AssumeRole',
      outcome: 'ok',
      profile: step.profile,
      roleArn: step.roleArn,
      ...(step.mfaSerial ? { mfaSerial: step.mfaSerial } : {}),
      ...(step.durationSeconds ? { durationSeconds: step.durationSeconds } : {}),
    }
    const context: FailureContext = {
      hopProfile: step.profile,
      roleArn: step.roleArn,
      caller: step.caller,
      ...(step.mfaSerial ? { mfaSerial: step.mfaSerial } : {}),
    }
    return call(entry, context, () =>
      ports.sts.assumeRole(at, caller, {
        roleArn: step.roleArn,
        roleSessionName,
        ...(step.externalId ? { externalId: step.externalId } : {}),
        ...(step.durationSeconds ? { durationSeconds: step.durationSeconds } : {}),
        ...(step.mfaSerial && tokenCode ? { serialNumber: step.mfaSerial, tokenCode } : {}),
        ...(step.sourceIdentity ? { sourceIdentity: step.sourceIdentity } : {}),
        ...(step.tags ? { tags: step.tags } : {}),
        ...(step.transitiveTagKeys ? { transitiveTagKeys: step.transitiveTagKeys } : {}),
      }),
    )
  }

  for (const step of plan.steps) {
    switch (step.call) {
      case 'GetCallerIdentity': {
        const caller = await keys()
        const identity = await call({ call: 'GetCallerIdentity', outcome: 'ok' }, { caller: 'base-keys' }, () =>
          ports.sts.getCallerIdentity(at, caller),
        )
        iamUserName = iamUserNameFromArn(identity.arn)
        learned = { ...(iamUserName ? { iamUserName } : {}), userArn: identity.arn, accountId: identity.account }
        break
      }
      case 'UseCachedMfaSession':
        if (!cachedSession) throw new Error('Internal error: the plan uses a cached MFA session that is not there.')
        current = cachedSession
        trace.push({ call: 'UseCachedMfaSession', outcome: 'cached', mfaSerial: step.mfaSerial })
        mfaSession = { mfaSerial: step.mfaSerial, expiresAt: step.expiresAt, reused: true }
        break
      case 'GetSessionToken':
        current = await newMfaSession(step.mfaSerial, step.durationSeconds)
        break
      case 'AssumeRole': {
        const tokenCode = step.mfaSerial ? await askCode(step.mfaSerial) : undefined
        const caller = step.caller === 'base-keys' ? await keys() : current
        if (!caller) throw new Error('Internal error: no credentials for an AssumeRole of the plan.')
        let assumed
        try {
          assumed = await assumeRole(step, caller, tokenCode)
        } catch (error) {
          // A cached MFA session AWS no longer accepts (revoked, key rotated): drop it and get a new one, once.
          const usedCache = step.caller === 'mfa-session' && current === cachedSession && device !== undefined
          if (
            !usedCache ||
            !(error instanceof LoginError) ||
            error.failure.code !== 'expired-credentials' ||
            asked.has(device)
          )
            throw error
          await ports.cache.delete(device)
          cachedSession = undefined
          current = await newMfaSession(device, mfaSessionSeconds(preferences))
          assumed = await assumeRole(step, current, tokenCode)
        }
        current = assumed.credentials
        identityArn = assumed.assumedRoleArn
        break
      }
      case 'GetRoleCredentials': {
        if (subject.kind !== 'sso' || !ports.sso) throw new Error('Internal error: no Identity Center for this login.')
        const sso = ports.sso
        const role = subject.sso
        // The port's errors already say what to do (sign in to Identity Center again, no such assignment).
        current = await sso.roleCredentials(role)
        trace.push({ call: 'GetRoleCredentials', outcome: 'ok', roleArn: `${role.accountId}:${role.roleName}` })
        identityArn = `arn:${plan.target.partition}:sts::${role.accountId}:assumed-role/${role.roleName}/${subject.profile}`
        break
      }
      case 'GetFederationToken': {
        const caller = await keys()
        const name = nameOf(step.name, federationName)
        const federated = await call(
          { call: 'GetFederationToken', outcome: 'ok', durationSeconds: step.durationSeconds },
          { caller: 'base-keys' },
          () =>
            ports.sts.getFederationToken(at, caller, {
              name,
              policy: step.policy,
              durationSeconds: step.durationSeconds,
            }),
        )
        current = federated.credentials
        identityArn = federated.federatedUserArn
        break
      }
      case 'getSigninToken': {
        if (!current) throw new Error('Internal error: no credentials to sign in with.')
        signinDuration = step.sessionDuration
          ? sessionDurationFor(step.sessionDuration, current, ports.clock.now())
          : undefined
        const credentials = current
        const signinToken = await call(
          { call: 'getSigninToken', outcome: 'ok', ...(signinDuration ? { sessionDuration: signinDuration } : {}) },
          signinDuration ? { sessionDuration: signinDuration } : {},
          () =>
            ports.signin.getSigninToken(credentials, {
              endpoint: plan.target.federationEndpoint,
              ...(signinDuration ? { sessionDuration: signinDuration } : {}),
            }),
        )
        const destination = consoleDestination(
          plan.target.region,
          plan.target.partition,
          preferences.endpoints,
          request.destination,
        )
        const parts = { endpoint: plan.target.federationEndpoint, issuer: request.issuer, destination, signinToken }
        sessionName = identityArn.split('/').at(-1) ?? ''
        const expiresAt = signinDuration
          ? Math.min(credentials.expiration.getTime(), ports.clock.now() + signinDuration * 1000)
          : credentials.expiration.getTime()
        return {
          profile: subject.profile,
          url: request.switchIdentity ? logoutThenLoginUrl(parts) : loginUrl(parts),
          credentials,
          expiresAt,
          identityArn,
          accountId: /^arn:[\w-]+:sts::(\d{12}):/.exec(identityArn)?.[1] ?? '',
          sessionName,
          region: plan.target.region,
          destination,
          plan,
          trace,
          ...(learned ? { learned } : {}),
          ...(mfaSession ? { mfaSession } : {}),
        }
      }
    }
  }
  throw new Error('Internal error: a login plan must end with getSigninToken.')
}

/** The asked console length, kept below the credentials' remaining life; undefined when too short to ask. */
export function sessionDurationFor(asked: number, credentials: TemporaryCredentials, now: number): number | undefined {
  const remaining = Math.floor((credentials.expiration.getTime() - now) / 1000) - SESSION_DURATION_SLACK_SECONDS
  const seconds = Math.min(asked, remaining, 43_200)
  return seconds >= 900 ? seconds : undefined
}

export type { Caller }
