// What the popup's list draws, shared by the Svelte list (profile-list.svelte, profile-row.svelte) and the first
// frame drawn before Svelte loads (first-frame.ts), so the two cannot disagree on a size or a text.
import type { ProfileListItem } from '../shared/messages/profiles'

export const ROW_HEIGHT = 48
export const VIEW_HEIGHT = 432
/** Rows drawn beyond the view on each side that has any. */
export const OVERSCAN = 4

/** The rows in view at the top of the list, where every open starts: what the first frame draws. */
export const ROWS_IN_VIEW = Math.ceil(VIEW_HEIGHT / ROW_HEIGHT)

/** The height of the list's scrolling box for `count` rows (its 1 px borders included). */
export const viewportHeight = (count: number): number => Math.min(VIEW_HEIGHT, Math.max(count, 1) * ROW_HEIGHT) + 2

/** The id of the profile cell of the row at `index` (the filter field points at it: aria-activedescendant). */
export const cellId = (index: number): string => `profile-cell-${index}`

/** The line under a profile's name: its account, role and kind, or why it cannot be opened. */
export function rowDetail(profile: ProfileListItem): string {
  if (profile.kind === 'unusable') return profile.reason ?? 'Rolecall cannot open a console for this profile.'
  return [
    profile.accountId,
    profile.roleName ?? (profile.kind === 'federation' ? 'federated user · no MFA possible' : undefined),
    profile.kind === 'sso' ? 'Identity Center' : undefined,
  ]
    .filter(Boolean)
    .join(' · ')
}

export const countText = (shown: number, all: number): string => `${shown} of ${all} profiles`
export const copyUrlLabel = (name: string): string => `Copy sign-in URL of ${name}`
export const copyExportsLabel = (name: string): string => `Copy CLI export lines of ${name}`
export const pinTitle = (pinned: boolean): string => (pinned ? 'Unpin' : 'Pin to top')
export const pinLabel = (name: string, pinned: boolean): string => `${pinned ? 'Unpin' : 'Pin'} ${name}`
/** A profile's colour swatch: its colour, or the border colour when it has none. */
export const swatchColor = (profile: ProfileListItem): string => profile.color ?? 'var(--border)'
