// resolveProfile: aws-vault v7's ConfigLoader (vault/config.go) with an empty environment, plus Rolecall's
// choices (PROTOCOL §6): every unset field is copied from the profile, then its include_profile chain, else
// [default]; nothing is inherited from source_profile, which is resolved on its own; a self-referencing
// source_profile is cleared; include loops, source_profile loops, bad durations and bad session tags are
// errors that name the profile (aws-vault hangs or crashes on them).
//
// Speed (issue 4: 10,000 profiles in well under 50 ms, parse included): fields are collected in arrays
// indexed by field number, not in objects keyed by name, and a resolution keeps only what it needs; the
// object views (ResolutionDetail.profile and .fields) are built when first read.
import { setOwn } from './ini-raw'
import { type ParseMeta, parseMetaOf } from './parse'
import { ResolutionDetail, buildProfile } from './resolution-detail'
import { FIELD_NAMES, KIND_OF_FIELD, KeyKind, field } from './resolution-keys'
import { NO_NAMES, type Population, begin, release, setField } from './resolution-state'
import { type Hits, type KeyHit, hasProfile, profileHits, profileKey, profileSection, sectionHits, sectionKey, ssoSessionKey } from './section-view'
import type { ParsedConfig, ResolvedProfile } from './types'
import { parseGoUint } from './vault-value'

export { DEFAULT_DURATION_SECONDS, type Fields, ResolutionDetail, type ResolvedField, setFields } from './resolution-detail'

const SOURCE_PROFILE = field('source_profile')
const SSO_SESSION = field('sso_session')
const DURATION_SECONDS = field('duration_seconds')
/** aws-vault copies these from an [sso-session] section, in this order. */
const SSO_SESSION_FIELDS = [field('sso_start_url'), field('sso_region'), field('sso_registration_scopes')]

/** Resolutions by name, for those not cached on their section (see resolveChain). */
const byName = new WeakMap<object, Map<string, ResolutionDetail>>()

function namedCache(meta: ParseMeta): Map<string, ResolutionDetail> {
  let cache = byName.get(meta)
  if (!cache) byName.set(meta, (cache = new Map()))
  return cache
}

/**
 * The same as resolveDetailed(config, name).profile, but a new object the caller owns (its `source`, if any,
 * is an immutable chain shared with other results: see ResolutionDetail.profile). It is built straight
 * from the scratch state, without a ResolutionDetail: the bulk of a resolve-everything pass allocates only
 * what it returns.
 */
export function resolveProfile(config: ParsedConfig, name: string): ResolvedProfile {
  checkName(config, name)
  const meta = parseMetaOf(config)
  const state = begin(config, meta, name, meta ? profileSection(meta, name) : undefined)
  let profile: ResolvedProfile
  let sourceName: string | undefined
  try {
    populateTop(state)
    // The state is emptied for the next profile, so nothing of it is shared with the caller: no copies.
    profile = buildProfile(name, state.slots, state)
    sourceName = state.slots[SOURCE_PROFILE]?.value
  } finally {
    release(state)
  }
  // A self-referencing source_profile is cleared above, so a loop can only show up further down.
  // The source chain is shared between results (frozen, so no caller can change another's).
  if (sourceName !== undefined) profile.source = resolveChain(config, meta, sourceName, [name]).profile
  return profile
}

/**
 * Resolution with what the preview and classification need besides ResolvedProfile. Sources are cached
 * with the parse (they depend on nothing else): the result must not be mutated.
 */
export function resolveDetailed(config: ParsedConfig, name: string): ResolutionDetail {
  checkName(config, name)
  return resolveChain(config, parseMetaOf(config), name, NO_NAMES)
}

function checkName(config: ParsedConfig, name: string): void {
  if (typeof name !== 'string' || !hasProfile(config, name)) {
    throw new Error(`Profile "${String(name)}" is not in the config: there is no [profile ${String(name)}] section.`)
  }
}

function resolveChain(config: ParsedConfig, meta: ParseMeta | undefined, name: string, sourcedFrom: string[]): ResolutionDetail {
  // A cached resolution is kept on the profile's section, which has to be looked up anyway; only a second
  // name for the same section (`[profile  x]` is both "x" and " x") or a name without one uses a Map.
  const section = meta ? profileSection(meta, name) : undefined
  const onSection = section?.resolution as ResolutionDetail | undefined
  // Only one name leads to a section whose header is exactly [profile <name>]: no need to compare names.
  if (onSection !== undefined && (section?.exactProfile || onSection.name === name)) return onSection
  const named = meta && (section === undefined || onSection !== undefined) ? namedCache(meta) : undefined
  const hit = named?.get(name)
  if (hit) return hit
  const detail = resolveOne(begin(config, meta, name, section))
  const sourceName = detail.sourceName
  if (sourceName !== undefined) {
    const path = withName(sourcedFrom, name)
    const loopStart = path.indexOf(sourceName)
    if (loopStart >= 0) {
      const loop = [...path.slice(loopStart), sourceName].join(' → ')
      throw new Error(`Profile "${path[0]}": source_profile goes round in a loop (${loop}), so no profile in it can get keys. Point one of them at a profile with keys.`)
    }
    detail.source = resolveChain(config, meta, sourceName, path)
  }
  // Sources are cached: many profiles share one, and each profile's resolution includes its source's. A
  // profile asked for directly is resolved afresh: caching all 10,000 of a large config would keep them
  // alive for the garbage collector to copy, for a second call that rarely comes. Only complete
  // resolutions are cached: an error must name the profile the caller asked for.
  if (sourcedFrom.length > 0) {
    if (section !== undefined && section.resolution === undefined) section.resolution = detail
    else if (meta) namedCache(meta).set(name, detail)
  }
  return detail
}

