// The popup's first frame, drawn from the kept list's first rows (cached-list.ts, readFirstRows) in plain DOM
// before Svelte and the components load. A blank popup page shows its first frame after ~30 ms; evaluating Svelte's runtime and mounting
// the app took another ~45 ms (Chromium, 2,000 profiles), most of a popup open. This page's script is a few KB,
// so the list is on the display about as soon as a blank page would be; Svelte then loads and mounts the same
// list (start.ts), and this DOM leaves in the same task, so no frame shows both or neither.
//
// It is a second drawing of the list screen as app.svelte, main-view.svelte, profile-list.svelte and
// profile-row.svelte draw a kept list at the top with an empty filter: the same elements, classes, attributes and
// texts (the markup is in index.html's two templates; list-view.ts holds the texts and sizes both use). test/component/popup-first-frame.test.ts holds the two
// to each other, attribute for attribute; a change to one of those components that it does not mirror fails it.
// It carries no data-testid: tests and the bench find Svelte's list, never this one. The kept list's values are
// set as text and attributes, never parsed as markup.
//
// What a person does before Svelte takes over is not lost: text typed into the filter and its selection move to
// Svelte's field, the list keys pressed (arrows, pages, Enter) are pressed again there, and a click on a row,
// its buttons, Lock or a footer link is made again on the same element of Svelte's list.
import type { ProfileListItem } from '../shared/messages/profiles'
import type { FirstRows } from './cached-list'
import { markFirstRows } from './first-rows-mark'
import {
  ROWS_IN_VIEW,
  ROW_HEIGHT,
  cellId,
  copyExportsLabel,
  copyUrlLabel,
  countText,
  pinLabel,
  pinTitle,
  rowDetail,
  swatchColor,
  viewportHeight,
} from './list-view'

/** The list's keys, as profile-list.svelte handles them in its filter field. */
const LIST_KEYS = new Set(['ArrowDown', 'ArrowUp', 'PageDown', 'PageUp', 'Enter'])
/** What a click can land on: the same elements, in the same order, in both drawings. */
const CLICKABLE = 'button, .main'

type Modifiers = Pick<KeyboardEvent, 'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey'>
const modifiers = (event: Modifiers): Modifiers => ({
  shiftKey: event.shiftKey,
  ctrlKey: event.ctrlKey,
  metaKey: event.metaKey,
  altKey: event.altKey,
})

/**
 * Where a clicked element is, in terms both drawings share: its row and its place in the row, or its place
 * among the elements outside the rows (Svelte draws a few more rows below the view than the first frame).
 */
interface ClickPlace {
  row?: number
  index: number
}

function placeOf(screen: Element, clicked: HTMLElement): ClickPlace {
  const row = clicked.closest('[role="row"]')
  if (row)
    return { row: [...screen.querySelectorAll('[role="row"]')].indexOf(row), index: clickablesIn(row).indexOf(clicked) }
  return { index: clickablesIn(screen, true).indexOf(clicked) }
}

function elementAt(screen: Element, { row, index }: ClickPlace): HTMLElement | undefined {
  if (row === undefined) return clickablesIn(screen, true)[index]
  const rowElement = screen.querySelectorAll('[role="row"]')[row]
  return rowElement && clickablesIn(rowElement)[index]
}

/** The clickable elements in `root`, in document order (outside the rows only, with `outsideRows`). */
function clickablesIn(root: Element, outsideRows = false): HTMLElement[] {
  const all = [...root.querySelectorAll<HTMLElement>(CLICKABLE)]
  return outsideRows ? all.filter((element) => !element.closest('[role="row"]')) : all
}

export interface FirstFrame {
  /** Removes this drawing and gives what was typed and clicked on it to Svelte's list, now mounted in `target`. */
  handOver(target: HTMLElement): void
}

/** A copy of the element in one of the page's templates (index.html), or undefined where the page has none. */
function fromTemplate(id: string): HTMLElement | undefined {
  const template = document.getElementById(id)
  if (!(template instanceof HTMLTemplateElement)) return undefined
  return template.content.firstElementChild?.cloneNode(true) as HTMLElement | undefined
}

