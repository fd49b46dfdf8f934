// resolveProfile: aws-vault v7's ConfigLoader (vault/config.go) with an empty environment, plus Rolecall's
// choices (docs/aws-protocol.md §6): every unset field is copied from the profile, then its include_profile
// chain, else [default]; nothing is inherited from source_profile, which is resolved on its own; a self-referencing
// source_profile is cleared; include loops, source_profile loops, bad durations and bad session tags are
// errors that name the profile (aws-vault hangs or crashes on them). A pasted config is hostile input
// (issue 15): source_profile and include_profile chains are followed at most 64 hops; what a source chain
// comes to, and how long an include chain is, are worked out once per parse (source-chain.ts,
// include-chain.ts).
//
// Speed (issue 4: 10,000 profiles in well under 50 ms, parse included): fields are collected in arrays
// indexed by field number, not in objects keyed by name, and a resolution keeps only what it needs; the
// object views (ResolutionDetail.profile and .fields) are built when first read. resolveProfile, which keeps
// no detail, reads a section straight from its values and the bit mask of the fields it sets (readSection);
// resolutions with details read key hits (readHits), which know lines and origins. Both apply the same rules:
// test/unit/config/fast-paths.test.ts compares them.
import { ChainFailure } from './chain-failure'
import { MAX_INCLUDE_HOPS, includeChainTooLong, includeTooLongMessage } from './include-chain'
import { setOwn } from './own-property'
import { type ParseMeta, parseMetaOf } from './parse'
import { ResolutionDetail, buildProfile, freezeProfile } from './resolution-detail'
import { FIELD_NAMES, KIND_OF_FIELD, KeyKind, field } from './resolution-keys'
import { NO_NAMES, type Population, begin, release, setField } from './resolution-state'
import type { RawSection } from './raw-section'
import {
  type Hits,
  type KeyHit,
  hasProfile,
  profileHits,
  profileKey,
  profileSection,
  sectionHits,
  sectionKey,
  ssoSessionKey,
} from './section-view'
import { type ChainMode, cachedOutcome, sourceForTop, valueOrFailure } from './source-chain'
import type { ParsedConfig, ResolvedProfile } from './types'
import { colorValue, parseGoUint } from './vault-value'

export {
  DEFAULT_DURATION_SECONDS,
  type Fields,
  ResolutionDetail,
  type ResolvedField,
  setFields,
} from './resolution-detail'

const SOURCE_PROFILE = field('source_profile')
const SSO_SESSION = field('sso_session')
const DURATION_SECONDS = field('duration_seconds')
/** aws-vault copies these from an [sso-session] section, in this order. */
const SSO_SESSION_FIELDS = [field('sso_start_url'), field('sso_region'), field('sso_registration_scopes')]
/** readSection's first pass takes these two (as go-ini maps a whole section first); the second, the rest. */
const FIRST_PASS = (1 << DURATION_SECONDS) | (1 << SSO_SESSION)

/** resolveProfile's sources, kept as frozen profiles: a chain shared by every result that reaches it. */
const FAST_CHAINS: ChainMode<ResolvedProfile> = {
  field: 'sourceView',
  byName: new WeakMap(),
  resolveOne: (config, meta, name, section) => resolveFast(config, meta, name, section),
  sourceOf: (profile) => profile.sourceProfile,
  share(profile, source) {
    if (source !== undefined) profile.source = source
    return freezeProfile(profile)
  },
}

/** resolveDetailed's sources: details, with what the preview and classification need. */
const DETAILED_CHAINS: ChainMode<ResolutionDetail> = {
  field: 'resolution',
  byName: new WeakMap(),
  resolveOne: (config, meta, name, section) => resolveOne(begin(config, meta, name, section)),
  sourceOf: (detail) => detail.sourceName,
  share(detail, source) {
    detail.source = source
    return detail
  },
}

/**
 * The same as resolveDetailed(config, name).profile, but a new object the caller owns (its `source`, if any,
 * is an immutable chain shared with other results: see ResolutionDetail.profile). It is built straight
 * from the scratch state, without a ResolutionDetail: the bulk of a resolve-everything pass allocates only
 * what it returns.
 */
