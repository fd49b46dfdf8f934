// The calls a login makes, decided before any is made (DESIGN.md "Login semantics",
// docs/aws-protocol.md §1.2, §2.2, §5).
// Pure: the same subject, cache state, preferences and time give the same plan, so tests can check every rule.
import { resolveTarget, type AwsTarget } from '../aws/partition'
import { validRoleSessionName } from './names'
import {
  CHAINED_MAX_SECONDS,
  DEFAULT_FEDERATION_SECONDS,
  DEFAULT_MFA_SESSION_SECONDS,
  DEFAULT_REFRESH_MARGIN_SECONDS,
  MAX_MFA_SESSION_SECONDS,
  MAX_ROLE_SECONDS,
  MIN_MFA_SESSION_SECONDS,
  MIN_ROLE_SECONDS,
  ALLOW_ALL_POLICY,
  type LoginPreferences,
  type LoginSubject,
  type RoleHop,
} from './subject'

/** Which credentials sign a call. */
export type Caller = 'base-keys' | 'mfa-session' | 'role-session'

/** RoleSessionName / federation Name: from the config, or derived from the IAM user name at run time. */
export type NameSource = { from: 'config'; value: string } | { from: 'iam-user' }

export type PlanStep =
  /** Learn the IAM user name once per key (for default session names); the background keeps it. */
  | { call: 'GetCallerIdentity' }
  /** Reuse the cached MFA session of this device: no AWS call, no code. */
  | { call: 'UseCachedMfaSession'; mfaSerial: string; expiresAt: number }
  | { call: 'GetSessionToken'; mfaSerial: string; durationSeconds: number }
  | {
      call: 'AssumeRole'
      profile: string
      caller: Caller
      roleArn: string
      sessionName: NameSource
      /** Send SerialNumber and a TokenCode for this device. */
      mfaSerial?: string
      durationSeconds?: number
      externalId?: string
      sourceIdentity?: string
      tags?: Record<string, string>
      transitiveTagKeys?: string[]
    }
  | { call: 'GetFederationToken'; name: NameSource; policy: string; durationSeconds: number }
  /** Identity Center's portal: the role's credentials for the signed-in user (no STS call, no MFA code). */
  | { call: 'GetRoleCredentials'; accountId: string; roleName: string }
  /** `sessionDuration`: ask for this console length (capped below the credentials' remaining life at run time). */
  | { call: 'getSigninToken'; sessionDuration?: number }

export interface LoginPlan {
  profile: string
  target: AwsTarget
  steps: PlanStep[]
  /** MFA devices a code will be asked for, in order (each at most once). */
  mfaCodesNeeded: string[]
  /** The device whose MFA session (GetSessionToken) this login uses or creates, if any. */
  mfaSessionDevice?: string
  /** True when the final credentials come from role chaining (console session at most 1 hour). */
  chained: boolean
  /** Things the user should know: limits applied, MFA that cannot apply. Plain sentences, no secrets. */
  notes: string[]
}

/** A cached MFA session as the planner sees it: which device, until when. */
export interface CachedMfaSessionInfo {
  mfaSerial: string
  expiresAt: number
}

/**
 * The device a role login would use for its MFA session: the base profile's mfa_serial, else the first hop's
 * (the hop assumed with the base keys). The background loads that device's cache entry before planning.
 */
export function mfaSessionDeviceOf(subject: LoginSubject): string | undefined {
  if (subject.kind !== 'role') return undefined
  return subject.base.mfaSerial ?? subject.hops[0]?.mfaSerial
}

/** Whether a cached session may still be used at `now` (not within the refresh margin of its expiry). */
export function isCachedSessionUsable(
  cached: CachedMfaSessionInfo | undefined,
  now: number,
  preferences: LoginPreferences = {},
): boolean {
  if (!cached) return false
  const margin = (preferences.refreshMarginSeconds ?? DEFAULT_REFRESH_MARGIN_SECONDS) * 1000
  return cached.expiresAt - now > margin
}

/** Where a login's AWS calls go: its partition, region, STS, sign-in and console endpoints. */
export function loginTarget(subject: LoginSubject, preferences: LoginPreferences = {}): AwsTarget {
  // The final role decides the partition (every hop of a chain lives in the partition of the base keys).
  const roleArn = subject.kind === 'role' ? subject.hops.at(-1)?.roleArn : undefined
  return resolveTarget(
    {
      ...(roleArn ? { roleArn } : {}),
      ...(subject.region ? { region: subject.region } : {}),
      ...(preferences.defaultRegion ? { defaultRegion: preferences.defaultRegion } : {}),
    },
    preferences.endpoints,
  )
}

