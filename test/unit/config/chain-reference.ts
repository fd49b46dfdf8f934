// A reference for source_profile chains: follows one hop at a time with the whole path in hand, the plain way
// resolve.ts used to (and as slowly), plus the 64-hop limit. chain-limits.test.ts and fuzz.test.ts compare
// resolveProfile, resolveDetailed and the preview with it.

const LIMIT = 64

/**
 * Profiles p0 … p<n-1>: p<i> names p<sources[i]> as its source_profile (none when undefined) and has a
 * role_arn when it has a source; `extra(i)` adds lines to p<i>'s section.
 */
export function sourceChainConfig(
  sources: readonly (number | undefined)[],
  extra: (i: number) => string[] = () => [],
): string {
  const lines: string[] = []
  sources.forEach((source, i) => {
    lines.push(`[profile p${i}]`)
    if (source !== undefined)
      lines.push(`source_profile = p${source}`, `role_arn = arn:aws:iam::111111111111:role/R${i}`)
    lines.push(...extra(i))
  })
  return `${lines.join('\n')}\n`
}

export const BAD_DURATION = 'duration_seconds = soon'

/**
 * What resolving p<top> must give: undefined error and the number of hops when the chain can be followed,
 * else the error message. `bad`: profiles whose own resolution fails (sourceChainConfig with BAD_DURATION).
 */
export function expectedSourceOutcome(
  sources: readonly (number | undefined)[],
  top: number,
  bad: ReadonlySet<number> = new Set(),
): { error: undefined; hops: number } | { error: string } {
  const path = [top]
  for (let at = top; ;) {
    if (bad.has(at))
      return {
        error: `Profile "p${at}": duration_seconds must be a whole number of seconds, e.g. 3600; aws-vault crashes on this value.`,
      }
    let next = sources[at]
    if (next === at) next = undefined // a self-referencing source_profile is cleared
    if (next === undefined) return { error: undefined, hops: path.length - 1 }
    const loopStart = path.indexOf(next)
    if (loopStart >= 0) {
      const loop = [...path.slice(loopStart), next].map((i) => `p${i}`).join(' → ')
      return {
        error: `Profile "p${top}": source_profile goes round in a loop (${loop}), so no profile in it can get keys. Point one of them at a profile with keys.`,
      }
    }
    if (path.length > LIMIT) {
      return {
        error: `Profile "p${top}": its source_profile chain is longer than 64 hops, so Rolecall does not follow it (real chains have two or three). Point "p${top}" or a profile on its chain at a profile with keys.`,
      }
    }
    path.push(next)
    at = next
  }
}

/**
 * Profiles p0 … p<n-1>: p<i> has include_profile = p<includes[i]> (none when undefined) and its own
 * mfa_serial; with `defaultInclude`, a [default] section that has include_profile = p<defaultInclude>.
 */
export function includeChainConfig(includes: readonly (number | undefined)[], defaultInclude?: number): string {
  const lines: string[] = []
  if (defaultInclude !== undefined) lines.push('[default]', `include_profile = p${defaultInclude}`)
  includes.forEach((include, i) => {
    lines.push(`[profile p${i}]`)
    if (include !== undefined) lines.push(`include_profile = p${include}`)
    lines.push(`mfa_serial = m${i}`)
  })
  return `${lines.join('\n')}\n`
}

/**
 * What resolving p<top> of includeChainConfig must give: its own mfa_serial, or the error message. After a
 * profile without include_profile comes [default] (not a hop), and after [default] its include_profile.
 */
export function expectedIncludeOutcome(
  includes: readonly (number | undefined)[],
  top: number,
  defaultInclude?: number,
): { error: undefined } | { error: string } {
  const name = (at: number | 'default') => (at === 'default' ? 'default' : `p${at}`)
  const path: (number | 'default')[] = [top]
  let hops = 0
  for (let at: number | 'default' = top; ;) {
    const include: number | undefined = at === 'default' ? defaultInclude : includes[at]
    const next: number | 'default' | undefined = include ?? (at === 'default' ? undefined : 'default')
    if (next === undefined) return { error: undefined }
    const loopStart = path.indexOf(next)
    if (loopStart >= 0) {
      const loop = [...path.slice(loopStart), next].map(name).join(' → ')
      return {
        error: `Profile "p${top}": include_profile goes round in a loop (${loop}); aws-vault stops with "Loop detected in config file for profile '${name(next)}'". Remove one of the include_profile lines.`,
      }
    }
    if (include !== undefined) hops++
    if (hops > LIMIT) {
      return {
        error: `Profile "p${top}": its include_profile chain is longer than 64 hops, so Rolecall does not follow it (real configs have one or two). Include a profile nearer the end of the chain, or copy the settings "p${top}" needs into it.`,
      }
    }
    path.push(next)
    at = next
  }
}
