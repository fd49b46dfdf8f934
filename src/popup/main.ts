// The popup's entry: draws the first rows of the kept list in plain DOM (first-frame.ts) and only then loads
// Svelte and the app (start.ts, which asks the background for the first screen at once), so the first frame waits
// for neither.
import './popup.css'
import { afterFirstFrame } from './after-paint'
import { readFirstRows } from './cached-list'
import { drawFirstFrame } from './first-frame'

const target = document.getElementById('app')!
const firstRows = readFirstRows()
const firstFrame = firstRows && drawFirstFrame(target, firstRows)
const start = () => import('./start').then(({ start }) => start(target, firstFrame))
// With a list on the display Svelte waits for that frame to be produced; with none there is nothing to wait for.
if (firstFrame) void afterFirstFrame().then(start)
else void start()