/** Whether a login calls STS: every key-based one, and an Identity Center one with roles to assume after the portal's. */
export function callsSts(subject: LoginSubject): boolean {
  return subject.kind !== 'sso' || subject.hops.length > 0
}

export function planLogin(
  subject: LoginSubject,
  state: { now: number; cached?: CachedMfaSessionInfo },
  preferences: LoginPreferences = {},
): LoginPlan {
  const target = loginTarget(subject, preferences)
  const notes: string[] = []
  const steps: PlanStep[] = []
  if (subject.kind === 'federation') {
    if (subject.base.iamUserName === undefined) steps.push({ call: 'GetCallerIdentity' })
    if (subject.mfaSerial ?? subject.base.mfaSerial) {
      notes.push(
        'MFA cannot apply to this kind of login: GetFederationToken does not accept an MFA code (an AWS limit). A role profile with mfa_serial can use MFA.',
      )
    }
    const requested = preferences.consoleSessionSeconds ?? DEFAULT_FEDERATION_SECONDS
    steps.push({
      call: 'GetFederationToken',
      name: { from: 'iam-user' },
      policy: ALLOW_ALL_POLICY,
      durationSeconds: clamp(requested, MIN_ROLE_SECONDS, MAX_ROLE_SECONDS),
    })
    // Never a SessionDuration with GetFederationToken credentials: the sign-in request would fail (§5 point 2).
    steps.push({ call: 'getSigninToken' })
    return { profile: subject.profile, target, steps, mfaCodesNeeded: [], chained: false, notes }
  }
  if (subject.kind === 'sso') return planSsoLogin(subject, target, preferences)
  if (subject.hops.length === 0) throw new Error(`Profile "${subject.profile}" has no role to assume.`)

  const wanted = preferences.consoleSessionSeconds
  const longConsole = wanted !== undefined && wanted > CHAINED_MAX_SECONDS
  const sessionDevice = mfaSessionDeviceOf(subject)
  // A longer console session needs the first AssumeRole made with the long-term keys themselves; that only
  // helps when it is also the last hop (a further hop is chained and ends after 1 hour again).
  const direct = longConsole && subject.hops.length === 1
  if (longConsole && !direct) {
    notes.push(
      `A console session longer than 1 hour is not possible for "${subject.profile}": its role is assumed through a chain of roles, which AWS limits to 1 hour.`,
    )
  }
  const usedSerials = new Set<string>()
  const mfaCodesNeeded: string[] = []
  let caller: Caller = 'base-keys'
  let mfaSessionDevice: string | undefined
  const needsName = subject.hops.some((hop) => !hop.roleSessionName)
  if (needsName && subject.base.iamUserName === undefined) steps.push({ call: 'GetCallerIdentity' })

  if (sessionDevice && !direct) {
    mfaSessionDevice = sessionDevice
    usedSerials.add(sessionDevice)
    if (state.cached?.mfaSerial === sessionDevice && isCachedSessionUsable(state.cached, state.now, preferences)) {
      steps.push({ call: 'UseCachedMfaSession', mfaSerial: sessionDevice, expiresAt: state.cached.expiresAt })
    } else {
      steps.push({ call: 'GetSessionToken', mfaSerial: sessionDevice, durationSeconds: mfaSessionSeconds(preferences) })
      mfaCodesNeeded.push(sessionDevice)
    }
    caller = 'mfa-session'
  }

  subject.hops.forEach((hop, index) => {
    const last = index === subject.hops.length - 1
    // aws-vault's rule, widened to every call of this login: a device already used lower in the chain is not
    // sent again (its MFA context carries up the chain, and a second code from one device would be refused).
    const serial = hop.mfaSerial ?? (index === 0 ? subject.base.mfaSerial : undefined)
    const sendMfa = serial !== undefined && !usedSerials.has(serial)
    if (sendMfa) {
      usedSerials.add(serial)
      mfaCodesNeeded.push(serial)
    }
    const durationSeconds = hopDuration(hop, last ? wanted : undefined, caller !== 'base-keys', notes)
    steps.push(assumeRoleStep(hop, caller, sendMfa ? serial : undefined, durationSeconds, notes))
    caller = 'role-session'
  })

  const chained = subject.hops.length > 1 || mfaSessionDevice !== undefined
  // SessionDuration only for an AssumeRole made with long-term keys, and only when a length was asked for.
  const sessionDuration =
    !chained && wanted !== undefined ? clamp(wanted, MIN_ROLE_SECONDS, MAX_ROLE_SECONDS) : undefined
  steps.push(sessionDuration ? { call: 'getSigninToken', sessionDuration } : { call: 'getSigninToken' })
  return {
    profile: subject.profile,
    target,
    steps,
    mfaCodesNeeded,
    ...(mfaSessionDevice ? { mfaSessionDevice } : {}),
    chained,
    notes,
  }
}

