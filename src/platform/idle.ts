// The idle API: whether the person at the machine is active, away (no input for a while) or has locked the
// screen. Browser-wide and operating-system-wide, unlike activity inside Rolecall's own pages.
import { browser } from './browser'

export type IdleState = 'active' | 'idle' | 'locked'

/** The browsers take at least 15 s; the auto-lock setting never asks for less than a minute. */
const MIN_SECONDS = 15

/** After how many seconds without input the state becomes 'idle' (and onIdleStateChanged fires). */
export function setIdleDetectionInterval(seconds: number): void {
  browser.idle.setDetectionInterval(Math.max(MIN_SECONDS, Math.floor(seconds)))
}

/** 'idle' when there was no input for `seconds`, 'locked' when the screen is locked (Chrome; Firefox never says so). */
export async function queryIdleState(seconds: number): Promise<IdleState> {
  return browser.idle.queryState(Math.max(MIN_SECONDS, Math.floor(seconds)))
}

/** Must be called synchronously at background start, so a state change that wakes the worker finds its listener. */
export function onIdleStateChanged(listener: (state: IdleState) => void): void {
  browser.idle.onStateChanged.addListener((state) => listener(state))
}
