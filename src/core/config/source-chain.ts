// Following source_profile from profile to profile, in bounded work whatever the config (issue 15). A pasted
// config is hostile input: a long chain, or thousands of profiles leading into a loop, used to be followed
// again for every profile on it, with the path rescanned at each hop (cubic: a few hundred KB took seconds).
// Now what a profile's chain comes to (its resolution with its sources linked, or why it cannot be
// followed) is worked out once per parse and kept for that profile, so every profile that names it as
// its source reuses it; a chain is walked with a Map of the profiles on it, and is refused past
// MAX_SOURCE_HOPS hops. Up to that limit the results and errors are exactly those of following the chain
// hop by hop: at each profile, its own resolution error first, then a loop back into the path, then the limit.
// resolve.ts uses this twice over: for resolveProfile's frozen profiles and for resolveDetailed's details.
import { ChainFailure } from './chain-failure'
import type { ParseMeta } from './parse'
import type { RawSection } from './raw-section'
import { profileSection } from './section-view'
import type { ParsedConfig } from './types'

/** The most source_profile hops Rolecall follows from one profile. Real chains have two or three. */
export const MAX_SOURCE_HOPS = 64

/**
 * What following source_profile from the profile `name` comes to. `hops` and `nodes` count from that
 * profile, which is why one outcome serves every profile that leads to it.
 */
export type ChainOutcome<T> =
  /** `value`: the resolution with its sources linked, `hops` of them (at most MAX_SOURCE_HOPS). */
  | { readonly kind: 'ok'; readonly name: string; readonly value: T; readonly hops: number }
  /** The profile `hops` hops down (0: this one) failed to resolve on its own, with `error`. */
  | { readonly kind: 'error'; readonly name: string; readonly error: unknown; readonly hops: number }
  /**
   * The chain goes round `cycle` (entering it at cycle[entry]) after `nodes` different profiles, at most
   * MAX_SOURCE_HOPS + 1. The cycle array is shared by every profile that leads to it.
   */
  | {
      readonly kind: 'loop'
      readonly name: string
      readonly nodes: number
      readonly cycle: readonly string[]
      readonly entry: number
    }
  /** The chain is longer than MAX_SOURCE_HOPS hops (whether it ends, fails further down, or loops). */
  | { readonly kind: 'deep'; readonly name: string }

/** How one kind of resolution resolves a profile on its own and links it to its source. */
export interface ChainMode<T> {
  /** Where outcomes are kept on a profile's section; a name without its own section uses `byName`. */
  readonly field: 'resolution' | 'sourceView'
  readonly byName: WeakMap<ParseMeta, Map<string, ChainOutcome<T>>>
  /** The profile without its source; throws what its resolution throws (e.g. a bad duration_seconds). */
  resolveOne(config: ParsedConfig, meta: ParseMeta | undefined, name: string, section: RawSection | undefined): T
  /** The source_profile it names (a self-reference already cleared), if any. */
  sourceOf(value: T): string | undefined
  /** Links a resolution to its source's (undefined: it has none) and makes it fit to share between results. */
  share(value: T, source: T | undefined): T
}

/**
 * The source of `top`, whose own resolution names `sourceName`, resolved with its whole chain (shared, not to
 * be changed); or why not, if the chain loops, is too long, or a profile on it fails.
 */
export function sourceForTop<T>(
  mode: ChainMode<T>,
  config: ParsedConfig,
  meta: ParseMeta | undefined,
  top: string,
  sourceName: string,
): T | ChainFailure {
  const next = outcomeOf(mode, config, meta, sourceName)
  if (next.kind === 'ok' && next.hops < MAX_SOURCE_HOPS) return next.value
  return failureOf(top, failureAbove(top, next))
}

/** The resolution an outcome of `top`'s own chain gives (from a cache), or why there is none. */
export function valueOrFailure<T>(top: string, outcome: ChainOutcome<T>): T | ChainFailure {
  return outcome.kind === 'ok' ? outcome.value : failureOf(top, outcome)
}

/** The outcome kept for `name` in this parse, if any (see ChainMode.field). */
export function cachedOutcome<T>(
  mode: ChainMode<T>,
  meta: ParseMeta | undefined,
  name: string,
  section: RawSection | undefined,
): ChainOutcome<T> | undefined {
  const onSection = section?.[mode.field] as ChainOutcome<T> | undefined
  // Only one name leads to a section whose header is exactly [profile <name>]: no need to compare names.
  if (onSection !== undefined && (section?.exactProfile || onSection.name === name)) return onSection
  // A second name for the same section (`[profile  x]` is both "x" and " x"), or a name without one.
  return meta && (section === undefined || onSection !== undefined) ? mode.byName.get(meta)?.get(name) : undefined
}

function keep<T>(
  mode: ChainMode<T>,
  meta: ParseMeta | undefined,
  section: RawSection | undefined,
  outcome: ChainOutcome<T>,
): ChainOutcome<T> {
  if (section !== undefined && section[mode.field] === undefined) section[mode.field] = outcome
  else if (meta) {
    let byName = mode.byName.get(meta)
    if (!byName) mode.byName.set(meta, (byName = new Map()))
    byName.set(outcome.name, outcome)
  }
  return outcome
}

/** A profile the walk has resolved on its own, waiting for what its source comes to. */
interface Step<T> {
  name: string
  section: RawSection | undefined
  value: T
}

