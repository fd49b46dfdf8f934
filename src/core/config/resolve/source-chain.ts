// Following source_profile from profile to profile, in bounded work whatever the config (issue 15). A pasted
// config is hostile input: a long chain, or thousands of profiles leading into a loop, used to be followed
// again for every profile on it, with the path rescanned at each hop (cubic: a few hundred KB took seconds).
// Now what a profile's chain comes to (its resolution with its sources linked, or why it cannot be
// followed) is worked out once per parse and kept for that profile, so every profile that names it as
// its source reuses it; a chain is walked with a Map of the profiles on it, and is refused past
// MAX_SOURCE_HOPS hops. Up to that limit the results and errors are exactly those of following the chain
// hop by hop: at each profile, its own resolution error first, then a loop back into the path, then the limit.
import { ChainFailure, type ResolutionDetail, resolveOwn } from './resolution'
import type { VaultConfig } from './vault-config'

/** The most source_profile hops Rolecall follows from one profile. Real chains have two or three. */
export const MAX_SOURCE_HOPS = 64

/**
 * What following source_profile from the profile `name` comes to. `hops` and `nodes` count from that
 * profile, which is why one outcome serves every profile that leads to it.
 */
export type ChainOutcome =
  /** `value`: the resolution with its sources linked, `hops` of them (at most MAX_SOURCE_HOPS). */
  | { readonly kind: 'ok'; readonly name: string; readonly value: ResolutionDetail; readonly hops: number }
  /** The profile `hops` hops down (0: this one) failed to resolve on its own, saying `reason`. */
  | { readonly kind: 'error'; readonly name: string; readonly reason: string; readonly hops: number }
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

/**
 * The source of `top`, whose own resolution names `sourceName`, resolved with its whole chain (shared, not to
 * be changed); or why not, if the chain loops, is too long, or a profile on it fails.
 */
export function sourceFor(vault: VaultConfig, top: string, sourceName: string): ResolutionDetail | ChainFailure {
  // Most sources are known already (thousands of profiles share a few): that answer needs no walk.
  const next = vault.outcomes.get(sourceName) ?? walk(vault, sourceName)
  if (next.kind === 'ok' && next.hops < MAX_SOURCE_HOPS) return next.value
  return failureOf(top, failureAbove(top, next))
}

/** The resolution an outcome of `top`'s own chain gives, or why there is none. */
export function valueOrFailure(top: string, outcome: ChainOutcome): ResolutionDetail | ChainFailure {
  return outcome.kind === 'ok' ? outcome.value : failureOf(top, outcome)
}

function keep(vault: VaultConfig, outcome: ChainOutcome): ChainOutcome {
  vault.outcomes.set(outcome.name, outcome)
  return outcome
}

/**
 * What following source_profile from `start` comes to, kept for `start` and every profile on the way. The
 * walk goes down until a profile whose outcome is known, or that fails, or has no source, or is on the path
 * already (a loop); then each profile's outcome is worked out from its source's, back up the path.
 */
function walk(vault: VaultConfig, start: string): ChainOutcome {
  const path: ResolutionDetail[] = []
  const onPath = new Map<string, number>()
  let next: ChainOutcome
  for (let name = start; ;) {
    const known = vault.outcomes.get(name)
    if (known !== undefined) {
      next = known
      break
    }
    const at = onPath.get(name)
    if (at !== undefined) {
      next = keepLoop(vault, path.splice(at))
      break
    }
    const detail = resolveOwn(vault, name)
    if (detail instanceof ChainFailure) {
      next = keep(vault, { kind: 'error', name, reason: detail.reason, hops: 0 })
      break
    }
    const sourceName = detail.sourceName
    if (sourceName === undefined) {
      next = keep(vault, { kind: 'ok', name, value: detail, hops: 0 })
      break
    }
    onPath.set(name, path.length)
    path.push(detail)
    name = sourceName
  }
  for (let i = path.length - 1; i >= 0; i--) next = keep(vault, outcomeAbove(path[i] as ResolutionDetail, next))
  return next
}

/** Keeps the outcome of each profile on a loop the walk found; returns the first one's (where the walk entered). */
function keepLoop(vault: VaultConfig, loop: ResolutionDetail[]): ChainOutcome {
  const cycle = loop.map((step) => step.name)
  // From any profile on it, the walk meets all of the loop before coming back: too long past the limit.
  const tooLong = cycle.length > MAX_SOURCE_HOPS + 1
  const outcomes = cycle.map((name, entry) =>
    keep(vault, tooLong ? { kind: 'deep', name } : { kind: 'loop', name, nodes: cycle.length, cycle, entry }),
  )
  return outcomes[0] as ChainOutcome
}

/** The outcome of `detail`'s profile, whose source's outcome is `next`. */
function outcomeAbove(detail: ResolutionDetail, next: ChainOutcome): ChainOutcome {
  if (next.kind !== 'ok') return failureAbove(detail.name, next)
  if (next.hops >= MAX_SOURCE_HOPS) return { kind: 'deep', name: detail.name }
  detail.source = next.value
  return { kind: 'ok', name: detail.name, value: detail, hops: next.hops + 1 }
}

/** The outcome of `name`, whose source's chain fails with `next`: the same failure, one hop further. */
function failureAbove(name: string, next: ChainOutcome): ChainOutcome {
  switch (next.kind) {
    case 'ok':
    case 'deep':
      // sourceForTop passes an 'ok' only when it is already MAX_SOURCE_HOPS long.
      return { kind: 'deep', name }
    case 'error':
      // The failing profile is one hop further from here: beyond the limit, the walk stops before it.
      return next.hops < MAX_SOURCE_HOPS
        ? { kind: 'error', name, reason: next.reason, hops: next.hops + 1 }
        : { kind: 'deep', name }
    case 'loop':
      return loopAbove(name, next)
  }
}

function loopAbove(name: string, next: Extract<ChainOutcome, { kind: 'loop' }>): ChainOutcome {
  const { cycle, entry, nodes } = next
  const before = (entry + cycle.length - 1) % cycle.length
  // A profile on the loop itself (its source is where its source's walk entered the loop) meets the same profiles.
  if (cycle[before] === name) return { kind: 'loop', name, nodes, cycle, entry: before }
  if (nodes > MAX_SOURCE_HOPS) return { kind: 'deep', name }
  return { kind: 'loop', name, nodes: nodes + 1, cycle, entry }
}

/** What a failed outcome says when `top` was asked for. */
function failureOf(top: string, outcome: ChainOutcome): ChainFailure {
  switch (outcome.kind) {
    case 'error':
      // A profile further down failed on its own; its error names it, as it always has.
      return new ChainFailure(outcome.reason)
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
