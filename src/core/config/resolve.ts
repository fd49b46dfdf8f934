// resolveProfile: aws-vault v7's ConfigLoader (vault/config.go) with an empty environment, plus Rolecall's
// choices (PROTOCOL §6): every unset field is copied from the profile, then its include_profile chain, else
// [default]; nothing is inherited from source_profile, which is resolved on its own; a self-referencing
// source_profile is cleared; include loops, source_profile loops, bad durations and bad session tags are
// errors that name the profile (aws-vault hangs or crashes on them).
import { setOwn } from './ini-raw'
import { hasProfile, profileView, ssoSessionView } from './section-view'
import type { ParsedConfig, ResolvedProfile } from './types'
import { parseGoUint } from './vault-value'

/** String fields in the order aws-vault fills them, by config key. */
const FIELDS_BEFORE_SSO = ['mfa_serial', 'role_arn', 'external_id', 'region', 'role_session_name'] as const
const FIELDS_AFTER_SSO = [
  'sso_start_url', 'sso_region', 'sso_account_id', 'sso_role_name', 'web_identity_token_file',
  'web_identity_token_process', 'sts_regional_endpoints', 'source_identity', 'credential_process', 'mfa_process',
] as const

export interface ResolutionDetail {
  profile: ResolvedProfile
  /** Every resolved string field by config key (including ones ResolvedProfile does not carry). */
  fields: Map<string, string>
  /** Config key → the profile whose section supplied it (the profile itself, an include, or "default"). */
  provenance: Map<string, string>
  /** The include_profile / [default] sections visited, in order (the profile first). */
  visited: string[]
  /** include_profile names that have no section (aws-vault ignores them silently). */
  missingIncludes: string[]
  /** source_profile named the profile itself and was cleared (its own vault keys assume its role). */
  selfSourced: boolean
  durationLine?: number
  source?: ResolutionDetail
}

interface State {
  top: string
  fields: Map<string, string>
  provenance: Map<string, string>
  duration: number
  sessionTags?: Record<string, string>
  transitiveTags?: string[]
  visited: string[]
  missingIncludes: string[]
  durationLine?: number
}

export function resolveProfile(config: ParsedConfig, name: string): ResolvedProfile {
  return resolveDetailed(config, name).profile
}

export function resolveDetailed(config: ParsedConfig, name: string): ResolutionDetail {
  if (typeof name !== 'string' || !hasProfile(config, name)) {
    throw new Error(`Profile "${String(name)}" is not in the config: there is no [profile ${String(name)}] section.`)
  }
  return resolveChain(config, name, [])
}

function resolveChain(config: ParsedConfig, name: string, sourcedFrom: string[]): ResolutionDetail {
  const state: State = {
    top: name, fields: new Map(), provenance: new Map(), duration: 0, visited: [], missingIncludes: [],
  }
  populate(config, state, name)
  let selfSourced = false
  if (state.fields.get('source_profile') === name) {
    state.fields.delete('source_profile')
    state.provenance.delete('source_profile')
    selfSourced = true
  }
  const detail: ResolutionDetail = {
    profile: toResolved(config, name, state),
    fields: state.fields,
    provenance: state.provenance,
    visited: state.visited,
    missingIncludes: state.missingIncludes,
    selfSourced,
  }
  if (state.durationLine !== undefined) detail.durationLine = state.durationLine
  const sourceName = state.fields.get('source_profile')
  if (sourceName !== undefined) {
    const path = [...sourcedFrom, name]
    const loopStart = path.indexOf(sourceName)
    if (loopStart >= 0) {
      const loop = [...path.slice(loopStart), sourceName].join(' → ')
      throw new Error(`Profile "${path[0]}": source_profile goes round in a loop (${loop}), so no profile in it can get keys. Point one of them at a profile with keys.`)
    }
    detail.source = resolveChain(config, sourceName, path)
    detail.profile.source = detail.source.profile
  }
  return detail
}