/**
 * What following source_profile from `start` comes to, kept for `start` and every profile on the way. The
 * walk goes down until a profile whose outcome is known, or that fails, or has no source, or is on the path
 * already (a loop); then each profile's outcome is worked out from its source's, back up the path.
 */
function outcomeOf<T>(
  mode: ChainMode<T>,
  config: ParsedConfig,
  meta: ParseMeta | undefined,
  start: string,
): ChainOutcome<T> {
  // Most sources are known already (thousands of profiles share a few): that answer needs no walk.
  const known = cachedOutcome(mode, meta, start, meta ? profileSection(meta, start) : undefined)
  return known ?? walk(mode, config, meta, start)
}

function walk<T>(
  mode: ChainMode<T>,
  config: ParsedConfig,
  meta: ParseMeta | undefined,
  start: string,
): ChainOutcome<T> {
  const path: Step<T>[] = []
  const onPath = new Map<string, number>()
  let next: ChainOutcome<T>
  for (let name = start; ;) {
    const section = meta ? profileSection(meta, name) : undefined
    const known = cachedOutcome(mode, meta, name, section)
    if (known !== undefined) {
      next = known
      break
    }
    const at = onPath.get(name)
    if (at !== undefined) {
      next = keepLoop(mode, meta, path.splice(at))
      break
    }
    let value: T
    try {
      value = mode.resolveOne(config, meta, name, section)
    } catch (error) {
      next = keep(mode, meta, section, { kind: 'error', name, error, hops: 0 })
      break
    }
    const sourceName = mode.sourceOf(value)
    if (sourceName === undefined) {
      next = keep(mode, meta, section, { kind: 'ok', name, value: mode.share(value, undefined), hops: 0 })
      break
    }
    onPath.set(name, path.length)
    path.push({ name, section, value })
    name = sourceName
  }
  for (let i = path.length - 1; i >= 0; i--) {
    const step = path[i] as Step<T>
    next = keep(mode, meta, step.section, outcomeAbove(mode, step, next))
  }
  return next
}

/** Keeps the outcome of each profile on a loop the walk found; returns the first one's (where the walk entered). */
function keepLoop<T>(mode: ChainMode<T>, meta: ParseMeta | undefined, loop: Step<T>[]): ChainOutcome<T> {
  const cycle = loop.map((step) => step.name)
  // From any profile on it, the walk meets all of the loop before coming back: too long past the limit.
  const tooLong = cycle.length > MAX_SOURCE_HOPS + 1
  const outcomes = loop.map(({ name, section }, entry) =>
    keep(
      mode,
      meta,
      section,
      tooLong ? { kind: 'deep', name } : { kind: 'loop', name, nodes: cycle.length, cycle, entry },
    ),
  )
  return outcomes[0] as ChainOutcome<T>
}

/** The outcome of the profile in `step`, whose source's outcome is `next`. */
function outcomeAbove<T>(mode: ChainMode<T>, step: Step<T>, next: ChainOutcome<T>): ChainOutcome<T> {
  if (next.kind !== 'ok') return failureAbove(step.name, next)
  if (next.hops >= MAX_SOURCE_HOPS) return { kind: 'deep', name: step.name }
  return { kind: 'ok', name: step.name, value: mode.share(step.value, next.value), hops: next.hops + 1 }
}

/** The outcome of `name`, whose source's chain fails with `next`: the same failure, one hop further. */
function failureAbove(name: string, next: ChainOutcome<unknown>): ChainOutcome<never> {
  switch (next.kind) {
    case 'ok':
    case 'deep':
      // sourceForTop passes an 'ok' only when it is already MAX_SOURCE_HOPS long.
      return { kind: 'deep', name }
    case 'error':
      // The failing profile is one hop further from here: beyond the limit, the walk stops before it.
      return next.hops < MAX_SOURCE_HOPS
        ? { kind: 'error', name, error: next.error, hops: next.hops + 1 }
        : { kind: 'deep', name }
    case 'loop':
      return loopAbove(name, next)
  }
}

function loopAbove(name: string, next: Extract<ChainOutcome<unknown>, { kind: 'loop' }>): ChainOutcome<never> {
  const { cycle, entry, nodes } = next
  const before = (entry + cycle.length - 1) % cycle.length
  // A profile on the loop itself (its source is where its source's walk entered the loop) meets the same profiles.
  if (cycle[before] === name) return { kind: 'loop', name, nodes, cycle, entry: before }
  if (nodes > MAX_SOURCE_HOPS) return { kind: 'deep', name }
  return { kind: 'loop', name, nodes: nodes + 1, cycle, entry }
}

/** What a failed outcome says when `top` was asked for. */
function failureOf(top: string, outcome: ChainOutcome<unknown>): ChainFailure {
  switch (outcome.kind) {
    case 'error':
      // A profile further down failed on its own; its error names it, as it always has.
      return new ChainFailure(outcome.error instanceof Error ? outcome.error.message : String(outcome.error))
    case 'loop': {
      const { cycle, entry } = outcome
      const loop = [...cycle.slice(entry), ...cycle.slice(0, entry), cycle[entry]].join(' → ')
      return new ChainFailure(
        `Profile "${top}": source_profile goes round in a loop (${loop}), so no profile in it can get keys. Point one of them at a profile with keys.`,
      )
    }
    default:
      return new ChainFailure(
        `Profile "${top}": its source_profile chain is longer than ${MAX_SOURCE_HOPS} hops, so Rolecall does not follow it (real chains have two or three). Point "${top}" or a profile on its chain at a profile with keys.`,
      )
  }
}
