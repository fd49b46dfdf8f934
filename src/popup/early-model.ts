// Asks the background for the first screen before Svelte and the components are even evaluated: the round
// trip overlaps with their start-up instead of following it. Imported first by main.ts.
import { call } from '../shared/client'
import type { PopupModel } from '../shared/messages/profiles'

let first: Promise<PopupModel> | undefined = call('popup.model', {})

/** The early answer once, then fresh ones (after unlock, lock, …). */
export function popupModel(): Promise<PopupModel> {
  const early = first
  first = undefined
  return early ?? call('popup.model', {})
}
