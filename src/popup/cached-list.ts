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
// It is written only after an answer that said "unlocked", and dropped on any answer that did not, so a
// locked or missing vault is drawn from the background's answer as before. It is not drawn once the vault's
// auto-lock time has passed since that answer (the vault has probably locked itself; a lock in the options
// page drops it at once). A stale list is harmless to act on: every action goes through the background,
// which checks the profile and the vault itself.
import type { ProfileListItem } from '../shared/messages/profiles'
import { CACHED_LIST_KEY, forgetCachedList, keptListStorage } from './kept-list-store'
import { defaultOrder } from './rank'

export { CACHED_LIST_KEY, forgetCachedList } from './kept-list-store'

const FORMAT = 2
const KINDS = new Set(['role', 'federation', 'sso', 'unusable'])
/** How long a list is kept when an answer does not say (the vault's default auto-lock time). */
const DEFAULT_TRUST_MINUTES = 15

interface CachedList {
  format: typeof FORMAT
  profiles: ProfileListItem[]
  /** Epoch ms after which the vault may have locked itself: the list is not drawn after that. */
  until: number
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
    item.session === 'none'
  )
}

/** The last list, or undefined (none kept, unreadable, or not in the expected shape: then it is dropped). */
export function readCachedList(now = Date.now()): ProfileListItem[] | undefined {
  const store = keptListStorage()
  let text: string | null | undefined
  try {
    text = store?.getItem(CACHED_LIST_KEY)
  } catch {
    return undefined
  }
  if (!text) return undefined
  try {
    const cached = JSON.parse(text) as Partial<CachedList>
    const fresh = typeof cached.until === 'number' && now < cached.until
    if (cached.format === FORMAT && fresh && Array.isArray(cached.profiles) && cached.profiles.every(looksLikeItem))
      return cached.profiles
  } catch {
    // Not JSON: dropped below.
  }
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
  const text = JSON.stringify({
    format: FORMAT,
    profiles: defaultOrder(profiles).map(kept),
    until,
  } satisfies CachedList)
  try {
    const store = keptListStorage()
    if (store && store.getItem(CACHED_LIST_KEY) !== text) store.setItem(CACHED_LIST_KEY, text)
  } catch {
    // Over quota (a very long list) or blocked storage: drop the older list rather than keep drawing it; the
    // next open waits for the background, as without a kept list.
    forgetCachedList()
  }
}