function populate(config: ParsedConfig, state: State, name: string): void {
  if (state.visited.includes(name)) {
    const loop = [...state.visited.slice(state.visited.indexOf(name)), name].join(' → ')
    throw new Error(`Profile "${state.top}": include_profile goes round in a loop (${loop}); aws-vault stops with "Loop detected in config file for profile '${name}'". Remove one of the include_profile lines.`)
  }
  state.visited.push(name)
  const view = profileView(config, name)
  if (!view.exists && name !== state.top && name !== 'default') state.missingIncludes.push(name)

  // go-ini maps the whole section before any field is used, so a bad duration fails even when unused.
  const duration = view.get('duration_seconds')
  if (duration !== undefined) {
    const seconds = parseGoUint(duration.value)
    if (seconds === undefined) {
      const where = duration.from === state.top ? '' : ` (read from profile "${duration.from}")`
      throw new Error(`Profile "${state.top}": duration_seconds${where} must be a whole number of seconds, e.g. 3600; aws-vault crashes on this value.`)
    }
    if (state.duration === 0 && seconds > 0) {
      state.duration = seconds
      if (duration.line !== undefined) state.durationLine = duration.line
      state.provenance.set('duration_seconds', duration.from)
    }
  }
  const fill = (key: string): void => {
    if (state.fields.has(key)) return
    const hit = view.get(key)
    if (hit === undefined || hit.value === '') return
    state.fields.set(key, hit.value)
    state.provenance.set(key, hit.from)
  }
  for (const key of FIELDS_BEFORE_SSO) fill(key)
  fill('source_profile')
  const ssoSession = view.get('sso_session')?.value ?? ''
  if (!state.fields.has('sso_session') && ssoSession !== '') {
    fill('sso_session')
    const session = ssoSessionView(config, ssoSession)
    if (session.exists) {
      // aws-vault overwrites these from the [sso-session] section, even with empty values.
      for (const key of ['sso_start_url', 'sso_region', 'sso_registration_scopes']) {
        const value = session.get(key)?.value ?? ''
        if (value === '') {
          state.fields.delete(key)
          state.provenance.delete(key)
        } else {
          state.fields.set(key, value)
          state.provenance.set(key, `sso-session ${ssoSession}`)
        }
      }
    }
  }
  for (const key of FIELDS_AFTER_SSO) fill(key)
  const tags = view.get('session_tags')?.value ?? ''
  if (tags !== '' && state.sessionTags === undefined) {
    state.sessionTags = parseSessionTags(tags, state.top)
    state.provenance.set('session_tags', name)
  }
  const transitive = view.get('transitive_session_tags')?.value ?? ''
  if (transitive !== '' && state.transitiveTags === undefined) {
    const list = transitive.split(',').map((tag) => tag.trim()).filter((tag) => tag !== '')
    if (list.length > 0) {
      state.transitiveTags = list
      state.provenance.set('transitive_session_tags', name)
    }
  }
  const include = view.get('include_profile')?.value ?? ''
  if (include !== '') populate(config, state, include)
  else if (name !== 'default') populate(config, state, 'default')
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
  const resolved: ResolvedProfile = { name }
  const set = (field: keyof ResolvedProfile, key: string): void => {
    const value = state.fields.get(key)
    if (value !== undefined) (resolved as unknown as Record<string, unknown>)[field] = value
  }
  set('region', 'region')
  set('mfaSerial', 'mfa_serial')
  set('roleArn', 'role_arn')
  set('roleSessionName', 'role_session_name')
  set('externalId', 'external_id')
  if (state.duration > 0) resolved.durationSeconds = state.duration
  set('sourceProfile', 'source_profile')
  set('ssoSession', 'sso_session')
  set('ssoStartUrl', 'sso_start_url')
  set('ssoRegion', 'sso_region')
  set('ssoAccountId', 'sso_account_id')
  set('ssoRoleName', 'sso_role_name')
  set('credentialProcess', 'credential_process')
  set('sourceIdentity', 'source_identity')
  if (state.sessionTags !== undefined) resolved.sessionTags = state.sessionTags
  if (state.transitiveTags !== undefined) resolved.transitiveSessionTags = state.transitiveTags
  const color = profileView(config, name).get('color')?.value
  if (color) resolved.color = color
  return resolved
}