export function resolveProfile(config: ParsedConfig, name: string): ResolvedProfile {
  const meta = parseMetaOf(config)
  // The usual profile, [profile <name>] exactly, is its own proof that the name exists: one lookup.
  const winner =
    meta !== undefined && typeof name === 'string' && name !== 'default' ? meta.profiles.get(name) : undefined
  let section: RawSection | undefined = winner
  if (winner === undefined || !winner.exactProfile) {
    checkName(config, name)
    section = meta ? profileSection(meta, name) : undefined
  }
  const profile = resolveFast(config, meta, name, section)
  // A self-referencing source_profile is cleared above, so a loop can only show up further down.
  // The source chain is shared between results (frozen, so no caller can change another's).
  const sourceName = profile.sourceProfile
  if (sourceName !== undefined) profile.source = orThrow(sourceForTop(FAST_CHAINS, config, meta, name, sourceName))
  return profile
}

/** The resolution, or the error a ChainFailure stands for. */
function orThrow<T>(result: T | ChainFailure): T {
  if (result instanceof ChainFailure) throw new Error(result.reason)
  return result
}

/** One profile without its source, in `fast` mode: built straight from the scratch state, which is emptied after. */
function resolveFast(
  config: ParsedConfig,
  meta: ParseMeta | undefined,
  name: string,
  section: RawSection | undefined,
): ResolvedProfile {
  const state = begin(config, meta, name, section, true)
  try {
    populateTop(state)
    return buildProfile(name, state.texts, state)
  } finally {
    release(state)
  }
}

/**
 * Resolution with what the preview and classification need besides ResolvedProfile. Sources are cached
 * with the parse (they depend on nothing else): the result must not be mutated.
 */
export function resolveDetailed(config: ParsedConfig, name: string): ResolutionDetail {
  return orThrow(resolveDetailedOrFailure(config, name))
}

/**
 * resolveDetailed, but a source_profile chain that cannot be followed, or an include_profile chain that is
 * too long, is given back as a ChainFailure, not thrown: the preview of a hostile config meets thousands,
 * and an Error with its stack trace costs more than the rest of a row. Other errors (a bad value in the
 * profile itself, an include loop) are still thrown.
 */
export function resolveDetailedOrFailure(config: ParsedConfig, name: string): ResolutionDetail | ChainFailure {
  checkName(config, name)
  const meta = parseMetaOf(config)
  const section = meta ? profileSection(meta, name) : undefined
  // A profile some other profile named as its source has its outcome kept already.
  const known = cachedOutcome(DETAILED_CHAINS, meta, name, section)
  if (known !== undefined) return valueOrFailure(name, known)
  if (includeChainTooLong(config, meta, name)) return new ChainFailure(includeTooLongMessage(name))
  // A profile asked for directly is resolved afresh, not kept: keeping all 10,000 of a large config would
  // keep them alive for the garbage collector to copy, for a second call that rarely comes. Its sources are
  // kept (many profiles share one).
  const detail = resolveOne(begin(config, meta, name, section))
  const sourceName = detail.sourceName
  if (sourceName === undefined) return detail
  const source = sourceForTop(DETAILED_CHAINS, config, meta, name, sourceName)
  if (source instanceof ChainFailure) return source
  detail.source = source
  return detail
}

function checkName(config: ParsedConfig, name: string): void {
  if (typeof name !== 'string' || !hasProfile(config, name)) {
    throw new Error(`Profile "${String(name)}" is not in the config: there is no [profile ${String(name)}] section.`)
  }
}

/**
 * Fills the scratch state for state.top: its own fields, include_profile chain and [default], with a
 * self-referencing source_profile cleared, and its colour.
 */
function populateTop(state: Population): void {
  const name = state.top
  populate(state)
  if (state.texts[SOURCE_PROFILE] === name) {
    setField(state, SOURCE_PROFILE, undefined, name)
    state.selfSourced = true
  }
  const meta = state.meta
  const section = state.topSection
  let color: string | undefined
  if (meta && section && !section.dotted) color = section.hasColor ? colorValue(section.get('color')) : undefined
  else color = (meta ? sectionKey(meta, name, section, 'color') : profileKey(state.config, name, 'color', meta))?.value
  state.color = color || undefined
}

