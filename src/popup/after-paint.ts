// Work the popup's first screen does not need waits until the page is idle after that screen is on the display:
// loading the rest of its code (the filter's fuzzysort, prompts and forms shown later), preparing the filter,
// keeping the list for the next open. Not a timer right after the frame: that ran before the task that follows
// the frame, so it delayed the first moment the popup can take a key. And not requestIdleCallback alone: before
// its first frame a new popup counts as idle to Chromium, which ran ~7 ms of such work ahead of the first paint.

let firstFrame: Promise<void> | undefined

/** Resolves once the page's first frame has been produced (requestAnimationFrame, then the task after it). */
export function afterFirstFrame(): Promise<void> {
  firstFrame ??= new Promise((resolve) => {
    if (typeof requestAnimationFrame !== 'function') resolve()
    else requestAnimationFrame(() => setTimeout(resolve, 0))
  })
  return firstFrame
}

/** Runs `task` when the page is idle (within a second) after its first frame. */
export function whenIdle(task: () => void): void {
  void afterFirstFrame().then(() => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout: 1_000 })
    else setTimeout(task, 0)
  })
}
