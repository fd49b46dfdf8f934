// Svelte's half of the popup's start (main.ts loads it): mounts the app, which draws the whole kept list, then
// lets the plain first frame hand over what was typed and clicked on it (first-frame.ts).
import './early-model'
import { flushSync, mount } from 'svelte'
import App from './app.svelte'
import type { FirstFrame } from './first-frame'

export function start(target: HTMLElement, firstFrame?: FirstFrame): void {
  mount(App, { target })
  // The list's rows must be in the DOM before the first frame's are taken away, in this same task.
  flushSync()
  firstFrame?.handOver(target)
}
