// The popup's own stamp of "open to interactive" (defined at the top of test/bench/popup-bench.ts): the first
// time the filter and the list's rows are in the DOM, once the frame that shows them has been produced —
// requestAnimationFrame runs just before that frame's style, layout and paint, and a MessageChannel message
// right after it. The bench reads this mark where it cannot watch the page from before its first script
// (Firefox runs no preload script in extension pages, and rows drawn from the cached list come that early).
export const FIRST_ROWS_MARK = 'rolecall:rows'

let marked = false

/** Called when rows are in the DOM; stamps the mark once per page, after the frame that shows them. */
export function markFirstRows(): void {
  if (marked || typeof requestAnimationFrame !== 'function' || typeof MessageChannel !== 'function') return
  marked = true
  requestAnimationFrame(() => {
    const channel = new MessageChannel()
    channel.port1.onmessage = () => {
      performance.mark(FIRST_ROWS_MARK)
      channel.port1.close()
    }
    channel.port2.postMessage(0)
  })
}

/** Whether the mark is already scheduled or set (for tests). */
export const firstRowsMarked = (): boolean => marked
