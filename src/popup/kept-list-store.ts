// Where the popup keeps its last list (see cached-list.ts), apart from everything that reads it, so the
// options page can drop the list when it locks the vault without loading the popup's list code.

/** The localStorage key (the bench removes it to time an open without a kept list). */
export const CACHED_LIST_KEY = 'rolecall.popup.list'

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
    keptListStorage()?.removeItem(CACHED_LIST_KEY)
  } catch {
    // Nothing to drop.
  }
}
