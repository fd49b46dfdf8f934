// One profile's resolution as resolve.ts keeps it (for sources: cached with the parse, shared, never
// mutated), and the ResolvedProfile objects made from a resolution. The preview and classification read
// `profile` and `fields`, which are built on first use: resolving every profile of a large config then
// creates one small object and two arrays per resolution, not two objects of ever-different shape.
import { plainObjectMaker } from './plain-object'
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

/** Field values by resolution-keys.ts field number (undefined: not set). */
export type Slots = readonly (ResolvedField | undefined)[]

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

/** What a resolution found for one profile, apart from the fields themselves. */
export interface Found {
  /** duration_seconds, or 0 when not set. */
  duration: number
  sessionTags: Record<string, string> | undefined
  transitiveTags: string[] | undefined
  color: string | undefined
}

/** A role profile has eight or nine properties, its source and colour included. */
const newResolvedProfile = plainObjectMaker<ResolvedProfile>(10)

/** Field values by field number (undefined: not set). */
export type Texts = readonly (string | undefined)[]

/** A ResolvedProfile from a resolution, without `source`; its tag list and map are the resolution's own. */
export function buildProfile(name: string, texts: Texts, found: Found): ResolvedProfile {
  const resolved = newResolvedProfile()
  resolved.name = name
  let v: string | undefined
  if ((v = texts[REGION]) !== undefined) resolved.region = v
  if ((v = texts[MFA_SERIAL]) !== undefined) resolved.mfaSerial = v
  if ((v = texts[ROLE_ARN]) !== undefined) resolved.roleArn = v
  if ((v = texts[ROLE_SESSION_NAME]) !== undefined) resolved.roleSessionName = v
  if ((v = texts[EXTERNAL_ID]) !== undefined) resolved.externalId = v
  // Like aws-vault's resolved AssumeRoleDuration: the configured value, else its default of one hour.
  resolved.durationSeconds = found.duration > 0 ? found.duration : DEFAULT_DURATION_SECONDS
  if ((v = texts[SOURCE_PROFILE]) !== undefined) resolved.sourceProfile = v
  if ((v = texts[SSO_SESSION]) !== undefined) resolved.ssoSession = v
  if ((v = texts[SSO_START_URL]) !== undefined) resolved.ssoStartUrl = v
  if ((v = texts[SSO_REGION]) !== undefined) resolved.ssoRegion = v
  if ((v = texts[SSO_ACCOUNT_ID]) !== undefined) resolved.ssoAccountId = v
  if ((v = texts[SSO_ROLE_NAME]) !== undefined) resolved.ssoRoleName = v
  if ((v = texts[CREDENTIAL_PROCESS]) !== undefined) resolved.credentialProcess = v
  if ((v = texts[SOURCE_IDENTITY]) !== undefined) resolved.sourceIdentity = v
  const { sessionTags, transitiveTags } = found
  if (sessionTags !== undefined) resolved.sessionTags = sessionTags
  if (transitiveTags !== undefined) resolved.transitiveSessionTags = transitiveTags
  if (found.color) resolved.color = found.color
  return resolved
}

/** Freezes a built profile with its tag map and list (its `source` set first): a value shared between results. */
export function freezeProfile(profile: ResolvedProfile): ResolvedProfile {
  if (profile.sessionTags) Object.freeze(profile.sessionTags)
  if (profile.transitiveSessionTags) Object.freeze(profile.transitiveSessionTags)
  return Object.freeze(profile)
}

export class ResolutionDetail implements Found {
  source: ResolutionDetail | undefined = undefined
  private profileView: ResolvedProfile | undefined = undefined
  private fieldsView: Fields | undefined = undefined

  constructor(
    readonly name: string,
    private readonly slots: Slots,
    /** Field numbers in the order first set (the order `fields` has its keys in). */
    private readonly order: readonly number[],
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
  ) {}

  /** The source_profile to resolve next (`source` once resolved), if any. */
  get sourceName(): string | undefined {
    return this.slots[SOURCE_PROFILE]?.value
  }

  /**
   * The resolved profile as an immutable value, frozen with its tag lists and its `source` (the source's own
   * `profile`): shared by everything that reads this resolution, and by every resolveProfile result whose
   * source this is (thousands of role profiles name the same few sources).
   */
  get profile(): ResolvedProfile {
    if (this.profileView === undefined) {
      const profile = buildProfile(
        this.name,
        this.slots.map((slot) => slot?.value),
        this,
      )
      if (this.source) profile.source = this.source.profile
      this.profileView = freezeProfile(profile)
    }
    return this.profileView
  }

  /** Every field by config key, in the order first set (shared: do not modify). */
  get fields(): Fields {
    if (this.fieldsView === undefined) {
      const fields: Fields = {}
      for (const id of this.order) fields[FIELD_NAMES[id] as string] = this.slots[id]
      this.fieldsView = fields
    }
    return this.fieldsView
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
