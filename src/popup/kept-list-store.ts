// Where the popup keeps its last list (see cached-list.ts), apart from everything that reads it, so the
// options page can drop the list when it locks the vault without loading the popup's list code.

/** The localStorage key of the whole list (Svelte's list reads it once the first frame is drawn). */
export const CACHED_LIST_KEY = 'rolecall.popup.list'
/** The key of its first rows only, and how many there are: what the first frame draws (first-frame.ts). */
export const FIRST_ROWS_KEY = 'rolecall.popup.first'
/** Both (the bench removes them to time an open without a kept list). */
export const KEPT_LIST_KEYS = [CACHED_LIST_KEY, FIRST_ROWS_KEY] as const

/** The page's localStorage, or undefined where it cannot be used. */
export function keptListStorage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined
  } catch {
    return undefined // a browser with site data blocked throws on access
  }
}

/** Drops the list: the vault is locked or gone, so the next open must not draw it before the answer. */
export function forgetCachedList(): void {
  try {
    for (const key of KEPT_LIST_KEYS) keptListStorage()?.removeItem(key)
  } catch {
    // Nothing to drop.
  }
}
