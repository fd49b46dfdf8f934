// How far include_profile chains go, worked out once per parse (issue 15). Resolving a profile reads its
// section, then each include_profile in turn, then [default]; resolve.ts stops after MAX_INCLUDE_HOPS
// include_profile hops. On a hostile chain of thousands nearly every profile is past that limit, and each
// would read 65 sections to find out: here each profile's count is found once, from the count of the
// profile it leads to, so those profiles are refused without reading anything.
import { getOwn } from './own-property'
import type { ParseMeta } from './parse'
import { profileKey } from './section-view'
import type { ParsedConfig } from './types'
import { vaultValue } from './vault-value'

/** The most include_profile hops followed from one profile (the [default] fallback is not one). Real configs have one or two. */
export const MAX_INCLUDE_HOPS = 64

/**
 * Per parse: profile name → include_profile hops up to the last new section its resolution reads; null when
 * no chain in the parse can be too long (almost every config).
 */
const hopsByConfig = new WeakMap<ParsedConfig, Map<string, number> | null>()

export function includeChainTooLong(config: ParsedConfig, meta: ParseMeta | undefined, name: string): boolean {
  let known = hopsByConfig.get(config)
  if (known === undefined)
    hopsByConfig.set(config, (known = mostIncludeHops(config, meta) > MAX_INCLUDE_HOPS ? new Map() : null))
  return known !== null && includeHops(known, config, meta, name) > MAX_INCLUDE_HOPS
}

/**
 * At least as many include_profile hops as any chain in the parse has. A chain's hops go out of different
 * profiles: the one resolved, [default], and profiles that are included and include one in turn. Most configs
 * include a few shared profiles that include nothing, so no chain can be too long and nothing is counted.
 */
function mostIncludeHops(config: ParsedConfig, meta: ParseMeta | undefined): number {
  const included = new Set<string>()
  if (meta) {
    for (const section of meta.raw.sections)
      if (section.has('include_profile')) included.add(vaultValue(section.get('include_profile')))
  } else {
    for (const name of Object.keys(config.profiles))
      included.add(vaultValue(getOwn(getOwn(config.profiles, name), 'include_profile')))
  }
  let hops = 2
  for (const name of included) if (name !== '' && nextOf(config, meta, name)?.hop === 1) hops++
  return hops
}

export function includeTooLongMessage(name: string): string {
  return `Profile "${name}": its include_profile chain is longer than ${MAX_INCLUDE_HOPS} hops, so Rolecall does not follow it (real configs have one or two). Include a profile nearer the end of the chain, or copy the settings "${name}" needs into it.`
}

/** A section the count has passed, and whether going on from it is an include_profile hop (else [default]). */
interface Step {
  name: string
  hop: 0 | 1
}

/**
 * How many include_profile hops resolving `start` follows before its last new section: the end of the
 * chain, or the last before it comes round to one read already.
 */
function includeHops(
  known: Map<string, number>,
  config: ParsedConfig,
  meta: ParseMeta | undefined,
  start: string,
): number {
  const kept = known.get(start)
  if (kept !== undefined) return kept
  // Usually the next profile ([default], or a shared one it includes) is counted already, and then `start` is
  // not on its chain (every profile on a counted chain is counted): one more step.
  const next = nextOf(config, meta, start)
  const afterNext = next === undefined ? 0 : known.get(next.name)
  if (afterNext === undefined) return walkHops(known, config, meta, start)
  const hops = afterNext + (next?.hop ?? 0)
  known.set(start, hops)
  return hops
}

/** includeHops the long way: down the chain to a counted profile, its end or a loop, then back up. Keeps every count. */
function walkHops(
  known: Map<string, number>,
  config: ParsedConfig,
  meta: ParseMeta | undefined,
  start: string,
): number {
  const path: Step[] = []
  const onPath = new Map<string, number>()
  let hops: number
  for (let name = start; ;) {
    const counted = known.get(name)
    if (counted !== undefined) {
      hops = counted
      break
    }
    const at = onPath.get(name)
    if (at !== undefined) {
      hops = keepLoop(known, path.splice(at))
      break
    }
    const next = nextOf(config, meta, name)
    if (next === undefined) {
      known.set(name, (hops = 0))
      break
    }
    onPath.set(name, path.length)
    path.push({ name, hop: next.hop })
    name = next.name
  }
  for (let i = path.length - 1; i >= 0; i--) {
    const step = path[i] as Step
    hops += step.hop
    known.set(step.name, hops)
  }
  return known.get(start) as number
}

/** Where resolution goes after `name`'s section: its include_profile, else [default] (after which, nowhere). */
function nextOf(config: ParsedConfig, meta: ParseMeta | undefined, name: string): Step | undefined {
  // The value resolve.ts reads (section-view.ts: the section's own key, else its dotted parents').
  const include = profileKey(config, name, 'include_profile', meta)?.value ?? ''
  if (include !== '') return { name: include, hop: 1 }
  return name === 'default' ? undefined : { name: 'default', hop: 0 }
}

/**
 * Keeps the count of each profile on a loop: from any of them resolution reads the whole loop, so the count
 * is the loop's hops but the one that leads back to it. Returns the first one's.
 */
function keepLoop(known: Map<string, number>, loop: Step[]): number {
  const total = loop.reduce((sum, step) => sum + step.hop, 0)
  loop.forEach((step, i) => known.set(step.name, total - (loop[(i + loop.length - 1) % loop.length] as Step).hop))
  return known.get((loop[0] as Step).name) as number
}
