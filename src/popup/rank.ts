// Ordering and fuzzy filtering of the popup's profile list. Pure, so it is unit-tested and benchmarked
// without a browser; fuzzysort's prepared targets keep a keystroke over thousands of profiles well under a frame.
import fuzzysort, { type Prepared as FuzzyPrepared } from 'fuzzysort'
import type { ProfileListItem } from '../shared/messages/profiles'

/** Pinned first, then recently used (newest first), then by name; unusable profiles last. */
export function defaultOrder(profiles: readonly ProfileListItem[]): ProfileListItem[] {
  return [...profiles].sort((a, b) => {
    const group = (p: ProfileListItem) => (p.kind === 'unusable' ? 3 : p.pinned ? 0 : p.lastUsed ? 1 : 2)
    return group(a) - group(b) || (b.lastUsed ?? 0) - (a.lastUsed ?? 0) || a.name.localeCompare(b.name)
  })
}

/**
 * `profiles` put in the order of `reference` (a list shown before, already in default order), those not in it
 * after, in their own order. Sorting is then nearly free (the sort finds the runs) and gives the same result:
 * the default order does not depend on the order it starts from.
 */
export function arrangedLike(
  profiles: readonly ProfileListItem[],
  reference: readonly ProfileListItem[],
): ProfileListItem[] {
  const position = new Map(reference.map((p, i) => [p.name, i]))
  const placed: Array<ProfileListItem | undefined> = new Array(reference.length)
  const rest: ProfileListItem[] = []
  for (const profile of profiles) {
    const at = position.get(profile.name)
    if (at === undefined || placed[at] !== undefined) rest.push(profile)
    else placed[at] = profile
  }
  const arranged: ProfileListItem[] = []
  for (const profile of placed) if (profile) arranged.push(profile)
  return arranged.concat(rest)
}

export interface FilterIndex {
  ordered: ProfileListItem[]
  search(query: string): ProfileListItem[]
}

type Prepared = { profile: ProfileListItem; name: FuzzyPrepared; account: FuzzyPrepared; role: FuzzyPrepared }

/**
 * The search index for one list. Ordering is done up front (the popup draws it at once); fuzzysort's prepared
 * targets are built on the first query, so opening the popup does not pay for a search nobody has typed yet.
 */
export function buildFilterIndex(profiles: readonly ProfileListItem[]): FilterIndex {
  const ordered = defaultOrder(profiles)
  let prepared: Prepared[] | undefined
  let rankOf: Map<string, number> | undefined
  const prepare = () => {
    rankOf = new Map(ordered.map((p, i) => [p.name, i]))
    return ordered.map((p) => ({
      profile: p,
      name: fuzzysort.prepare(p.name),
      account: fuzzysort.prepare(p.accountId ?? ''),
      role: fuzzysort.prepare(p.roleName ?? ''),
    }))
  }
  return {
    ordered,
    search(query: string) {
      const q = query.trim()
      if (!q) return ordered
      prepared ??= prepare()
      const rank = rankOf!
      const results = fuzzysort.go(q, prepared, { keys: ['name', 'account', 'role'], threshold: 0.3, limit: 0 })
      // Better matches first; among equal scores keep the list's own order (pinned, recent).
      return [...results]
        .sort((a, b) => b.score - a.score || (rank.get(a.obj.profile.name) ?? 0) - (rank.get(b.obj.profile.name) ?? 0))
        .map((r) => r.obj.profile)
    },
  }
}
