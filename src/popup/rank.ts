// Ordering and fuzzy filtering of the popup's profile list. Pure, so it is unit-tested and benchmarked
// without a browser; fuzzysort's prepared targets keep a keystroke over thousands of profiles well under a frame.
// fuzzysort (a third of the popup's code) is not part of the first paint: the list with an empty filter does
// not need it. The popup loads it once idle after that paint (loadFilter). A query typed before it is there gets
// undefined from search: the list stays whole until fuzzysort answers, and Enter waits for that answer, so no
// profile is opened that fuzzysort would not have put first.
import type { Prepared as FuzzyPrepared } from 'fuzzysort'
import type { ProfileListItem } from '../shared/messages/profiles'

/** Pinned first, then recently used (newest first), then by name; unusable profiles last. */
export function defaultOrder(profiles: readonly ProfileListItem[]): ProfileListItem[] {
  return [...profiles].sort(
    (a, b) => group(a) - group(b) || (b.lastUsed ?? 0) - (a.lastUsed ?? 0) || a.name.localeCompare(b.name),
  )
}

const group = (p: ProfileListItem) => (p.kind === 'unusable' ? 3 : p.pinned ? 0 : p.lastUsed ? 1 : 2)

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

type Fuzzysort = (typeof import('fuzzysort'))['default']
let fuzzysort: Fuzzysort | undefined
let loading: Promise<void> | undefined

/** Loads fuzzysort once; resolves when a query can be answered. */
export function loadFilter(): Promise<void> {
  loading ??= import('fuzzysort').then((module) => {
    fuzzysort = module.default
  })
  return loading
}

/** Whether fuzzysort is there (a query can be answered at once). */
export const filterLoaded = (): boolean => fuzzysort !== undefined

/**
 * Prepared targets by text, shared by every index of this page: the list drawn from the kept one and the
 * background's fresh list (the same names, account ids and roles) prepare each text once.
 */
const preparedTexts = new Map<string, FuzzyPrepared>()
function prepared(sort: Fuzzysort, text: string): FuzzyPrepared {
  let target = preparedTexts.get(text)
  if (!target) preparedTexts.set(text, (target = sort.prepare(text)))
  return target
}

export interface FilterIndex {
  ordered: ProfileListItem[]
  /** The matches, best first; undefined for a query typed before fuzzysort is loaded (see loadFilter). */
  search(query: string): ProfileListItem[] | undefined
  /**
   * Gets the first keystroke ready (once fuzzysort is loaded): builds the prepared targets and runs a search
   * nobody sees, so the search code is compiled before the user types (a first search in a fresh page took
   * 5-18 ms where later ones take 1-4).
   */
  prepare(): void
}

type Prepared = {
  profile: ProfileListItem
  /** Position in the default order: the tie-break among equal scores. */
  rank: number
  name: FuzzyPrepared
  account: FuzzyPrepared
  role: FuzzyPrepared
}

/**
 * The search index for one list. Ordering is done up front (the popup draws it at once); fuzzysort's prepared
 * targets are built when the popup is idle after its first paint (prepare) or on the first query, so opening
 * the popup does not pay for a search nobody has typed yet.
 */
export function buildFilterIndex(profiles: readonly ProfileListItem[]): FilterIndex {
  const ordered = defaultOrder(profiles)
  let targets: Prepared[] | undefined
  const prepare = (sort: Fuzzysort) =>
    ordered.map((p, rank) => ({
      profile: p,
      rank,
      name: prepared(sort, p.name),
      account: prepared(sort, p.accountId ?? ''),
      role: prepared(sort, p.roleName ?? ''),
    }))
  const search = (q: string, sort: Fuzzysort) => {
    targets ??= prepare(sort)
    const results = sort.go(q, targets, { keys: ['name', 'account', 'role'], threshold: 0.3, limit: 0 })
    // Better matches first; among equal scores keep the list's own order (pinned, recent). A result's score is
    // a getter that computes it: read once per result, not twice per comparison.
    const scored = results.map((r) => ({ score: r.score, target: r.obj }))
    scored.sort((a, b) => b.score - a.score || a.target.rank - b.target.rank)
    return scored.map((r) => r.target.profile)
  }
  return {
    ordered,
    prepare() {
      if (!fuzzysort || targets) return
      for (const warmUp of ['e', 'ro', '1']) search(warmUp, fuzzysort)
    },
    search(query: string) {
      const q = query.trim()
      if (!q) return ordered
      return fuzzysort && search(q, fuzzysort)
    },
  }
}
