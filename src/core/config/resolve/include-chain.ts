// aws-vault's populateFromConfigFile: a profile's section, then each include_profile in turn, then [default],
// every value taken if still unset. Where a profile goes after its section depends on that section alone, so
// many profiles share the rest of their chain ([default], a common include): what reading the chain from a
// profile gives is worked out once per parse and kept, and a profile costs one section read plus a merge,
// however long its chain (issue 16: 5 MiB of profiles each including a 63-hop chain read 64 sections each).
// A pasted config is hostile input (issue 15): more than MAX_INCLUDE_HOPS hops is refused, and a loop is an
// error that shows it; both are found in work linear in the config.
import { parseGoUint, vaultValue } from './go-ini-value'
import { PLAIN_KEYS, SSO_SESSION_KEYS } from './keys'
import type { ResolvedField, VaultConfig } from './vault-config'

/** The most include_profile hops followed from one profile (the [default] fallback is not one). Real configs have one or two. */
export const MAX_INCLUDE_HOPS = 64

/** Why reading a chain fails: a bad duration_seconds (go-ini fails on it even unused), bad session_tags, a loop. */
export type ReadFailure =
  { kind: 'duration'; from: string } | { kind: 'tags' } | { kind: 'loop'; loop: readonly string[] }

/** What reading a profile's chain gives: made by readSection and join, then kept and shared, never changed. */
export class Reading {
  /** include_profile hops followed before the last new section read. */
  hops = 0
  /** Fields by config key, in the order first set; undefined: cleared by an [sso-session]. */
  readonly fields = new Map<string, ResolvedField | undefined>()
  /** duration_seconds, 0 when unset. */
  duration = 0
  durationLine: number | undefined = undefined
  sessionTags: Record<string, string> | undefined = undefined
  transitiveTags: string[] | undefined = undefined
  /** Rolecall's own `color` key, read from the first section alone: no profile takes another's colour. */
  color: string | undefined = undefined
  /** An [sso-session] overwrote SSO_SESSION_KEYS: they are the chain's, whatever was read before it. */
  overwrote = false
  /** include_profile names that have no section (aws-vault ignores them silently). */
  missing: readonly string[] = []
  /** Why the chain cannot be read; `failureAfterTags`: the same when a section before it set session_tags. */
  failure: ReadFailure | undefined = undefined
  failureAfterTags: ReadFailure | undefined = undefined
  /** Nothing more to read: the chain ended, or came round to a section read already. */
  end = false
}

const END = Object.assign(new Reading(), { end: true })
/** Any reading with more hops than the limit: what it holds no longer matters. */
const TOO_LONG = Object.assign(new Reading(), { hops: MAX_INCLUDE_HOPS + 1 })

/**
 * The reading of `top`'s chain, from its own section on. Readings of the profiles it leads to are kept for
 * the parse; `top`'s own is not (most profiles are read once, by the preview, and then are garbage).
 */
export function readingOf(vault: VaultConfig, top: string): Reading {
  const path: { name: string; sso: boolean; reading: Reading; hop: number }[] = []
  // Where each profile on the path is; most walks read one section and reach a kept reading, so no Map for those.
  let onPath: Map<string, number> | undefined
  let rest = END
  for (let name: string | undefined = top, sso = false; name !== undefined;) {
    const kept = vault.readings[sso ? 1 : 0].get(name)
    if (kept) {
      rest = kept
      break
    }
    if (path.length === 1) onPath ??= new Map([[top, 0]])
    const at = onPath?.get(name)
    if (at !== undefined) {
      rest = keepLoop(vault, path.slice(at))
      path.length = at
      break
    }
    const read = readSection(vault, name, sso)
    onPath?.set(name, path.length)
    path.push({ name, sso, reading: read.reading, hop: read.include ? 1 : 0 })
    sso = read.sso
    name = read.include || (name === 'default' ? undefined : 'default')
  }
  // Back up the path: each profile's reading is its own section's, then what the next one's reading gives.
  for (let i = path.length - 1; i >= 0; i--) {
    const { name, sso, reading, hop } = path[i] as (typeof path)[number]
    rest = join(reading, hop, rest)
    if (i > 0) vault.readings[sso ? 1 : 0].set(name, rest)
  }
  return rest
}

/** The message for a failed reading of `top`'s chain (names `top`), or undefined when it can be read. */
export function readingFailure(top: string, reading: Reading): string | undefined {
  if (reading.hops > MAX_INCLUDE_HOPS)
    return `Profile "${top}": its include_profile chain is longer than ${MAX_INCLUDE_HOPS} hops, so Rolecall does not follow it (real configs have one or two). Include a profile nearer the end of the chain, or copy the settings "${top}" needs into it.`
  const failure = reading.failure
  if (failure?.kind === 'duration') {
    const where = failure.from === top ? '' : ` (read from profile "${failure.from}")`
    return `Profile "${top}": duration_seconds${where} must be a whole number of seconds, e.g. 3600; aws-vault crashes on this value.`
  }
  if (failure?.kind === 'tags')
    return `Profile "${top}": session_tags must be key=value pairs separated by commas (e.g. team=web,env=prod); one entry has no "=".`
  if (failure?.kind === 'loop')
    return `Profile "${top}": include_profile goes round in a loop (${failure.loop.join(' → ')}); aws-vault stops with "Loop detected in config file for profile '${failure.loop[0]}'". Remove one of the include_profile lines.`
  return undefined
}

/**
 * One section on its own, read after sections that did (`sso`) or did not set sso_session. go-ini maps the
 * whole section first (a bad duration fails even when unused), then aws-vault takes sso_session, overwriting
 * the start URL and region, before the other keys.
 */
