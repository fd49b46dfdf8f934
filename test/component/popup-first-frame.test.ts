// The popup's first frame (src/popup/first-frame.ts) is a plain-DOM drawing of the list screen that Svelte draws
// from the same kept list: the two must match element for element and attribute for attribute (data-testid and
// the other data-* attributes apart: the first frame carries none, so tests and the bench only ever find
// Svelte's list). And what a person types or clicks on the first frame happens on Svelte's list once it is there.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { cleanup, render } from '@testing-library/svelte'
import type { ProfileListItem } from '../../src/shared/messages/profiles'

const call = vi.hoisted(() => vi.fn())
vi.mock('../../src/shared/client', () => ({ call }))

import Popup from '../../src/popup/app.svelte'
import { readFirstRows, rememberList } from '../../src/popup/cached-list'
import { drawFirstFrame } from '../../src/popup/first-frame'
import { start } from '../../src/popup/start'
import { listItem as item } from './list-item'
import { ROWS_IN_VIEW } from '../../src/popup/list-view'
import { readFileSync } from 'node:fs'

/** The popup page's templates (src/popup/index.html), put in the test's document as the page has them. */
const PAGE_TEMPLATES = [...readFileSync('src/popup/index.html', 'utf8').matchAll(/<template[\s\S]*?<\/template\s*>/g)]
  .map((m) => m[0])
  .join('')
function addPageTemplates() {
  const page = new DOMParser().parseFromString(PAGE_TEMPLATES, 'text/html')
  document.head.append(...[...page.querySelectorAll('template')].map((t) => document.importNode(t, true)))
}

type Canonical = string | { tag: string; attributes: string[]; children: Canonical[] }

/** An element as a person and a screen reader meet it: tags, attributes (sorted) and text, no data-*. */
function canonical(node: Node): Canonical | undefined {
  if (node.nodeType === Node.TEXT_NODE) {
    const text = node.textContent!.replace(/\s+/g, ' ')
    return text.trim() ? text : undefined
  }
  if (!(node instanceof Element)) return undefined // comments: Svelte's block anchors
  const attributes = [...node.attributes]
    .filter((a) => !a.name.startsWith('data-'))
    .map((a) => `${a.name}=${a.value}`)
    .sort()
  const children = [...node.childNodes].map(canonical).filter((c) => c !== undefined)
  // Space at the very start or end of an element's content is not drawn.
  const last = children.length - 1
  if (typeof children[0] === 'string') children[0] = children[0].trimStart()
  if (typeof children[last] === 'string') children[last] = children[last].trimEnd()
  return { tag: node.localName, attributes, children }
}

/** The kept list's screen as Svelte draws it (the background's answer held back) and as the first frame does. */
async function bothDrawings(profiles: ProfileListItem[]) {
  rememberList(profiles)
  render(Popup)
  const svelte = document.querySelector('main')!
  const target = document.createElement('div')
  document.body.append(target)
  drawFirstFrame(target, readFirstRows()!)
  // Svelte draws OVERSCAN more rows below the view (out of sight); the first frame only the rows in view.
  for (const row of [...svelte.querySelectorAll('[role="row"]')].slice(ROWS_IN_VIEW)) row.remove()
  return { svelte: canonical(svelte), plain: canonical(target.querySelector('main')!) }
}

const many = (n: number) => Array.from({ length: n }, (_, i) => item(`profile-${String(i).padStart(3, '0')}`))

beforeEach(() => {
  localStorage.clear()
  addPageTemplates()
  call.mockImplementation((name: string) =>
    name === 'popup.model' ? new Promise(() => {}) : Promise.resolve({ status: 'ok' }),
  )
})
afterEach(() => {
  cleanup()
  document.head.replaceChildren()
  document.body.replaceChildren()
  call.mockReset()
})