/** The profile itself, without its source (resolveDetailed and source-chain.ts add that). */
function resolveOne(state: Population): ResolutionDetail {
  try {
    populateTop(state)
    return new ResolutionDetail(
      state.top,
      state.slots.slice(),
      state.order.slice(0, state.orderLength),
      state.duration,
      state.durationLine,
      state.sessionTags,
      state.transitiveTags,
      state.color,
      state.missingIncludes,
      state.selfSourced,
    )
  } finally {
    release(state)
  }
}

/**
 * Reads state.top's section into the state, then each include_profile in turn, then [default] (unless read
 * already). A loop, or a chain of more than MAX_INCLUDE_HOPS include_profile hops, is an error naming
 * state.top. include-chain.ts knows the count before the first read, so a profile far down a hostile chain
 * is refused without reading the 65 sections that would show it; the walk counts too, so the limit holds
 * whatever that count says. The loop check scans the sections read so far: at most 66, and usually two, for
 * which a Set costs more. A loop rather than recursion: a throw from 65 calls deep costs far more.
 */
function populate(state: Population): void {
  if (includeChainTooLong(state.config, state.meta, state.top)) throw new Error(includeTooLongMessage(state.top))
  let includeHops = 0
  for (let name: string | undefined = state.top; name !== undefined;) {
    if (readAlready(state, name)) throw includeLoop(state, name)
    if (includeHops > MAX_INCLUDE_HOPS) throw new Error(includeTooLongMessage(state.top))
    state.visited[state.visitedLength++] = name
    const include = readProfile(state, name)
    if (include !== '') {
      name = include
      includeHops++
    } else name = name === 'default' ? undefined : 'default'
  }
}

/** Reads one profile's section (and its dotted parents) into the state; returns its include_profile ('' if none). */
function readProfile(state: Population, name: string): string {
  const meta = state.meta
  const section = meta === undefined ? undefined : name === state.top ? state.topSection : profileSection(meta, name)
  if (state.fast && section !== undefined && !section.dotted) return readSection(state, section, name)
  const hits = meta ? sectionHits(meta, name, section) : profileHits(state.config, name, undefined)
  if (hits === undefined && name !== state.top && name !== 'default') {
    if (state.missingIncludes === NO_NAMES) state.missingIncludes = []
    state.missingIncludes.push(name)
  }
  return readHits(state, hits)
}

/** Whether `name`'s section is among those read so far (see populate: a scan of at most 66). */
function readAlready(state: Population, name: string): boolean {
  for (let i = 0; i < state.visitedLength; i++) if (state.visited[i] === name) return true
  return false
}

/** The error for an include_profile that leads back to `name`, a profile the chain has read already. */
function includeLoop(state: Population, name: string): Error {
  const visited = state.visited.slice(0, state.visitedLength)
  const loop = [...visited.slice(visited.indexOf(name)), name].join(' → ')
  return new Error(
    `Profile "${state.top}": include_profile goes round in a loop (${loop}); aws-vault stops with "Loop detected in config file for profile '${name}'". Remove one of the include_profile lines.`,
  )
}

/**
 * Takes a section's keys from its hits; returns its include_profile ('' if none). go-ini maps the whole
 * section first (a bad duration fails even when unused), and aws-vault takes sso_session, overwriting the
 * start URL and region, before the plain fields.
 */
function readHits(state: Population, hits: Hits): string {
  let include = ''
  const first = hits?.first
  for (let hit = first; hit; hit = hit.next) {
    const kind = KIND_OF_FIELD[hit.field]
    if (kind === KeyKind.Duration) takeDuration(state, hit.value, hit.from, hit.line, hit)
    else if (kind === KeyKind.SsoSession) takeSsoSession(state, hit.value, hit.from, hit)
  }
  for (let hit = first; hit; hit = hit.next) {
    const value = takeField(state, hit.field, hit.value, hit.from, hit)
    if (value !== undefined) include = value
  }
  return include
}

