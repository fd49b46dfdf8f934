// The list the popup showed last, kept in the popup's own localStorage so the next open can draw it in its
// first frame while the background's answer (popup.model, one round trip: ~30 ms of a ~90 ms open) is still
// on its way; that answer then replaces it. localStorage because it is synchronous: the rows are in the DOM
// before the first paint, instead of after another asynchronous read.
//
// What is kept is only what ProfileSummary already is (names, account ids, role names, regions, colours,
// session names, chains: no secret; the same records sit unencrypted in IndexedDB's "config" store) plus pins
// and recents (storage.local already). Never anything from the vault, and no console-session state: cached
// rows show no session dot until the background's answer brings it.
//
// The first frame (first-frame.ts) draws only the rows at the top of the list, so they are kept a second time
// under a key of their own with the list's length: the page parses a few rows before its first paint, not
// every profile (2,000 profiles are ~0.5 MB of JSON), and that cost no longer grows with the list.
//
// It is written only after an answer that said "unlocked", and dropped on any answer that did not, so a
// locked or missing vault is drawn from the background's answer as before. It is not drawn once the vault's
// auto-lock time has passed since that answer (the vault has probably locked itself; a lock in the options
// page drops it at once). A stale list is harmless to act on: every action goes through the background,
// which checks the profile and the vault itself.
import type { ProfileListItem } from '../shared/messages/profiles'
import { CACHED_LIST_KEY, FIRST_ROWS_KEY, forgetCachedList, keptListStorage } from './kept-list-store'
import { ROWS_IN_VIEW } from './list-view'
import { defaultOrder } from './rank'

export { CACHED_LIST_KEY, FIRST_ROWS_KEY, KEPT_LIST_KEYS, forgetCachedList } from './kept-list-store'

const FORMAT = 2
const KINDS = new Set(['role', 'federation', 'sso', 'unusable'])
/** The colours the background sends (src/core/tabs/colours.ts, cssColour). */
const HEX_COLOUR = /^#[0-9a-f]{6}$/i
/** How long a list is kept when an answer does not say (the vault's default auto-lock time). */
const DEFAULT_TRUST_MINUTES = 15

interface CachedList {
  format: typeof FORMAT
  profiles: ProfileListItem[]
  /** Epoch ms after which the vault may have locked itself: the list is not drawn after that. */
  until: number
}

/** The rows at the top of the kept list, and how many profiles it holds in all. */
export interface FirstRows {
  profiles: ProfileListItem[]
  count: number
}

interface CachedFirstRows extends CachedList {
  count: number
}

/**
 * What is kept of each profile, named one by one: a field added to ProfileListItem later is not written here
 * until someone decides it may be (a test holds this list to the summary's non-secret fields).
 */
export const KEPT_FIELDS = [
  'name',
  'kind',
  'reason',
  'accountId',
  'roleName',
  'region',
  'color',
  'sessionName',
  'chain',
  'mfa',
  'pinned',
  'lastUsed',
] as const

function kept(profile: ProfileListItem): ProfileListItem {
  const out: Record<string, unknown> = {}
  for (const field of KEPT_FIELDS) if (profile[field] !== undefined) out[field] = profile[field]
  // The console-session state is not kept: cached rows show none until the answer brings it.
  return { ...(out as Omit<ProfileListItem, 'session'>), session: 'none' }
}

const KEPT = new Set<string>([...KEPT_FIELDS, 'session'])

function looksLikeItem(value: unknown): value is ProfileListItem {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  // A loop, not Object.keys(): this runs for every kept profile before the popup's first paint.
  for (const key in value) if (!KEPT.has(key)) return false
  const item = value as Partial<ProfileListItem>
  return (
    typeof item.name === 'string' &&
    KINDS.has(item.kind as string) &&
    Array.isArray(item.chain) &&
    typeof item.pinned === 'boolean' &&
    item.session === 'none' &&
    // Drawn as a CSS background: anything but the background's "#rrggbb" (say, url(…)) could make the popup fetch.
    (item.color === undefined || HEX_COLOUR.test(item.color))
  )
}

/** The text kept under `key` as a fresh list in the expected shape, or undefined (then both keys are dropped). */
function readKept(key: string, now: number): Partial<CachedFirstRows> | undefined {
  const store = keptListStorage()
  let text: string | null | undefined
  try {
    text = store?.getItem(key)
  } catch {
    return undefined
  }
  if (!text) return undefined
  try {
    const cached = JSON.parse(text) as Partial<CachedFirstRows>
    const fresh = typeof cached.until === 'number' && now < cached.until
    if (cached.format === FORMAT && fresh && Array.isArray(cached.profiles) && cached.profiles.every(looksLikeItem))
      return cached
  } catch {
    // Not JSON: dropped below.
  }
  forgetCachedList()
  return undefined
}

/** The last list, or undefined (none kept, unreadable, or not in the expected shape: then it is dropped). */
export function readCachedList(now = Date.now()): ProfileListItem[] | undefined {
  return readKept(CACHED_LIST_KEY, now)?.profiles
}

/** The first rows of the last list and its length, as readCachedList reads the whole list. */
export function readFirstRows(now = Date.now()): FirstRows | undefined {
  const kept = readKept(FIRST_ROWS_KEY, now)
  if (!kept?.profiles) return undefined
  const { profiles, count } = kept
  if (
    typeof count === 'number' &&
    Number.isSafeInteger(count) &&
    count >= profiles.length &&
    profiles.length <= ROWS_IN_VIEW
  )
    return { profiles, count }
  forgetCachedList()
  return undefined
}

/**
 * Keeps the list of an "unlocked" answer for the next open (skips the write when nothing changed), in the
 * order the popup shows it: sorting it again at the next open then costs next to nothing. It is kept for as
 * long as the vault stays unlocked without use: `autoLockMinutes` from the answer (opening the popup is use).
 */
export function rememberList(
  profiles: readonly ProfileListItem[],
  autoLockMinutes = DEFAULT_TRUST_MINUTES,
  now = Date.now(),
): void {
  // Whole minutes (rounded down: never later than the lock) keep the text the same across opens within a
  // minute, so most opens skip the write.
  const until = Math.floor(now / 60_000) * 60_000 + autoLockMinutes * 60_000
  const ordered = defaultOrder(profiles).map(kept)
  const texts: Array<[string, string]> = [
    [CACHED_LIST_KEY, JSON.stringify({ format: FORMAT, profiles: ordered, until } satisfies CachedList)],
    [
      FIRST_ROWS_KEY,
      JSON.stringify({
        format: FORMAT,
        profiles: ordered.slice(0, ROWS_IN_VIEW),
        count: ordered.length,
        until,
      } satisfies CachedFirstRows),
    ],
  ]
  try {
    const store = keptListStorage()
    for (const [key, text] of texts) if (store && store.getItem(key) !== text) store.setItem(key, text)
  } catch {
    // Over quota (a very long list) or blocked storage: drop the older list rather than keep drawing it; the
    // next open waits for the background, as without a kept list.
    forgetCachedList()
  }
}