describe('popup first frame', () => {
  it('draws what Svelte draws, for every kind of row', async () => {
    const { svelte, plain } = await bothDrawings([
      item('dev', { color: '#ff9900', lastUsed: 5 }),
      item('pinned-one', { pinned: true }),
      item('federated', { kind: 'federation', roleName: undefined, mfa: false }),
      item('center', { kind: 'sso', roleName: 'ReadOnly' }),
      item('broken', { kind: 'unusable', reason: 'Its source profile "base" is missing.' }),
      item('broken-too', { kind: 'unusable' }),
      item('no-account', { accountId: undefined, roleName: undefined }),
      item('<b>tag</b> & "quotes"'),
    ])
    expect(plain).toEqual(svelte)
  })

  it('draws what Svelte draws for one profile and for more than the first window', async () => {
    for (const profiles of [many(1), many(40)]) {
      const { svelte, plain } = await bothDrawings(profiles)
      expect(plain).toEqual(svelte)
      cleanup()
      document.body.replaceChildren()
      localStorage.clear()
    }
  })

  it('draws nothing for an empty list (Svelte draws that screen), nor in a page without the templates', () => {
    const target = document.createElement('div')
    expect(drawFirstFrame(target, { profiles: [], count: 0 })).toBeUndefined()
    document.head.replaceChildren()
    expect(drawFirstFrame(target, { profiles: [item('dev')], count: 1 })).toBeUndefined()
    expect(target.childElementCount).toBe(0)
  })

  it('sets a profile name as text, never as markup', () => {
    const target = document.createElement('div')
    drawFirstFrame(target, { profiles: [item('<img src=x onerror=alert(1)>')], count: 1 })
    expect(target.querySelector('.name')!.textContent).toBe('<img src=x onerror=alert(1)>')
    expect(target.querySelectorAll('img')).toHaveLength(0) // (the logo is inline SVG)
  })

  /** The first frame of alpha, beta and gamma (and `more` profiles after them) in the page, as main.ts draws it. */
  function firstFrameOfThree(more: ProfileListItem[] = []) {
    rememberList([item('alpha'), item('beta'), item('gamma'), ...more])
    const target = document.createElement('div')
    document.body.append(target)
    const firstFrame = drawFirstFrame(target, readFirstRows()!)!
    const field = target.querySelector('input')!
    const handOver = () => {
      start(target, firstFrame)
      expect(target.querySelectorAll('main')).toHaveLength(1)
      return target.querySelector<HTMLInputElement>('[data-testid="profile-filter"]')!
    }
    return { target, field, handOver }
  }
  const shown = () =>
    [...document.querySelectorAll<HTMLElement>('[data-testid="profile-row"]')].map((r) => r.dataset.profile)

  it("gives Svelte's list the text typed before it came, the caret and the focus", async () => {
    const { field, handOver } = firstFrameOfThree()
    expect(document.activeElement).toBe(field)
    field.value = 'gam'
    field.setSelectionRange(1, 2)
    const live = handOver()
    expect(live.value).toBe('gam')
    expect([live.selectionStart, live.selectionEnd]).toEqual([1, 2])
    expect(document.activeElement).toBe(live)
    await vi.waitFor(() => expect(shown()).toEqual(['gamma']))
  })

  it('presses the list keys pressed before Svelte came again, in order, with their modifiers', async () => {
    const { field, handOver } = firstFrameOfThree()
    field.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, cancelable: true }))
    field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', shiftKey: true, bubbles: true, cancelable: true }))
    handOver()
    // The second profile, in a new tab (Enter waits for the filter to load).
    await vi.waitFor(() => expect(call).toHaveBeenCalledWith('login.open', { profile: 'beta', newTab: true }))
  })

  it("makes a click on the first frame again on the same element of Svelte's list", async () => {
    const { target, handOver } = firstFrameOfThree()
    target.querySelectorAll<HTMLButtonElement>('.pin')[2]!.click()
    target.querySelectorAll<HTMLElement>('.main')[0]!.click()
    expect(call).not.toHaveBeenCalledWith('profiles.pin', expect.anything())
    handOver()
    await vi.waitFor(() => {
      expect(call).toHaveBeenCalledWith('profiles.pin', { name: 'gamma', pinned: true })
      expect(call).toHaveBeenCalledWith('login.open', { profile: 'alpha', newTab: false })
    })
  })

  it('makes a click below the rows again on the same element, where Svelte draws more rows than the first frame', async () => {
    const { target, handOver } = firstFrameOfThree(many(20))
    expect(target.querySelectorAll('[role="row"]')).toHaveLength(ROWS_IN_VIEW)
    target.querySelector<HTMLButtonElement>('footer button')!.click() // "Forget cached sessions"
    handOver()
    expect(target.querySelectorAll('[role="row"]').length).toBeGreaterThan(ROWS_IN_VIEW)
    await vi.waitFor(() => expect(call).toHaveBeenCalledWith('sessions.forget', {}))
    expect(call).not.toHaveBeenCalledWith('profiles.pin', expect.anything())
  })
})