function drawRow(row: HTMLElement, profile: ProfileListItem, index: number): void {
  const unusable = profile.kind === 'unusable'
  const pinned = profile.pinned
  row.classList.toggle('selected', index === 0)
  row.classList.toggle('unusable', unusable)
  row.setAttribute('aria-rowindex', String(index + 1))
  row.setAttribute('aria-selected', String(index === 0))
  row.setAttribute('aria-disabled', String(unusable))
  const style = row.style
  style.top = `${index * ROW_HEIGHT}px`
  style.height = `${ROW_HEIGHT}px`
  const cell = row.querySelector('.main')!
  cell.id = cellId(index)
  ;(row.querySelector('.swatch') as HTMLElement).style.background = swatchColor(profile)
  row.querySelector('.name')!.textContent = profile.name
  const detail = row.querySelector('.detail')!
  detail.textContent = rowDetail(profile)
  detail.setAttribute('title', detail.textContent)
  const copy = row.querySelector('.copy')!
  if (unusable) copy.remove()
  else {
    const [url, exports] = copy.querySelectorAll('button')
    url!.setAttribute('aria-label', copyUrlLabel(profile.name))
    exports!.setAttribute('aria-label', copyExportsLabel(profile.name))
  }
  const pin = row.querySelector('.pin')!
  pin.classList.toggle('pinned', pinned)
  pin.setAttribute('title', pinTitle(pinned))
  pin.setAttribute('aria-label', pinLabel(profile.name, pinned))
}

/**
 * Draws the list screen for the kept list's first rows (already in the list's default order) and its length into
 * `target`, focuses its filter and stamps the first-rows mark after the frame that shows it. Nothing is drawn for
 * an empty list (Svelte draws that screen itself), nor in a page without the templates.
 */
export function drawFirstFrame(target: HTMLElement, { profiles, count }: FirstRows): FirstFrame | undefined {
  const screen = fromTemplate('first-screen')
  const rowTemplate = fromTemplate('first-row')
  if (profiles.length === 0 || !screen || !rowTemplate) return undefined
  const spacer = screen.querySelector<HTMLElement>('.spacer')!
  spacer.setAttribute('aria-rowcount', String(count))
  spacer.style.height = `${count * ROW_HEIGHT}px`
  screen.querySelector<HTMLElement>('.viewport')!.style.height = `${viewportHeight(count)}px`
  screen.querySelector('.count')!.textContent = countText(count, count)
  profiles.slice(0, ROWS_IN_VIEW).forEach((profile, i) => {
    const row = rowTemplate.cloneNode(true) as HTMLElement
    drawRow(row, profile, i)
    spacer.append(row)
  })
  const filter = screen.querySelector('input')!
  filter.autofocus = true

  // In the order they came: a key or a click, made again on Svelte's list (see handOver).
  const pending: Array<({ key: string } | { click: ClickPlace }) & Modifiers> = []
  filter.addEventListener('keydown', (event) => {
    if (!LIST_KEYS.has(event.key)) return
    event.preventDefault()
    pending.push({ key: event.key, ...modifiers(event) })
  })
  screen.addEventListener('click', (event: MouseEvent) => {
    const clicked = (event.target as Element).closest<HTMLElement>(CLICKABLE)
    if (clicked) pending.push({ click: placeOf(screen, clicked), ...modifiers(event) })
  })

  target.append(screen)
  filter.focus()
  markFirstRows()

  return {
    handOver(live) {
      const focused = document.activeElement === filter
      screen.remove()
      const field = live.querySelector<HTMLInputElement>('input.filter')
      if (field && filter.value) {
        field.value = filter.value
        field.dispatchEvent(new Event('input', { bubbles: true }))
        field.setSelectionRange(filter.selectionStart, filter.selectionEnd)
      }
      if (field && focused) field.focus()
      for (const event of pending) {
        const init = { ...modifiers(event), bubbles: true, cancelable: true }
        if ('key' in event) field?.dispatchEvent(new KeyboardEvent('keydown', { key: event.key, ...init }))
        else elementAt(live, event.click)?.dispatchEvent(new MouseEvent('click', init))
      }
    },
  }
}
