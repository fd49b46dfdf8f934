// From a profile resolved by the config module (aws-vault rules) to a login subject: the chain of roles in call
// order, down to the profile whose base keys sit in the vault. Whether a profile can log in at all (SSO, other
// credential_process commands…) is the classifier's call; this only reshapes a usable one.
import type { ResolvedProfile } from '../config'
import type { LoginSubject, RoleHop } from './subject'

export interface SubjectOptions {
  /**
   * The profile whose vault keys the chain starts from, when it is not the end of the source chain (a
   * `credential_process` running aws-vault for profile P means P's keys, PROTOCOL.md §6 point 6).
   */
  baseProfile?: string
  /** From the key's metadata, when known. */
  iamUserName?: string
}

export function loginSubjectOf(resolved: ResolvedProfile, options: SubjectOptions = {}): LoginSubject {
  // resolved → its source → … → the profile with no source_profile (the keys' owner), then reversed.
  const chain: ResolvedProfile[] = []
  const seen = new Set<string>()
  for (let at: ResolvedProfile | undefined = resolved; at; at = at.source) {
    if (seen.has(at.name)) throw new Error(`Profile "${resolved.name}": source_profile loops back to "${at.name}".`)
    seen.add(at.name)
    chain.push(at)
  }
  chain.reverse()
  const keysOwner = chain[0]!
  const base = {
    profile: options.baseProfile ?? keysOwner.name,
    ...(keysOwner.mfaSerial ? { mfaSerial: keysOwner.mfaSerial } : {}),
    ...(options.iamUserName ? { iamUserName: options.iamUserName } : {}),
  }
  // A profile without role_arn in the middle of a chain passes its source's credentials on (aws-vault).
  const hops = chain.filter((profile) => profile.roleArn).map(hopOf)
  const region = resolved.region ? { region: resolved.region } : {}
  if (hops.length === 0) {
    return { kind: 'federation', profile: resolved.name, ...region, base, ...(resolved.mfaSerial ? { mfaSerial: resolved.mfaSerial } : {}) }
  }
  return { kind: 'role', profile: resolved.name, ...region, base, hops }
}

function hopOf(profile: ResolvedProfile): RoleHop {
  return {
    profile: profile.name,
    roleArn: profile.roleArn!,
    ...(profile.roleSessionName ? { roleSessionName: profile.roleSessionName } : {}),
    ...(profile.externalId ? { externalId: profile.externalId } : {}),
    ...(profile.durationSeconds !== undefined ? { durationSeconds: profile.durationSeconds } : {}),
    ...(profile.mfaSerial ? { mfaSerial: profile.mfaSerial } : {}),
    ...(profile.sourceIdentity ? { sourceIdentity: profile.sourceIdentity } : {}),
    ...(profile.sessionTags ? { sessionTags: profile.sessionTags } : {}),
    ...(profile.transitiveSessionTags ? { transitiveSessionTags: profile.transitiveSessionTags } : {}),
  }
}
