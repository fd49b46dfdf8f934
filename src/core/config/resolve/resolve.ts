// Resolution: aws-vault v7's ConfigLoader (vault/config.go) with an empty environment, plus Rolecall's choices
// (docs/aws-protocol.md §6): every unset field is copied from the profile, then its include_profile chain, else
// [default] (include-chain.ts); nothing is inherited from source_profile, which is resolved on its own
// (source-chain.ts); a self-referencing source_profile is cleared; include loops, source_profile loops, bad
// durations and bad session tags are errors that name the profile (aws-vault hangs or crashes on them).
// One path serves everything: resolveProfile is resolveDetailed's profile.
import type { ParsedConfig, ResolvedProfile } from '../types'
import { ChainFailure, type ResolutionDetail, resolveOwn } from './resolution'
import { sourceFor, valueOrFailure } from './source-chain'
import { vaultConfigOf } from './vault-config'

export { ChainFailure, ResolutionDetail, setFields } from './resolution'

/**
 * The profile as resolved, in a new object the caller owns (with its own tag map and list); its `source`, if
 * any, is a frozen chain shared with other results.
 */
export function resolveProfile(config: ParsedConfig, name: string): ResolvedProfile {
  const profile = { ...resolveDetailed(config, name).profile }
  if (profile.sessionTags) profile.sessionTags = { ...profile.sessionTags }
  if (profile.transitiveSessionTags) profile.transitiveSessionTags = [...profile.transitiveSessionTags]
  return profile
}

/** Resolution with what the preview and classification need besides. The result is shared: do not change it. */
export function resolveDetailed(config: ParsedConfig, name: string): ResolutionDetail {
  const resolved = resolveDetailedOrFailure(config, name)
  if (resolved instanceof ChainFailure) throw new Error(resolved.reason)
  return resolved
}

/**
 * resolveDetailed, but a profile that cannot be resolved is given back as a ChainFailure, not thrown: the
 * preview of a hostile config meets thousands, and an Error with its stack trace costs more than the rest of
 * a row.
 */
export function resolveDetailedOrFailure(config: ParsedConfig, name: string): ResolutionDetail | ChainFailure {
  const vault = vaultConfigOf(config)
  if (typeof name !== 'string' || !vault.hasProfile(name))
    return new ChainFailure(
      `Profile "${String(name)}" is not in the config: there is no [profile ${String(name)}] section.`,
    )
  // A profile some other profile named as its source has its outcome kept already.
  const kept = vault.outcomes.get(name)
  if (kept) return valueOrFailure(name, kept)
  const detail = resolveOwn(vault, name)
  if (detail instanceof ChainFailure || detail.sourceName === undefined) return detail
  const source = sourceFor(vault, name, detail.sourceName)
  if (source instanceof ChainFailure) return source
  detail.source = source
  return detail
}
