// Work the popup's first screen does not need waits until the page is idle, which is after that screen is on
// the display: loading the rest of its code (the filter's fuzzysort, prompts and forms shown later), preparing
// the filter, keeping the list for the next open. Not a timer right after the frame: that ran before the task
// that follows the frame, so it delayed the first moment the popup can take a key.

/** Runs `task` when the page is idle (within a second). */
export function whenIdle(task: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 1_000 })
  else setTimeout(task, 0)
}
