// One profile's resolution as resolve.ts keeps it (cached with the parse, shared, never mutated), and the
// ResolvedProfile objects made from it. resolveProfile() gets a fresh ResolvedProfile per call; the preview
// and classification read `profile` and `fields`, built on first use. Resolving every profile of a large
// config then keeps one small object and one array per profile, not two objects of varying shape.
import { FIELD_NAMES, field } from './resolution-keys'
import type { ResolvedProfile } from './types'

/** aws-vault's DefaultSessionDuration for AssumeRole when duration_seconds is not set. */
export const DEFAULT_DURATION_SECONDS = 3600

export interface ResolvedField {
  value: string
  /** The profile (or "sso-session <name>") whose section supplied the value. */
  from: string
}

/**
 * Every resolved field by config key, as read (including ones ResolvedProfile does not carry). A plain
 * object (keys are fixed config names, never "__proto__"); an undefined entry means "not set".
 */
export type Fields = Record<string, ResolvedField | undefined>

const REGION = field('region')
const MFA_SERIAL = field('mfa_serial')
const ROLE_ARN = field('role_arn')
const ROLE_SESSION_NAME = field('role_session_name')
const EXTERNAL_ID = field('external_id')
const SOURCE_PROFILE = field('source_profile')
const SSO_SESSION = field('sso_session')
const SSO_START_URL = field('sso_start_url')
const SSO_REGION = field('sso_region')
const SSO_ACCOUNT_ID = field('sso_account_id')
const SSO_ROLE_NAME = field('sso_role_name')
const CREDENTIAL_PROCESS = field('credential_process')
const SOURCE_IDENTITY = field('source_identity')

export class ResolutionDetail {
  source: ResolutionDetail | undefined = undefined
  private profileView: ResolvedProfile | undefined = undefined
  private fieldsView: Fields | undefined = undefined

  constructor(
    readonly name: string,
    /** Field numbers (resolution-keys.ts) in the order first set, each followed by its value. */
    private readonly entries: readonly (number | ResolvedField | undefined)[],
    /** duration_seconds, or 0 when not set. */
    readonly duration: number,
    /** Line of the duration_seconds that was used, when known. */
    readonly durationLine: number | undefined,
    readonly sessionTags: Record<string, string> | undefined,
    readonly transitiveTags: string[] | undefined,
    readonly color: string | undefined,
    /** include_profile names that have no section (aws-vault ignores them silently). */
    readonly missingIncludes: string[],
    /** source_profile named the profile itself and was cleared (its own vault keys assume its role). */
    readonly selfSourced: boolean,
    /** The source_profile to resolve next (`source` once resolved), if any. */
    readonly sourceName: string | undefined,
  ) {}

  /** The resolved profile (shared: do not modify); `source` is the source's `profile`. */
  get profile(): ResolvedProfile {
    if (this.profileView === undefined) {
      this.profileView = this.build(false)
      if (this.source) this.profileView.source = this.source.profile
    }
    return this.profileView
  }

  /** Every field by config key, in the order first set (shared: do not modify). */
  get fields(): Fields {
    if (this.fieldsView === undefined) {
      const fields: Fields = {}
      for (let i = 0; i < this.entries.length; i += 2) {
        fields[FIELD_NAMES[this.entries[i] as number] as string] = this.entries[i + 1] as ResolvedField | undefined
      }
      this.fieldsView = fields
    }
    return this.fieldsView
  }

  /** A ResolvedProfile the caller owns, its source chain and tag lists included. */
  newProfile(): ResolvedProfile {
    const profile = this.build(true)
    if (this.source) profile.source = this.source.newProfile()
    return profile
  }

  /** The profile's own fields, in the one order every ResolvedProfile has its keys in. */
  private build(copyTags: boolean): ResolvedProfile {
    // One pass over the entries (a profile sets a handful of the fields), then the keys in order.
    let region: string | undefined, mfaSerial: string | undefined, roleArn: string | undefined
    let roleSessionName: string | undefined, externalId: string | undefined, sourceProfile: string | undefined
    let ssoSession: string | undefined, ssoStartUrl: string | undefined, ssoRegion: string | undefined
    let ssoAccountId: string | undefined, ssoRoleName: string | undefined, credentialProcess: string | undefined
    let sourceIdentity: string | undefined
    const entries = this.entries
    for (let i = 0; i < entries.length; i += 2) {
      const value = (entries[i + 1] as ResolvedField | undefined)?.value
      switch (entries[i]) {
        case REGION: region = value; break
        case MFA_SERIAL: mfaSerial = value; break
        case ROLE_ARN: roleArn = value; break
        case ROLE_SESSION_NAME: roleSessionName = value; break
        case EXTERNAL_ID: externalId = value; break
        case SOURCE_PROFILE: sourceProfile = value; break
        case SSO_SESSION: ssoSession = value; break
        case SSO_START_URL: ssoStartUrl = value; break
        case SSO_REGION: ssoRegion = value; break
        case SSO_ACCOUNT_ID: ssoAccountId = value; break
        case SSO_ROLE_NAME: ssoRoleName = value; break
        case CREDENTIAL_PROCESS: credentialProcess = value; break
        case SOURCE_IDENTITY: sourceIdentity = value; break
      }
    }
    const resolved: ResolvedProfile = { name: this.name }
    if (region !== undefined) resolved.region = region
    if (mfaSerial !== undefined) resolved.mfaSerial = mfaSerial
    if (roleArn !== undefined) resolved.roleArn = roleArn
    if (roleSessionName !== undefined) resolved.roleSessionName = roleSessionName
    if (externalId !== undefined) resolved.externalId = externalId
    // Like aws-vault's resolved AssumeRoleDuration: the configured value, else its default of one hour.
    resolved.durationSeconds = this.duration > 0 ? this.duration : DEFAULT_DURATION_SECONDS
    if (sourceProfile !== undefined) resolved.sourceProfile = sourceProfile
    if (ssoSession !== undefined) resolved.ssoSession = ssoSession
    if (ssoStartUrl !== undefined) resolved.ssoStartUrl = ssoStartUrl
    if (ssoRegion !== undefined) resolved.ssoRegion = ssoRegion
    if (ssoAccountId !== undefined) resolved.ssoAccountId = ssoAccountId
    if (ssoRoleName !== undefined) resolved.ssoRoleName = ssoRoleName
    if (credentialProcess !== undefined) resolved.credentialProcess = credentialProcess
    if (sourceIdentity !== undefined) resolved.sourceIdentity = sourceIdentity
    if (this.sessionTags !== undefined) resolved.sessionTags = copyTags ? { ...this.sessionTags } : this.sessionTags
    if (this.transitiveTags !== undefined) resolved.transitiveSessionTags = copyTags ? [...this.transitiveTags] : this.transitiveTags
    if (this.color) resolved.color = this.color
    return resolved
  }
}

/** The fields that are set, as [config key, field] pairs. */
export function setFields(detail: ResolutionDetail): [string, ResolvedField][] {
  const out: [string, ResolvedField][] = []
  for (const key of Object.keys(detail.fields)) {
    const field = detail.fields[key]
    if (field !== undefined) out.push([key, field])
  }
  return out
}