/**
 * Identity Center: the portal's role credentials, then any roles chained from them. Every AssumeRole is made
 * with temporary credentials (1 hour at most), and the console gets no SessionDuration: the portal's
 * credentials are not long-term keys, so the sign-in length follows them (§1.2).
 */
function planSsoLogin(
  subject: Extract<LoginSubject, { kind: 'sso' }>,
  target: AwsTarget,
  preferences: LoginPreferences,
): LoginPlan {
  const notes: string[] = []
  const steps: PlanStep[] = [
    { call: 'GetRoleCredentials', accountId: subject.sso.accountId, roleName: subject.sso.roleName },
  ]
  const usedSerials = new Set<string>()
  const mfaCodesNeeded: string[] = []
  const wanted = preferences.consoleSessionSeconds
  subject.hops.forEach((hop, index) => {
    const last = index === subject.hops.length - 1
    const sendMfa = hop.mfaSerial !== undefined && !usedSerials.has(hop.mfaSerial)
    if (hop.mfaSerial && sendMfa) {
      usedSerials.add(hop.mfaSerial)
      mfaCodesNeeded.push(hop.mfaSerial)
    }
    const durationSeconds = hopDuration(hop, last ? wanted : undefined, true, notes)
    steps.push(assumeRoleStep(hop, 'role-session', sendMfa ? hop.mfaSerial : undefined, durationSeconds, notes))
  })
  steps.push({ call: 'getSigninToken' })
  return { profile: subject.profile, target, steps, mfaCodesNeeded, chained: subject.hops.length > 0, notes }
}

function hopDuration(hop: RoleHop, wanted: number | undefined, chained: boolean, notes: string[]): number | undefined {
  const asked = wanted ?? hop.durationSeconds
  if (asked === undefined) return undefined
  const max = chained ? CHAINED_MAX_SECONDS : MAX_ROLE_SECONDS
  const seconds = clamp(asked, MIN_ROLE_SECONDS, max)
  if (chained && asked > CHAINED_MAX_SECONDS && hop.durationSeconds === asked) {
    notes.push(
      `duration_seconds ${asked} of "${hop.profile}" was lowered to ${CHAINED_MAX_SECONDS}: a role assumed with temporary credentials lasts at most 1 hour.`,
    )
  } else if (seconds !== asked && hop.durationSeconds === asked) {
    notes.push(`duration_seconds ${asked} of "${hop.profile}" is outside AWS's range and was set to ${seconds}.`)
  }
  return seconds
}

function assumeRoleStep(
  hop: RoleHop,
  caller: Caller,
  mfaSerial: string | undefined,
  durationSeconds: number | undefined,
  notes: string[],
): PlanStep {
  let sessionName: NameSource = { from: 'iam-user' }
  if (hop.roleSessionName) {
    const value = validRoleSessionName(hop.roleSessionName)
    if (value !== hop.roleSessionName)
      notes.push(
        `role_session_name of "${hop.profile}" has characters AWS does not accept; "${value}" is used instead.`,
      )
    sessionName = { from: 'config', value }
  }
  return {
    call: 'AssumeRole',
    profile: hop.profile,
    caller,
    roleArn: hop.roleArn,
    sessionName,
    ...(mfaSerial ? { mfaSerial } : {}),
    ...(durationSeconds !== undefined ? { durationSeconds } : {}),
    ...(hop.externalId ? { externalId: hop.externalId } : {}),
    ...(hop.sourceIdentity ? { sourceIdentity: hop.sourceIdentity } : {}),
    ...(hop.sessionTags && Object.keys(hop.sessionTags).length ? { tags: hop.sessionTags } : {}),
    ...(hop.transitiveSessionTags?.length ? { transitiveTagKeys: hop.transitiveSessionTags } : {}),
  }
}

/** The MFA session length asked of GetSessionToken, within AWS's 15 min – 36 h. */
export function mfaSessionSeconds(preferences: LoginPreferences): number {
  return clamp(
    preferences.mfaSessionSeconds ?? DEFAULT_MFA_SESSION_SECONDS,
    MIN_MFA_SESSION_SECONDS,
    MAX_MFA_SESSION_SECONDS,
  )
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.round(value)))
}

/** The AWS calls a plan makes (STS actions and getSigninToken), for the counts DESIGN.md promises. */
export function awsCallCount(plan: LoginPlan): number {
  return plan.steps.filter((step) => step.call !== 'UseCachedMfaSession').length
}
