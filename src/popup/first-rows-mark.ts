// The popup's own stamps, read by the bench (test/bench/popup-bench.ts) and the e2e tests:
// - "rolecall:rows": the end of the first frame that shows the filter and the list's rows, drawn by first-frame.ts
//   from the kept list or by Svelte. The bench reads this mark where it cannot watch the page from before its
//   first script (Firefox runs no preload script in extension pages, and rows drawn from the kept list come that
//   early).
// - "rolecall:live": the end of the first frame that shows Svelte's list: from then on every key and click is
//   handled at once (before it, first-frame.ts keeps them for Svelte).
// Each is stamped after its frame has been produced: requestAnimationFrame runs just before that frame's style,
// layout and paint, and a MessageChannel message right after it.
export const FIRST_ROWS_MARK = 'rolecall:rows'
export const LIVE_MARK = 'rolecall:live'

const marked = new Set<string>()

function markAfterFrame(name: string): void {
  if (marked.has(name) || typeof requestAnimationFrame !== 'function' || typeof MessageChannel !== 'function') return
  marked.add(name)
  requestAnimationFrame(() => {
    const channel = new MessageChannel()
    channel.port1.onmessage = () => {
      performance.mark(name)
      channel.port1.close()
    }
    channel.port2.postMessage(0)
  })
}

/** Called when rows are in the DOM; stamps "rolecall:rows" once per page, after the frame that shows them. */
export const markFirstRows = (): void => markAfterFrame(FIRST_ROWS_MARK)

/** Called when Svelte's list has rows; stamps "rolecall:live" (and "rolecall:rows" if not yet) once per page. */
export function markLive(): void {
  markFirstRows()
  markAfterFrame(LIVE_MARK)
}

/** Whether Svelte's list has been marked (for tests, and so the list's effect runs once). */
export const liveMarked = (): boolean => marked.has(LIVE_MARK)
