// Ordering and fuzzy filtering of the popup's profile list. Pure, so it is unit-tested and benchmarked
// without a browser; fuzzysort's prepared targets keep a keystroke over thousands of profiles well under a frame.
import fuzzysort from 'fuzzysort'
import type { ProfileListItem } from '../shared/messages/profiles'

/** Pinned first, then recently used (newest first), then by name; unusable profiles last. */
export function defaultOrder(profiles: readonly ProfileListItem[]): ProfileListItem[] {
  return [...profiles].sort((a, b) => {
    const group = (p: ProfileListItem) => (p.kind === 'unusable' ? 3 : p.pinned ? 0 : p.lastUsed ? 1 : 2)
    return group(a) - group(b) || (b.lastUsed ?? 0) - (a.lastUsed ?? 0) || a.name.localeCompare(b.name)
  })
}

export interface FilterIndex {
  ordered: ProfileListItem[]
  search(query: string): ProfileListItem[]
}

/** Builds the search index once per list; each query then costs one fuzzysort pass. */
export function buildFilterIndex(profiles: readonly ProfileListItem[]): FilterIndex {
  const ordered = defaultOrder(profiles)
  const rankOf = new Map(ordered.map((p, i) => [p.name, i]))
  const prepared = ordered.map((p) => ({
    profile: p,
    name: fuzzysort.prepare(p.name),
    account: fuzzysort.prepare(p.accountId ?? ''),
    role: fuzzysort.prepare(p.roleName ?? ''),
  }))
  return {
    ordered,
    search(query: string) {
      const q = query.trim()
      if (!q) return ordered
      const results = fuzzysort.go(q, prepared, { keys: ['name', 'account', 'role'], threshold: 0.3, limit: 0 })
      // Better matches first; among equal scores keep the list's own order (pinned, recent).
      return [...results]
        .sort((a, b) => b.score - a.score || (rankOf.get(a.obj.profile.name) ?? 0) - (rankOf.get(b.obj.profile.name) ?? 0))
        .map((r) => r.obj.profile)
    },
  }
}
