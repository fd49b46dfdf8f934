// Asks the background for the first screen before Svelte and the components are even evaluated: the round
// trip overlaps with their start-up instead of following it. Imported first by start.ts: not before the first
// frame (first-frame.ts draws the kept rows without it), which then needs one module fewer and no message.
import { call } from '../shared/client'
import type { PopupModel } from '../shared/messages/profiles'

let first: Promise<PopupModel> | undefined = call('popup.model', {})

/** The early answer once, then fresh ones (after unlock, lock, …). */
export function popupModel(): Promise<PopupModel> {
  const early = first
  first = undefined
  return early ?? call('popup.model', {})
}
