// How Rolecall can open a console for a resolved profile: a chain of AssumeRole hops starting from a
// profile whose base keys are in the vault, GetFederationToken with base keys, or not at all (with the
// reason). Follows aws-vault's provider order (SSO, web identity, credential_process, source profile, own
// keys) with docs/aws-protocol.md §6.6: a credential_process that runs aws-vault for profile P means P's vault keys.
import { profileValue } from '../ini/profile-map'
import { vaultValue } from '../resolve/go-ini-value'
import { type ResolutionDetail, resolveDetailed } from '../resolve/resolve'
import type { ParsedConfig, ResolvedProfile } from '../types'
import { awsVaultProfileOf } from './aws-vault-command'
import { ssoConfigOf } from '../resolve/sso-config'
import { instanceProblem } from '../../sso/instance'
import { ssoProblem, usesSso } from './sso-check'

export { awsVaultProfileOf }

export interface RoleHop {
  profile: string
  roleArn: string
  mfaSerial?: string
  externalId?: string
  durationSeconds?: number
  roleSessionName?: string
  sourceIdentity?: string
  sessionTags?: Record<string, string>
  transitiveSessionTags?: string[]
}

/** An Identity Center role: the portal's GetRoleCredentials for this account and role, with the user's token. */
export interface SsoRole {
  /** The portal's start URL and the Identity Center region: together they name the instance signed in to. */
  startUrl: string
  ssoRegion: string
  accountId: string
  roleName: string
  /** The [sso-session] the profile names, if any (the legacy form has none). */
  session?: string
}

export type ConsoleAccess =
  /** AssumeRole hop by hop, first hop called with baseProfile's vault keys, last hop is the profile. */
  | { kind: 'role'; chain: RoleHop[]; baseProfile: string }
  /** No role: GetFederationToken with baseProfile's vault keys. */
  | { kind: 'federation'; baseProfile: string }
  /** GetRoleCredentials from Identity Center as ssoProfile, then AssumeRole hop by hop (none: that role itself). */
  | { kind: 'sso'; ssoProfile: string; sso: SsoRole; chain: RoleHop[] }
  | { kind: 'unusable'; reason: string }

export function classifyProfile(config: ParsedConfig, name: string): ConsoleAccess {
  let detail: ResolutionDetail
  try {
    detail = resolveDetailed(config, name)
  } catch (error) {
    return { kind: 'unusable', reason: (error as Error).message }
  }
  return classifyResolution(config, detail)
}

export function classifyResolution(config: ParsedConfig, detail: ResolutionDetail): ConsoleAccess {
  /** The role hops met so far, from the profile down: finish() turns them round. */
  const hops: RoleHop[] = []
  for (let node: ResolutionDetail | undefined = detail, first = true; node; node = node.source, first = false) {
    const p = node.profile
    const who = first ? `Profile "${p.name}"` : `Its source profile "${p.name}"`
    if (p.ssoStartUrl || p.ssoSession || usesSso(config, p.name)) {
      // botocore's complaint first: the AWS CLI would refuse the profile too, and it says what to fix.
      const problem = ssoProblem(config, p.name, 0)
      if (problem) return unusable(`${who}: ${problem.message}`)
      // aws-vault: an SSO profile's credentials are the portal's for its role; roles above it chain from them.
      const sso = ssoRoleOf(config, p.name)
      if (!sso) {
        return unusable(
          `${who} names an IAM Identity Center sign-in but no account and role to open: add sso_account_id and sso_role_name.`,
        )
      }
      // The region names the hosts the token goes to (oidc.<region>.amazonaws.com): a value that is not a region
      // name could lead them anywhere, so such a profile does not open.
      const bad = instanceProblem({ startUrl: sso.startUrl, region: sso.ssoRegion })
      if (bad) return unusable(`${who}: ${bad}`)
      return { kind: 'sso', ssoProfile: p.name, sso, chain: hops.reverse() }
    }
    if (node.field('web_identity_token_file') || node.field('web_identity_token_process')) {
      return unusable(
        `${who} uses a web identity token, which only exists on the machine or cluster it was issued to; Rolecall cannot use it.`,
      )
    }
    if (p.credentialProcess) {
      const vaultProfile = awsVaultProfileOf(p.credentialProcess)
      if (vaultProfile === undefined) {
        return unusable(
          `${who} gets its credentials from credential_process, a command Rolecall cannot run in a browser (only "aws-vault exec <profile> --json" or "aws-vault export --format=json <profile>" is understood).`,
        )
      }
      // aws-vault hands out the process's credentials as they are: this profile's own role_arn is not used.
      return finish(hops, vaultProfile)
    }
    const credentialSource = vaultValue(profileValue(config, p.name, 'credential_source'))
    if (credentialSource) {
      return unusable(
        `${who} uses credential_source = ${credentialSource}: the credentials of the machine the CLI runs on, which a browser does not have. Use source_profile = <a profile with keys> instead.`,
      )
    }
    if (node.source) {
      if (p.roleArn) hops.push(hop(p, node))
      continue
    }
    if (p.roleArn) {
      if (!node.selfSourced) {
        return unusable(
          `${who} has role_arn but no source_profile, so there are no keys to assume the role with. Add source_profile = <a profile whose keys are in the vault> (or source_profile = ${p.name} to use this profile's own keys).`,
        )
      }
      hops.push(hop(p, node))
    }
    return finish(hops, p.name)
  }
  return unusable('The profile could not be classified.')
}