function readSection(
  vault: VaultConfig,
  name: string,
  sso: boolean,
): { reading: Reading; include: string; sso: boolean } {
  const view = vault.view(name)
  const reading = new Reading()
  if (!view) {
    if (name !== 'default') reading.missing = [name]
    return { reading, include: '', sso }
  }
  const fields = reading.fields
  reading.color = view.find((found) => found.key === 'color')?.value || undefined
  for (const found of view) {
    const key = found.key
    if (key === 'duration_seconds') {
      const seconds = parseGoUint(found.value)
      // The chain is still followed: one longer than the limit is refused before this fails.
      if (seconds === undefined) reading.failure = reading.failureAfterTags = { kind: 'duration', from: found.from }
      else if (seconds > 0) {
        reading.duration = seconds
        reading.durationLine = found.line
        fields.set(key, found)
      }
    } else if (key === 'sso_session' && !sso && found.value !== '') {
      sso = true
      fields.set(key, found)
      const section = vault.ssoSession(found.value)
      if (!section) continue // no such [sso-session]: nothing to overwrite
      reading.overwrote = true
      for (const ssoKey of SSO_SESSION_KEYS) {
        const value = vaultValue(section.keys.get(ssoKey)?.value)
        fields.set(ssoKey, value === '' ? undefined : { value, from: `sso-session ${found.value}` })
      }
    }
  }
  let include = ''
  for (const found of view) {
    const key = found.key
    if (found.value === '') continue
    if (PLAIN_KEYS.has(key)) {
      if (fields.get(key) === undefined) fields.set(key, found)
    } else if (key === 'session_tags') {
      reading.sessionTags = sessionTags(found.value)
      if (reading.sessionTags) fields.set(key, found)
      else reading.failure ??= { kind: 'tags' }
    } else if (key === 'transitive_session_tags') {
      const list = found.value
        .split(',')
        .map((tag) => tag.trim())
        .filter((tag) => tag !== '')
      if (list.length > 0) {
        reading.transitiveTags = list
        fields.set(key, found)
      }
    } else if (key === 'include_profile') include = found.value
  }
  return { reading, include, sso }
}

/** key=value pairs separated by commas, trimmed; undefined when one has no "=". */
function sessionTags(text: string): Record<string, string> | undefined {
  const tags = new Map<string, string>()
  for (const tag of text.split(',')) {
    const equals = tag.indexOf('=')
    if (equals < 0) return undefined
    tags.set(tag.slice(0, equals).trim(), tag.slice(equals + 1).trim())
  }
  // fromEntries defines own properties: a tag named "__proto__" stays data.
  return Object.fromEntries(tags)
}

/**
 * A section's reading, `first`, followed by the reading of the rest of the chain (`hop`: 1 when an
 * include_profile leads there, 0 for the [default] fallback). Each value is the first one set, except that
 * an [sso-session] in the rest overwrites its keys; the first failure in chain order wins. `first` is a
 * section's own reading, made for this join alone: it becomes the result (a profile's reading is made
 * with no copy).
 */
function join(first: Reading, hop: number, rest: Reading): Reading {
  const hops = rest.end ? 0 : hop + rest.hops
  if (hops > MAX_INCLUDE_HOPS) return TOO_LONG
  const fields = first.fields
  for (const [key, found] of rest.fields) {
    const overwritten = rest.overwrote && SSO_SESSION_KEYS.includes(key)
    if (overwritten || !fields.has(key) || (fields.get(key) === undefined && found !== undefined))
      fields.set(key, found)
  }
  // Sections after one that set session_tags never parse theirs.
  first.failure ??= first.sessionTags ? rest.failureAfterTags : rest.failure
  first.failureAfterTags ??= rest.failureAfterTags
  first.hops = hops
  first.durationLine = first.duration ? first.durationLine : rest.durationLine
  first.duration ||= rest.duration
  first.sessionTags ??= rest.sessionTags
  first.transitiveTags ??= rest.transitiveTags
  first.overwrote ||= rest.overwrote
  if (rest.missing.length > 0) first.missing = [...first.missing, ...rest.missing]
  first.end = false
  return first
}

/**
 * Keeps the reading of every profile on a loop the walk found (`loop`, in chain order, entered at loop[0]),
 * and returns the first one's. From any of them, the chain reads the whole loop and comes back: it fails,
 * so only its hops and first failure matter, and those depend on no earlier section but session_tags.
 */
function keepLoop(vault: VaultConfig, loop: { name: string; reading: Reading; hop: number }[]): Reading {
  const total = loop.reduce((sum, step) => sum + step.hop, 0)
  const readings = loop.map(({ name }, start): Reading => {
    // The hop back into the loop's first profile leads to no new section.
    const hops = total - (loop[(start + loop.length - 1) % loop.length] as (typeof loop)[number]).hop
    if (hops > MAX_INCLUDE_HOPS) return TOO_LONG
    const order = [...loop.slice(start), ...loop.slice(0, start)]
    let failure: ReadFailure | undefined
    let failureAfterTags: ReadFailure | undefined
    let tagsSet = false
    for (const { reading } of order) {
      failure ??= tagsSet ? reading.failureAfterTags : reading.failure
      failureAfterTags ??= reading.failureAfterTags
      tagsSet ||= reading.sessionTags !== undefined
    }
    const loopFailure: ReadFailure = { kind: 'loop', loop: [...order.map((step) => step.name), name] }
    return Object.assign(new Reading(), {
      hops,
      failure: failure ?? loopFailure,
      failureAfterTags: failureAfterTags ?? loopFailure,
    })
  })
  loop.forEach(({ name }, i) => {
    for (const kept of vault.readings) kept.set(name, readings[i] as Reading)
  })
  return readings[0] as Reading
}
