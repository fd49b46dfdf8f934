// One filter keystroke, timed as it is felt: from the key event's own timestamp (event.timeStamp of the keydown,
// set when the browser received the key) to the end of the first frame that shows the list as it settles for
// that key. A recorder in the page notes, at every frame for a while after each keydown, what the list shows
// (its count and first and last rows) and when that frame was done (requestAnimationFrame runs just before the
// frame's style, layout and paint; a MessageChannel message right after it). The list "as it settles" is what
// the last recorded frame shows, and it must still be what the page shows after the recording: a list that
// changes later (a filter still loading, a deferred render) fails the figure rather than shortening it.

/** How long after a keydown the recorder keeps looking at frames. */
export const RECORD_MS = 300

export interface KeyRun {
  start: number
  before: string
  frames: { shown: string; at: number }[]
}

type RecorderWindow = { __keyRuns?: KeyRun[]; __listShown?: () => string }

/** Runs in the page (self-contained): starts recording every keydown. */
export function installKeyRecorder(recordMs: number): void {
  const w = window as unknown as RecorderWindow
  if (w.__keyRuns) return
  const runs: KeyRun[] = []
  w.__keyRuns = runs
  const shown = () => {
    const rows = document.querySelectorAll('[data-testid="profile-row"]')
    const count = document.querySelector('[data-testid="profile-count"]')?.textContent ?? ''
    const first = rows[0]?.getAttribute('data-profile') ?? ''
    const last = rows[rows.length - 1]?.getAttribute('data-profile') ?? ''
    return `${count}|${rows.length}|${first}|${last}`
  }
  w.__listShown = shown
  addEventListener(
    'keydown',
    (event) => {
      const run: KeyRun = { start: event.timeStamp, before: shown(), frames: [] }
      runs.push(run)
      const nextFrame = () =>
        requestAnimationFrame(() => {
          const now = shown()
          const channel = new MessageChannel()
          channel.port1.onmessage = () => {
            run.frames.push({ shown: now, at: performance.now() })
            if (performance.now() - run.start < recordMs) nextFrame()
          }
          channel.port2.postMessage(0)
        })
      nextFrame()
    },
    true,
  )
}

/** Runs in the page: the recorded keys (emptied) and what the list shows now. */
export function takeKeyRuns(): { runs: KeyRun[]; now: string } {
  const w = window as unknown as RecorderWindow
  const runs = w.__keyRuns!.splice(0)
  return { runs, now: w.__listShown!() }
}

/** The felt time of one key, and whether it changed what the list shows. */
export function settledMs(run: KeyRun, nowShown: string): { ms: number; changed: boolean } {
  const last = run.frames.at(-1)
  if (!last) throw new Error('no frame was recorded after a keystroke')
  if (last.shown !== nowShown)
    throw new Error(`the list was still changing ${RECORD_MS} ms after a keystroke (${last.shown} → ${nowShown})`)
  // The first frame of the last unbroken stretch showing that list (a list that flickered back counts late).
  let first = run.frames.length - 1
  while (first > 0 && run.frames[first - 1]!.shown === last.shown) first--
  return { ms: run.frames[first]!.at - run.start, changed: last.shown !== run.before }
}