/** botocore's view of the profile's Identity Center settings, as plain strings; undefined where it has none. */
function ssoRoleOf(config: ParsedConfig, name: string): SsoRole | undefined {
  let settings
  try {
    settings = ssoConfigOf(config, name)
  } catch {
    return undefined
  }
  if (!settings) return undefined
  const {
    sso_start_url: startUrl,
    sso_region: ssoRegion,
    sso_account_id: accountId,
    sso_role_name: roleName,
  } = settings
  const session = settings.sso_session
  const texts = [startUrl, ssoRegion, accountId, roleName]
  if (!texts.every((v): v is string => typeof v === 'string' && v.trim() !== '')) return undefined
  if (session !== undefined && typeof session !== 'string') return undefined
  const [url, region, account, role] = texts.map((v) => v.trim()) as [string, string, string, string]
  return { startUrl: url, ssoRegion: region, accountId: account, roleName: role, ...(session ? { session } : {}) }
}

/** `hops` from the profile down; the chain runs the other way, from the base profile's keys. */
function finish(hops: RoleHop[], baseProfile: string): ConsoleAccess {
  return hops.length > 0 ? { kind: 'role', chain: hops.reverse(), baseProfile } : { kind: 'federation', baseProfile }
}

function unusable(reason: string): ConsoleAccess {
  return { kind: 'unusable', reason }
}

function hop(p: ResolvedProfile, node: ResolutionDetail): RoleHop {
  const result: RoleHop = { profile: p.name, roleArn: p.roleArn as string }
  if (p.mfaSerial) result.mfaSerial = p.mfaSerial
  if (p.externalId) result.externalId = p.externalId
  // Only a configured duration: without one STS applies its own default, as it does for the AWS CLI.
  if (node.field('duration_seconds') !== undefined && p.durationSeconds) result.durationSeconds = p.durationSeconds
  if (p.roleSessionName) result.roleSessionName = p.roleSessionName
  if (p.sourceIdentity) result.sourceIdentity = p.sourceIdentity
  if (p.sessionTags) result.sessionTags = p.sessionTags
  if (p.transitiveSessionTags) result.transitiveSessionTags = p.transitiveSessionTags
  return result
}

/** Profile names whose base keys a set of classifications needs in the vault. */
export function baseProfilesOf(accesses: ConsoleAccess[]): string[] {
  const names = new Set<string>()
  for (const access of accesses)
    if (access.kind === 'role' || access.kind === 'federation') names.add(access.baseProfile)
  return [...names].sort()
}
