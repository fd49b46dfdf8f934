// From the config module's classification of a profile (src/core/config/import/classify.ts: role chain + base profile,
// or federation) to a login subject. Typed structurally so the login core does not depend on the config
// module's internals; the shape matches `ConsoleAccess` field for field, and its hops are the config's own `RoleHop`.
import type { LoginSubject, RoleHop, SsoRole } from './subject'

export type ConsoleAccessLike =
  | { kind: 'role'; chain: RoleHop[]; baseProfile: string }
  | { kind: 'federation'; baseProfile: string }
  | { kind: 'sso'; ssoProfile: string; sso: SsoRole; chain: RoleHop[] }
  | { kind: 'unusable'; reason: string }

export interface SubjectFacts {
  /** The profile being opened. */
  profile: string
  /** Its resolved region, if any. */
  region?: string
  /** The resolved mfa_serial of the base profile (the keys' owner): the MFA session's device. */
  baseMfaSerial?: string
  /** The resolved mfa_serial of the profile itself (a federation profile: shown as "MFA cannot apply"). */
  mfaSerial?: string
  /** From the base key's metadata, when GetCallerIdentity has run once for it. */
  iamUserName?: string
}

/** Undefined for an unusable profile (its reason is the classifier's to show). */
export function subjectFromAccess(access: ConsoleAccessLike, facts: SubjectFacts): LoginSubject | undefined {
  if (access.kind === 'unusable') return undefined
  if (access.kind === 'sso') {
    return {
      kind: 'sso',
      profile: facts.profile,
      ...(facts.region ? { region: facts.region } : {}),
      sso: { ...access.sso },
      hops: access.chain.map((hop) => ({ ...hop })),
    }
  }
  const base = {
    profile: access.baseProfile,
    ...(facts.baseMfaSerial ? { mfaSerial: facts.baseMfaSerial } : {}),
    ...(facts.iamUserName ? { iamUserName: facts.iamUserName } : {}),
  }
  const region = facts.region ? { region: facts.region } : {}
  if (access.kind === 'federation') {
    return {
      kind: 'federation',
      profile: facts.profile,
      ...region,
      base,
      ...(facts.mfaSerial ? { mfaSerial: facts.mfaSerial } : {}),
    }
  }
  if (access.chain.length === 0) throw new Error(`Profile "${facts.profile}" has no role to assume.`)
  return { kind: 'role', profile: facts.profile, ...region, base, hops: access.chain.map((hop) => ({ ...hop })) }
}
