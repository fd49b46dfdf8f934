// resolveProfile: aws-vault v7's ConfigLoader (vault/config.go) with an empty environment, plus Rolecall's
// choices (PROTOCOL §6): every unset field is copied from the profile, then its include_profile chain, else
// [default]; nothing is inherited from source_profile, which is resolved on its own; a self-referencing
// source_profile is cleared; include loops, source_profile loops, bad durations and bad session tags are
// errors that name the profile (aws-vault hangs or crashes on them).
import { setOwn } from './ini-raw'
import { type ParseMeta, parseMetaOf } from './parse'
import { KeyKind } from './resolution-keys'
import { type KeyHit, hasProfile, profileHits, profileKey, ssoSessionKey } from './section-view'
import type { ParsedConfig, ResolvedProfile } from './types'
import { parseGoUint } from './vault-value'

/** aws-vault's DefaultSessionDuration for AssumeRole when duration_seconds is not set. */
export const DEFAULT_DURATION_SECONDS = 3600
const SSO_SESSION_FIELDS = ['sso_start_url', 'sso_region', 'sso_registration_scopes'] as const

export interface ResolvedField {
  value: string
  /** The profile (or "sso-session <name>") whose section supplied the value. */
  from: string
}

export interface ResolutionDetail {
  profile: ResolvedProfile
  /**
   * Every resolved field by config key, as read (including ones ResolvedProfile does not carry). A plain
   * object (keys are fixed config names, never "__proto__"); an undefined entry means "not set".
   */
  fields: Fields
  /** include_profile names that have no section (aws-vault ignores them silently). */
  missingIncludes: string[]
  /** source_profile named the profile itself and was cleared (its own vault keys assume its role). */
  selfSourced: boolean
  durationLine?: number
  source?: ResolutionDetail
}

export type Fields = Record<string, ResolvedField | undefined>

/** The fields that are set, as [config key, field] pairs. */
export function setFields(detail: ResolutionDetail): [string, ResolvedField][] {
  const out: [string, ResolvedField][] = []
  for (const key of Object.keys(detail.fields)) {
    const field = detail.fields[key]
    if (field !== undefined) out.push([key, field])
  }
  return out
}

interface State {
  top: string
  meta: ParseMeta | undefined
  fields: Fields
  duration: number
  durationLine?: number
  sessionTags?: Record<string, string>
  transitiveTags?: string[]
  visited: string[]
  missingIncludes: string[]
}

const memo = new WeakMap<object, Map<string, ResolutionDetail>>()
const NO_NAMES: string[] = []
const NO_HITS: readonly KeyHit[] = []

export function resolveProfile(config: ParsedConfig, name: string): ResolvedProfile {
  return copyResolved(resolveDetailed(config, name).profile)
}

/**
 * Resolution with what the preview and classification need besides ResolvedProfile. Results are cached
 * with the parse (they depend on nothing else) and must not be mutated; resolveProfile hands out copies.
 */
export function resolveDetailed(config: ParsedConfig, name: string): ResolutionDetail {
  if (typeof name !== 'string' || !hasProfile(config, name)) {
    throw new Error(`Profile "${String(name)}" is not in the config: there is no [profile ${String(name)}] section.`)
  }
  const meta = parseMetaOf(config)
  let cache: Map<string, ResolutionDetail> | undefined
  if (meta) {
    cache = memo.get(meta)
    if (!cache) memo.set(meta, (cache = new Map()))
  }
  return resolveChain(config, meta, name, NO_NAMES, cache)
}

function resolveChain(
  config: ParsedConfig,
  meta: ParseMeta | undefined,
  name: string,
  sourcedFrom: string[],
  cache: Map<string, ResolutionDetail> | undefined,
): ResolutionDetail {
  const hit = cache?.get(name)
  if (hit) return hit
  const state: State = { top: name, meta, fields: {}, duration: 0, visited: [], missingIncludes: NO_NAMES }
  populate(config, state, name)
  let selfSourced = false
  if (state.fields.source_profile?.value === name) {
    state.fields.source_profile = undefined
    selfSourced = true
  }
  const detail: ResolutionDetail = {
    profile: toResolved(config, name, state),
    fields: state.fields,
    missingIncludes: state.missingIncludes,
    selfSourced,
  }
  if (state.durationLine !== undefined) detail.durationLine = state.durationLine
  const sourceName = state.fields.source_profile?.value
  if (sourceName !== undefined) {
    const path = sourcedFrom.concat(name)
    const loopStart = path.indexOf(sourceName)
    if (loopStart >= 0) {
      const loop = [...path.slice(loopStart), sourceName].join(' → ')
      throw new Error(`Profile "${path[0]}": source_profile goes round in a loop (${loop}), so no profile in it can get keys. Point one of them at a profile with keys.`)
    }
    detail.source = resolveChain(config, meta, sourceName, path, cache)
    detail.profile.source = detail.source.profile
  }
  // Only complete resolutions are cached: an error must name the profile the caller asked for.
  cache?.set(name, detail)
  return detail
}

function copyResolved(profile: ResolvedProfile): ResolvedProfile {
  const copy: ResolvedProfile = { ...profile }
  if (profile.sessionTags) copy.sessionTags = { ...profile.sessionTags }
  if (profile.transitiveSessionTags) copy.transitiveSessionTags = [...profile.transitiveSessionTags]
  if (profile.source) copy.source = copyResolved(profile.source)
  return copy
}