/**
 * readHits for a plain section of a resolution without details: its values, read in place. The fields a
 * section sets are its fieldMask's bits; each is set once in a section, so their order does not matter here.
 */
function readSection(state: Population, section: RawSection, name: string): string {
  const mask = section.fieldMask
  if (mask === 0) return ''
  if ((mask & FIRST_PASS) !== 0) {
    if ((mask & (1 << DURATION_SECONDS)) !== 0)
      takeDuration(state, sectionValue(section, DURATION_SECONDS), name, undefined)
    if ((mask & (1 << SSO_SESSION)) !== 0) takeSsoSession(state, sectionValue(section, SSO_SESSION), name)
  }
  let include = ''
  for (let rest = mask & ~FIRST_PASS; rest !== 0; rest &= rest - 1) {
    const id = 31 - Math.clz32(rest & -rest)
    const value = takeField(state, id, sectionValue(section, id), name, undefined)
    if (value !== undefined) include = value
  }
  return include
}

/** A field of a section (one of its fieldMask bits) as aws-vault reads it: usually the value as it is. */
function sectionValue(section: RawSection, id: number): string {
  return section.vaultReading(id, section.values[FIELD_NAMES[id] as string])
}

/** Takes one key of the second pass; returns the value if it is an include_profile. */
function takeField(
  state: Population,
  id: number,
  value: string,
  from: string,
  hit: KeyHit | undefined,
): string | undefined {
  const kind = KIND_OF_FIELD[id]
  if (kind === KeyKind.Plain) {
    if (value !== '' && state.texts[id] === undefined) setField(state, id, value, from, hit)
  } else if (kind === KeyKind.SessionTags) {
    if (value !== '' && state.sessionTags === undefined) {
      state.sessionTags = parseSessionTags(value, state.top)
      setField(state, id, value, from, hit)
    }
  } else if (kind === KeyKind.TransitiveTags) {
    if (value !== '' && state.transitiveTags === undefined) {
      const list = value
        .split(',')
        .map((tag) => tag.trim())
        .filter((tag) => tag !== '')
      if (list.length > 0) {
        state.transitiveTags = list
        setField(state, id, value, from, hit)
      }
    }
  } else if (kind === KeyKind.Include) return value
  return undefined
}

function takeDuration(state: Population, value: string, from: string, line: number | undefined, hit?: KeyHit): void {
  const seconds = parseGoUint(value)
  if (seconds === undefined) {
    const where = from === state.top ? '' : ` (read from profile "${from}")`
    throw new Error(
      `Profile "${state.top}": duration_seconds${where} must be a whole number of seconds, e.g. 3600; aws-vault crashes on this value.`,
    )
  }
  if (state.duration === 0 && seconds > 0) {
    state.duration = seconds
    if (line !== undefined) state.durationLine = line
    setField(state, DURATION_SECONDS, value, from, hit)
  }
}

function takeSsoSession(state: Population, session: string, from: string, hit?: KeyHit): void {
  if (session === '' || state.texts[SSO_SESSION] !== undefined) return
  setField(state, SSO_SESSION, session, from, hit)
  if (ssoSessionKey(state.config, session, 'sso_start_url', state.meta) === null) return // no such [sso-session]
  // aws-vault overwrites these from the [sso-session] section, even with empty values.
  const origin = `sso-session ${session}`
  for (const id of SSO_SESSION_FIELDS) {
    const value = ssoSessionKey(state.config, session, FIELD_NAMES[id] as string, state.meta) ?? ''
    setField(state, id, value === '' ? undefined : value, origin)
  }
}

function parseSessionTags(text: string, profile: string): Record<string, string> {
  const tags: Record<string, string> = {}
  for (const tag of text.split(',')) {
    const equals = tag.indexOf('=')
    if (equals < 0) {
      throw new Error(
        `Profile "${profile}": session_tags must be key=value pairs separated by commas (e.g. team=web,env=prod); one entry has no "=".`,
      )
    }
    setOwn(tags, tag.slice(0, equals).trim(), tag.slice(equals + 1).trim())
  }
  return tags
}
