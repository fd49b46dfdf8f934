// One profile's resolution: its fields with where each came from, what the preview and classification need
// besides, and the ResolvedProfile made from it. A resolution a source chain keeps is shared by every profile
// that reaches it: nothing changes one once its source is linked.
import type { ResolvedProfile } from '../types'
import { readingFailure, readingOf } from './include-chain'
import { PLAIN_KEYS } from './keys'
import type { ResolvedField, VaultConfig } from './vault-config'

export type { ResolvedField } from './vault-config'

/** aws-vault's DefaultSessionDuration for AssumeRole when duration_seconds is not set. */
const DEFAULT_DURATION_SECONDS = 3600

/** Every resolved field by config key, in the order first set; undefined: set, then cleared. */
export type Fields = Record<string, ResolvedField | undefined>

/** Why a profile cannot be resolved, as the message naming it: given back, not thrown (see resolve.ts). */
export class ChainFailure {
  constructor(readonly reason: string) {}
}

export class ResolutionDetail {
  /** The resolution of sourceName, linked by source-chain.ts. */
  source: ResolutionDetail | undefined = undefined
  #profile: ResolvedProfile | undefined = undefined
  #fields: Fields | undefined = undefined
  #setFields: [string, ResolvedField][] | undefined = undefined

  constructor(
    readonly name: string,
    /** Fields by config key, in the order first set; undefined: set, then cleared. */
    private readonly values: ReadonlyMap<string, ResolvedField | undefined>,
    /** duration_seconds, or 0 when not set, and the line it was read from, when known. */
    readonly duration: number,
    readonly durationLine: number | undefined,
    readonly sessionTags: Record<string, string> | undefined,
    readonly transitiveTags: string[] | undefined,
    readonly color: string | undefined,
    /** include_profile names that have no section (aws-vault ignores them silently). */
    readonly missingIncludes: readonly string[],
    /** source_profile named the profile itself and was cleared (its own vault keys assume its role). */
    readonly selfSourced: boolean,
  ) {}

  field(key: string): ResolvedField | undefined {
    return this.values.get(key)
  }

  /** Every field by config key, in the order first set (as an object, for reading by name). */
  get fields(): Fields {
    return (this.#fields ??= Object.fromEntries(this.values))
  }

  /** The fields that are set, as [config key, field] pairs. */
  setFields(): [string, ResolvedField][] {
    if (!this.#setFields) {
      const set: [string, ResolvedField][] = (this.#setFields = [])
      this.values.forEach((field, key) => field && set.push([key, field]))
    }
    return this.#setFields
  }

  /** The source_profile to resolve next, if any. */
  get sourceName(): string | undefined {
    return this.values.get('source_profile')?.value
  }

  /**
   * The resolved profile, frozen with its tag lists and its source's profile: shared by everything that reads
   * this resolution (thousands of role profiles name the same few sources). Made once the source is linked.
   */
  get profile(): ResolvedProfile {
    if (this.#profile) return this.#profile
    const profile: ResolvedProfile = { name: this.name }
    this.values.forEach((field, key) => {
      const property = PLAIN_KEYS.get(key)
      if (property && field) profile[property] = field.value
    })
    // Like aws-vault's resolved AssumeRoleDuration: the configured value, else its default of one hour.
    profile.durationSeconds = this.duration || DEFAULT_DURATION_SECONDS
    const ssoSession = this.values.get('sso_session')
    if (ssoSession) profile.ssoSession = ssoSession.value
    if (this.sessionTags) profile.sessionTags = Object.freeze(this.sessionTags)
    if (this.transitiveTags) profile.transitiveSessionTags = Object.freeze(this.transitiveTags) as string[]
    if (this.color) profile.color = this.color
    if (this.source) profile.source = this.source.profile
    return (this.#profile = Object.freeze(profile))
  }
}

/** The fields that are set, as [config key, field] pairs. */
export function setFields(detail: ResolutionDetail): [string, ResolvedField][] {
  return detail.setFields()
}

/** A profile on its own, without its source: its section, include_profile chain and [default]. */
export function resolveOwn(vault: VaultConfig, name: string): ResolutionDetail | ChainFailure {
  const reading = readingOf(vault, name)
  const failure = readingFailure(name, reading)
  if (failure !== undefined) return new ChainFailure(failure)
  // A source_profile naming the profile itself is cleared: aws-vault would loop, Rolecall uses its own keys.
  const selfSourced = reading.fields.get('source_profile')?.value === name
  const fields = selfSourced ? new Map(reading.fields).set('source_profile', undefined) : reading.fields
  return new ResolutionDetail(
    name,
    fields,
    reading.duration,
    reading.durationLine,
    reading.sessionTags,
    reading.transitiveTags,
    reading.color,
    // A profile asked for without a section (a source whose keys are in the vault) is not a missing include.
    reading.missing[0] === name ? reading.missing.slice(1) : reading.missing,
    selfSourced,
  )
}