function populate(config: ParsedConfig, state: State, name: string): void {
  if (state.visited.includes(name)) {
    const loop = [...state.visited.slice(state.visited.indexOf(name)), name].join(' → ')
    throw new Error(`Profile "${state.top}": include_profile goes round in a loop (${loop}); aws-vault stops with "Loop detected in config file for profile '${name}'". Remove one of the include_profile lines.`)
  }
  state.visited.push(name)
  const hits = profileHits(config, name, state.meta) ?? NO_HITS
  if (hits === NO_HITS && name !== state.top && name !== 'default') {
    if (state.missingIncludes === NO_NAMES) state.missingIncludes = []
    state.missingIncludes.push(name)
  }
  let include = ''
  // go-ini maps the whole section first (a bad duration fails even when unused), and aws-vault takes
  // sso_session, overwriting the start URL and region, before the plain fields.
  for (const hit of hits) {
    if (hit.kind === KeyKind.Duration) takeDuration(state, hit)
    else if (hit.kind === KeyKind.SsoSession) takeSsoSession(config, state, hit)
  }
  for (const hit of hits) {
    const key = hit.name
    if (hit.kind === KeyKind.Plain) {
      if (hit.value !== '' && state.fields[key] === undefined) state.fields[key] = hit
    } else if (hit.kind === KeyKind.SessionTags) {
      if (hit.value !== '' && state.sessionTags === undefined) {
        state.sessionTags = parseSessionTags(hit.value, state.top)
        state.fields[key] = hit
      }
    } else if (hit.kind === KeyKind.TransitiveTags) {
      if (hit.value !== '' && state.transitiveTags === undefined) {
        const list = hit.value.split(',').map((tag) => tag.trim()).filter((tag) => tag !== '')
        if (list.length > 0) {
          state.transitiveTags = list
          state.fields[key] = hit
        }
      }
    } else if (hit.kind === KeyKind.Include) include = hit.value
  }
  if (include !== '') populate(config, state, include)
  else if (name !== 'default') populate(config, state, 'default')
}

function takeDuration(state: State, hit: KeyHit): void {
  const seconds = parseGoUint(hit.value)
  if (seconds === undefined) {
    const where = hit.from === state.top ? '' : ` (read from profile "${hit.from}")`
    throw new Error(`Profile "${state.top}": duration_seconds${where} must be a whole number of seconds, e.g. 3600; aws-vault crashes on this value.`)
  }
  if (state.duration === 0 && seconds > 0) {
    state.duration = seconds
    if (hit.line !== undefined) state.durationLine = hit.line
    state.fields.duration_seconds = hit
  }
}

function takeSsoSession(config: ParsedConfig, state: State, hit: KeyHit): void {
  if (hit.value === '' || state.fields.sso_session !== undefined) return
  state.fields.sso_session = hit
  if (ssoSessionKey(config, hit.value, 'sso_start_url', state.meta) === null) return // no such [sso-session]
  // aws-vault overwrites these from the [sso-session] section, even with empty values.
  const from = `sso-session ${hit.value}`
  for (const key of SSO_SESSION_FIELDS) {
    const value = ssoSessionKey(config, hit.value, key, state.meta) ?? ''
    state.fields[key] = value === '' ? undefined : { value, from }
  }
}

function parseSessionTags(text: string, profile: string): Record<string, string> {
  const tags: Record<string, string> = {}
  for (const tag of text.split(',')) {
    const equals = tag.indexOf('=')
    if (equals < 0) {
      throw new Error(`Profile "${profile}": session_tags must be key=value pairs separated by commas (e.g. team=web,env=prod); one entry has no "=".`)
    }
    setOwn(tags, tag.slice(0, equals).trim(), tag.slice(equals + 1).trim())
  }
  return tags
}

function toResolved(config: ParsedConfig, name: string, state: State): ResolvedProfile {
  const f = state.fields
  const resolved: ResolvedProfile = { name }
  let v: string | undefined
  if ((v = f.region?.value) !== undefined) resolved.region = v
  if ((v = f.mfa_serial?.value) !== undefined) resolved.mfaSerial = v
  if ((v = f.role_arn?.value) !== undefined) resolved.roleArn = v
  if ((v = f.role_session_name?.value) !== undefined) resolved.roleSessionName = v
  if ((v = f.external_id?.value) !== undefined) resolved.externalId = v
  // Like aws-vault's resolved AssumeRoleDuration: the configured value, else its default of one hour.
  resolved.durationSeconds = state.duration > 0 ? state.duration : DEFAULT_DURATION_SECONDS
  if ((v = f.source_profile?.value) !== undefined) resolved.sourceProfile = v
  if ((v = f.sso_session?.value) !== undefined) resolved.ssoSession = v
  if ((v = f.sso_start_url?.value) !== undefined) resolved.ssoStartUrl = v
  if ((v = f.sso_region?.value) !== undefined) resolved.ssoRegion = v
  if ((v = f.sso_account_id?.value) !== undefined) resolved.ssoAccountId = v
  if ((v = f.sso_role_name?.value) !== undefined) resolved.ssoRoleName = v
  if ((v = f.credential_process?.value) !== undefined) resolved.credentialProcess = v
  if ((v = f.source_identity?.value) !== undefined) resolved.sourceIdentity = v
  if (state.sessionTags !== undefined) resolved.sessionTags = state.sessionTags
  if (state.transitiveTags !== undefined) resolved.transitiveSessionTags = state.transitiveTags
  const color = profileKey(config, name, 'color', state.meta)?.value
  if (color) resolved.color = color
  return resolved
}
