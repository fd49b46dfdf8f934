// The popup's entry: draws the first rows of the kept list in plain DOM (first-frame.ts) and only then loads
// Svelte and the app (start.ts, which asks the background for the first screen at once), so the first frame waits
// for neither.
import './popup.css'
import { afterFirstFrame } from './after-paint'
import { readFirstRows } from './cached-list'
import { drawFirstFrame } from './first-frame'
import { PART_MISSING } from './part-missing-text'

const target = document.getElementById('app')!
const firstRows = readFirstRows()
const firstFrame = firstRows && drawFirstFrame(target, firstRows)
const start = () =>
  import('./start').then(
    ({ start }) => start(target, firstFrame),
    () => cannotStart(),
  )

/** Svelte's half did not load: the first frame's list would look usable and do nothing, so it says why instead. */
function cannotStart(): void {
  const notice = document.createElement('p')
  notice.className = 'notice error'
  notice.setAttribute('role', 'alert')
  notice.dataset.testid = 'part-missing'
  notice.textContent = PART_MISSING
  target.replaceChildren(notice)
}
// With a list on the display Svelte waits for that frame to be produced; with none there is nothing to wait for.
if (firstFrame) void afterFirstFrame().then(start)
else void start()
