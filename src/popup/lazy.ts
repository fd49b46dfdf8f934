// Parts of the popup that its first paint (the unlocked list) does not need, each its own chunk: loaded when
// shown, and fetched beforehand (prefetch) so they are usually there by then.
export const lazy = {
  unlock: () => import('./unlock.svelte'),
  setup: () => import('./setup-prompt.svelte'),
  refreshPaused: () => import('./refresh-paused-note.svelte'),
  endpoints: () => import('./endpoint-notice.svelte'),
  mfaPrompt: () => import('./mfa-prompt.svelte'),
  confirmReplace: () => import('./confirm-replace.svelte'),
  ssoNotice: () => import('./sso-notice.svelte'),
}

/**
 * Starts loading every lazy part (each is loaded once, whoever asks first). A prefetch that fails is no error of
 * its own: the part is asked for again when it is shown.
 */
export function prefetch(): void {
  for (const load of Object.values(lazy)) load().catch(() => undefined)
}