/**
 * Fills the scratch state for state.top: its own fields, include_profile chain and [default], with a
 * self-referencing source_profile cleared, and its colour.
 */
function populateTop(state: Population): void {
  const name = state.top
  populate(state, name)
  if (state.slots[SOURCE_PROFILE]?.value === name) {
    setField(state, SOURCE_PROFILE, undefined)
    state.selfSourced = true
  }
  const meta = state.meta
  const color = (meta ? sectionKey(meta, name, state.topSection, 'color') : profileKey(state.config, name, 'color', meta))?.value
  state.color = color || undefined
}

/** The profile itself, without its source (resolveChain adds that). */
function resolveOne(state: Population): ResolutionDetail {
  try {
    populateTop(state)
    return new ResolutionDetail(
      state.top, state.slots.slice(), state.order.slice(0, state.orderLength), state.duration, state.durationLine,
      state.sessionTags, state.transitiveTags, state.color, state.missingIncludes, state.selfSourced,
    )
  } finally {
    release(state)
  }
}

/** list + [name], as a new array. */
function withName(list: readonly string[], name: string): string[] {
  const out = new Array<string>(list.length + 1)
  for (let i = 0; i < list.length; i++) out[i] = list[i] as string
  out[list.length] = name
  return out
}

function hitsOf(state: Population, name: string): Hits {
  if (!state.meta) return profileHits(state.config, name, undefined)
  const section = name === state.top ? state.topSection : profileSection(state.meta, name)
  return sectionHits(state.meta, name, section)
}

function populate(state: Population, name: string): void {
  const visited = state.visited
  for (let i = 0; i < state.visitedLength; i++) {
    if (visited[i] !== name) continue
    const loop = [...visited.slice(i, state.visitedLength), name].join(' → ')
    throw new Error(`Profile "${state.top}": include_profile goes round in a loop (${loop}); aws-vault stops with "Loop detected in config file for profile '${name}'". Remove one of the include_profile lines.`)
  }
  visited[state.visitedLength++] = name
  const hits = hitsOf(state, name)
  if (hits === undefined && name !== state.top && name !== 'default') {
    if (state.missingIncludes === NO_NAMES) state.missingIncludes = []
    state.missingIncludes.push(name)
  }
  let include = ''
  // go-ini maps the whole section first (a bad duration fails even when unused), and aws-vault takes
  // sso_session, overwriting the start URL and region, before the plain fields.
  const first = hits?.first
  for (let hit = first; hit; hit = hit.next) {
    const kind = KIND_OF_FIELD[hit.field]
    if (kind === KeyKind.Duration) takeDuration(state, hit)
    else if (kind === KeyKind.SsoSession) takeSsoSession(state, hit)
  }
  for (let hit = first; hit; hit = hit.next) {
    const id = hit.field
    const kind = KIND_OF_FIELD[id]
    if (kind === KeyKind.Plain) {
      if (hit.value !== '' && state.slots[id] === undefined) setField(state, id, hit)
    } else if (kind === KeyKind.SessionTags) {
      if (hit.value !== '' && state.sessionTags === undefined) {
        state.sessionTags = parseSessionTags(hit.value, state.top)
        setField(state, id, hit)
      }
    } else if (kind === KeyKind.TransitiveTags) {
      if (hit.value !== '' && state.transitiveTags === undefined) {
        const list = hit.value.split(',').map((tag) => tag.trim()).filter((tag) => tag !== '')
        if (list.length > 0) {
          state.transitiveTags = list
          setField(state, id, hit)
        }
      }
    } else if (kind === KeyKind.Include) include = hit.value
  }
  if (include !== '') populate(state, include)
  else if (name !== 'default') populate(state, 'default')
}

function takeDuration(state: Population, hit: KeyHit): void {
  const seconds = parseGoUint(hit.value)
  if (seconds === undefined) {
    const where = hit.from === state.top ? '' : ` (read from profile "${hit.from}")`
    throw new Error(`Profile "${state.top}": duration_seconds${where} must be a whole number of seconds, e.g. 3600; aws-vault crashes on this value.`)
  }
  if (state.duration === 0 && seconds > 0) {
    state.duration = seconds
    if (hit.line !== undefined) state.durationLine = hit.line
    setField(state, DURATION_SECONDS, hit)
  }
}

function takeSsoSession(state: Population, hit: KeyHit): void {
  if (hit.value === '' || state.slots[SSO_SESSION] !== undefined) return
  setField(state, SSO_SESSION, hit)
  if (ssoSessionKey(state.config, hit.value, 'sso_start_url', state.meta) === null) return // no such [sso-session]
  // aws-vault overwrites these from the [sso-session] section, even with empty values.
  const from = `sso-session ${hit.value}`
  for (const id of SSO_SESSION_FIELDS) {
    const value = ssoSessionKey(state.config, hit.value, FIELD_NAMES[id] as string, state.meta) ?? ''
    setField(state, id, value === '' ? undefined : { value, from })
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
