// Work the popup's first screen does not need waits until that screen is on the display: loading the rest of
// its code (the filter's fuzzysort, prompts and forms shown later) and preparing the filter.

/** Runs `task` once the next frame has been produced (at once where frames are not produced, as in tests). */
export function afterPaint(task: () => void): void {
  if (typeof requestAnimationFrame !== 'function') setTimeout(task, 0)
  else requestAnimationFrame(() => setTimeout(task, 0))
}

/** Runs `task` when the page is idle (within a second). */
export function whenIdle(task: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 1_000 })
  else setTimeout(task, 0)
}
