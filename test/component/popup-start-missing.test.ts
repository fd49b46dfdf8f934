// Svelte's half of the popup (src/popup/start.ts) that cannot load, as when Rolecall is updated while the popup
// opens: the plain first frame (first-frame.ts) does not stay on as a list that does nothing; the popup says
// what to do instead. Its own file: main.ts runs once per module graph.
import { describe, expect, it, vi } from 'vitest'
import { rememberList } from '../../src/popup/cached-list'
import { listItem as item } from './list-item'
import { readFileSync } from 'node:fs'

vi.mock('../../src/popup/start', () => {
  throw new TypeError('Failed to fetch dynamically imported module')
})

describe('popup whose Svelte half cannot load', () => {
  it('replaces the first frame with the notice to reopen it', async () => {
    // The page as index.html has it: the app's element and the first frame's templates.
    const page = new DOMParser().parseFromString(readFileSync('src/popup/index.html', 'utf8'), 'text/html')
    document.body.replaceChildren(...[...page.body.children].map((node) => document.importNode(node, true)))
    rememberList([item('dev')])
    await import('../../src/popup/main')
    expect(document.querySelector('[role="row"]')).not.toBeNull() // the first frame was drawn
    await vi.waitFor(() =>
      expect(document.querySelector('[role="alert"]')?.textContent).toMatch(/reopen|open it again/),
    )
    expect(document.querySelector('[role="row"]')).toBeNull()
  })
})
