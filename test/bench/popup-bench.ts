// Popup figures (issue 19) with 2,000 imported profiles and the vault unlocked, measured as a person meets the
// popup: from the toolbar.
//
// Toolbar click → list drawn: the real toolbar popup is opened from its button (Chromium: the DevTools protocol's
// Extensions.triggerAction, see toolbar-chromium.ts; Firefox: the button clicked from Firefox's own window, see
// toolbar-firefox.ts). The clock starts just before the click is sent and stops at the popup's own mark
// (src/popup/first-rows-mark.ts: the end of the first frame that shows the filter and rows), read as epoch time
// (the popup's performance.timeOrigin + the mark). The floor is a blank popup (blank-popup/: one tiny script
// stamping the same mark after its first frame), loaded in the same browser and opened the same way, alternating
// with Rolecall; the ratio is Rolecall's median over the floor's. Two series: the usual open (the list the
// previous open showed is kept and drawn first, src/popup/cached-list.ts) and an open with no kept list (the
// first open, or the first after a lock), where the rows wait for the background's answer.
//
// Filter keystroke → frame: real key events typed into the popup's filter (Chromium: Input.dispatchKeyEvent in
// the real toolbar popup; Firefox: WebDriver BiDi's input.performActions in the popup page opened in a
// popup-sized tab, since BiDi cannot reach the toolbar popup there), each timed from the keydown's own
// timestamp to the end of the first frame showing the list it settles on (key-timing.ts). Keys come as a
// person's do, into a page that has gone quiet: the first of a query 300 ms after the list was drawn (a person
// looks before typing), each later one 100 ms after the frames of the key before it stopped. The first character
// of each query runs over the full list and is its own row. The floor types the same keys into the blank popup's
// lone field, which nothing listens to: the wait for the next frame alone (up to one frame, 16.7 ms at 60 Hz),
// so the gap between the two is Rolecall's own work.
import { generateConfig } from '../generate-config'
import { POPUP, POPUP_SIZE, poll, seedImport, type ExtensionBrowser, type ExtPage } from '../e2e/harness'
import { ChromiumExtension } from '../e2e/harness/chromium'
import { FirefoxExtension, GECKO_ID } from '../e2e/harness/firefox'
import { bringToFront, inPage } from './page-tools'
import { FIRST_ROWS_MARK, LIVE_MARK } from '../../src/popup/first-rows-mark'
import { CACHED_LIST_KEY, KEPT_LIST_KEYS } from '../../src/popup/cached-list'
import { ChromiumToolbar, type PopupTarget } from '../e2e/harness/toolbar-chromium'
import { FirefoxToolbar } from '../e2e/harness/toolbar-firefox'
import { BLANK_GECKO_ID, BLANK_POPUP_PAGE, blankPopupDir, chromiumUnpackedId } from './blank-popup'
import { RECORD_MS, installKeyRecorder, settledMs, takeKeyRuns } from './key-timing'
import type { BenchRow } from './table'

export const POPUP_PROFILES = 2_000
const OPEN_RUNS = 7
/** Typed one character at a time; the first character of each runs over the whole list. */
const QUERIES = ['payments', 'prod', 'admin', '4821', 'sec-dev']
const WARMUP_QUERY = 'dev'
const ROLECALL_POPUP = POPUP

type Which = 'rolecall' | 'blank'

/**
 * ms to the popup's rows mark: from the click, and from the popup page's own start (its time origin); and from
 * that start to its live mark (Svelte's list drawn: Rolecall's kept rows come first in plain DOM; for the blank
 * popup, the same as its rows).
 */
interface OpenTimes {
  fromClick: number
  fromStart: number
  liveFromStart: number
}

/** The two toolbar buttons (Rolecall's and the blank popup's) of one browser. */
interface Toolbar {
  /**
   * Opens a popup from its button and closes it again (after `beforeClose`, if given); the times to the end of its
   * first drawn frame.
   */
  timedOpen(which: Which, beforeClose?: () => Promise<unknown>): Promise<OpenTimes>
  /** A place to type into a popup's filter (the blank popup's lone field) with real key events. */
  typingSurface(which: Which): Promise<TypingSurface>
  close(): Promise<void>
}

interface TypingSurface {
  evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>
  typeKey(ch: string): Promise<void>
  close(): Promise<void>
}

/** In the popup: its time origin (epoch ms) and its mark (ms from that origin), once the mark is set. */
function readMark(name: string): { origin: number; mark: number } | undefined {
  const mark = performance.getEntriesByName(name, 'mark')[0]
  return mark ? { origin: performance.timeOrigin, mark: mark.startTime } : undefined
}

/** In another page of the same extension: readMark in the open popup (Firefox). */
function readPopupMark(name: string): { origin: number; mark: number } | undefined {
  type Api = { extension: { getViews(filter: { type: string }): Window[] } }
  const view = (globalThis as unknown as { browser: Api }).browser.extension.getViews({ type: 'popup' })[0]
  const mark = view?.performance.getEntriesByName(name, 'mark')[0]
  return mark ? { origin: view.performance.timeOrigin, mark: mark.startTime } : undefined
}

type Mark = { origin: number; mark: number }
const openTimes = (clickedAt: number, read: Mark, live: Mark): OpenTimes => ({
  fromClick: read.origin + read.mark - clickedAt,
  fromStart: read.mark,
  liveFromStart: live.mark,
})

/** In another page of the same extension: closes its popup; true once none is open (Firefox). */
function closePopup(): boolean {
  type Api = { extension: { getViews(filter: { type: string }): Window[] } }
  const views = (globalThis as unknown as { browser: Api }).browser.extension.getViews({ type: 'popup' })
  for (const view of views) view.close()
  return views.length === 0
}

async function chromiumToolbar(browser: ChromiumExtension): Promise<Toolbar> {
  const toolbar = await ChromiumToolbar.attach(browser)
  const ids: Record<Which, { id: string; page: string }> = {
    rolecall: { id: browser.extensionId, page: ROLECALL_POPUP },
    blank: { id: chromiumUnpackedId(blankPopupDir('chromium')), page: BLANK_POPUP_PAGE },
  }
  // Rolecall's process is running (its options page and worker); a page of the blank extension keeps its
  // process running too, so the floor is not charged a process start each open.
  const blankPage = await browser.openPage(`chrome-extension://${ids.blank.id}/${BLANK_POPUP_PAGE}`)
  const closeAndWait = async (popup: PopupTarget) => {
    await popup.close()
    await poll(async () => !toolbar.isOpen(popup.targetId), 10_000, 'the popup to close')
  }
  return {
    async timedOpen(which, beforeClose) {
      const { clickedAt, popup } = await toolbar.open(ids[which].id, ids[which].page)
      try {
        const read = await poll(() => popup.evaluate(readMark, FIRST_ROWS_MARK), 15_000, `the ${which} popup`)
        const live =
          which === 'blank' ? read : await poll(() => popup.evaluate(readMark, LIVE_MARK), 15_000, 'the live list')
        await beforeClose?.()
        return openTimes(clickedAt, read, live)
      } finally {
        await closeAndWait(popup)
      }
    },
    async typingSurface(which) {
      const { popup } = await toolbar.open(ids[which].id, ids[which].page)
      return {
        evaluate: (fn, arg) => popup.evaluate(fn, arg),
        typeKey: (ch) => popup.typeKey(ch),
        close: () => closeAndWait(popup),
      }
    },
    close: async () => {
      await blankPage.close()
      await toolbar.close()
    },
  }
}

async function firefoxToolbar(browser: FirefoxExtension, rolecallPage: ExtPage): Promise<Toolbar> {
  const toolbar = await FirefoxToolbar.attach(browser, [GECKO_ID, BLANK_GECKO_ID])
  const popupUrl: Record<Which, string> = {
    rolecall: ROLECALL_POPUP,
    blank: `moz-extension://${await toolbar.hostOf(BLANK_GECKO_ID)}/${BLANK_POPUP_PAGE}`,
  }
  // A page of each extension, to read its popup through extension.getViews.
  const blankPage = await browser.openPage(popupUrl.blank)
  const of: Record<Which, { id: string; page: ExtPage }> = {
    rolecall: { id: GECKO_ID, page: rolecallPage },
    blank: { id: BLANK_GECKO_ID, page: blankPage },
  }
  return {
    async timedOpen(which, beforeClose) {
      const { id, page } = of[which]
      const clickedAt = await toolbar.click(id)
      try {
        const readPopup = (name: string, what: string) =>
          poll(() => page.evaluate(inPage(readPopupMark), name), 15_000, what)
        const read = await readPopup(FIRST_ROWS_MARK, `the ${which} popup`)
        const live = which === 'blank' ? read : await readPopup(LIVE_MARK, 'the live list')
        await beforeClose?.()
        return openTimes(clickedAt, read, live)
      } finally {
        await poll(() => page.evaluate(inPage(closePopup)), 10_000, 'the popup to close')
      }
    },
    async typingSurface(which) {
      const tab = await browser.openPage(popupUrl[which], POPUP_SIZE)
      await bringToFront(tab)
      return {
        evaluate: (fn, arg) => tab.evaluate(inPage(fn), arg) as never,
        typeKey: (ch) => tab.type(ch),
        close: () => tab.close(),
      }
    },
    close: () => blankPage.close(),
  }
}

/** In the popup: empties the filter (not timed) and waits two frames for the full list. */
function clearFilter(): Promise<boolean> {
  const input = document.querySelector<HTMLInputElement>('[data-testid="profile-filter"]')!
  input.focus()
  input.value = ''
  input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'deleteContentBackward' }))
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(true))))
}

/** In a popup: its filter is there, and Rolecall's its rows (the blank popup has none). */
function readyToType(blank: boolean): boolean {
  return (
    document.querySelector('[data-testid="profile-filter"]') !== null &&
    (blank || document.querySelector('[data-testid="profile-row"]') !== null)
  )
}

/**
 * How long the page is left without frames or input before a query's first key, and before each later one.
 * Typed 2 ms after the frames that drew the full list, as this bench once did, a first key waited for the next
 * frame of that running sequence: the blank popup's first key took 15 ms there and its later ones 4.
 */
const QUIET_BEFORE_FIRST_KEY_MS = 300
const QUIET_BEFORE_KEY_MS = 100

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function keystrokes(
  toolbar: Toolbar,
  which: Which,
): Promise<{ first: number[]; later: number[]; unchanged: number }> {
  const surface = await toolbar.typingSurface(which)
  try {
    await poll(() => surface.evaluate(readyToType, which === 'blank'), 15_000, `the ${which} popup's filter`)
    await surface.evaluate(installKeyRecorder, RECORD_MS)
    const first: number[] = []
    const later: number[] = []
    let unchanged = 0
    for (const [q, query] of [WARMUP_QUERY, ...QUERIES].entries()) {
      await surface.evaluate(clearFilter)
      await surface.evaluate(takeKeyRuns)
      await sleep(QUIET_BEFORE_FIRST_KEY_MS)
      for (const [i, ch] of [...query].entries()) {
        await surface.typeKey(ch)
        await sleep(RECORD_MS + QUIET_BEFORE_KEY_MS)
        const { runs, now } = await surface.evaluate(takeKeyRuns)
        if (runs.length !== 1) throw new Error(`expected one keydown for "${ch}", recorded ${runs.length}`)
        const key = settledMs(runs[0]!, now)
        if (q === 0) continue // the warm-up
        ;(i === 0 ? first : later).push(key.ms)
        if (!key.changed) unchanged++
      }
    }
    return { first, later, unchanged }
  } finally {
    await surface.close()
  }
}

/** Removes the list the popup keeps between opens (the popup and `page` share the extension's localStorage). */
export function forgetKeptList(page: ExtPage): Promise<unknown> {
  return page.evaluate((keys) => keys.forEach((key) => localStorage.removeItem(key)), [...KEPT_LIST_KEYS])
}

/** Opens Rolecall's popup OPEN_RUNS times after a warm-up, each followed by the blank popup (the floor). */
async function openSeries(toolbar: Toolbar, page: ExtPage, keptList: boolean): Promise<Record<Which, OpenTimes[]>> {
  const opens: Record<Which, OpenTimes[]> = { rolecall: [], blank: [] }
  // The warm-up open keeps its list once its screen is drawn (when the page is idle): it stays open until then,
  // or a close right after its first frame could come first.
  const keptByWarmUp = () =>
    poll(
      () => page.evaluate((key) => localStorage.getItem(key) !== null || undefined, CACHED_LIST_KEY),
      15_000,
      'the popup to keep its list',
    )
  for (let i = 0; i <= OPEN_RUNS; i++) {
    if (!keptList) await forgetKeptList(page)
    const rolecall = await toolbar.timedOpen('rolecall', i === 0 && keptList ? keptByWarmUp : undefined)
    const blank = await toolbar.timedOpen('blank')
    if (i === 0) continue // the warm-up
    opens.rolecall.push(rolecall)
    opens.blank.push(blank)
  }
  return opens
}

function openToolbar(browser: ExtensionBrowser, page: ExtPage): Promise<Toolbar> {
  if (browser instanceof ChromiumExtension) return chromiumToolbar(browser)
  if (browser instanceof FirefoxExtension) return firefoxToolbar(browser, page)
  throw new Error('unknown browser')
}

/**
 * The usual open from the toolbar (kept list), with the blank popup beside it: a row, for other benches that
 * time the popup over other data. `page` is an extension page (not the popup); the vault is unlocked.
 */
export async function toolbarOpenRow(browser: ExtensionBrowser, page: ExtPage, figure: string): Promise<BenchRow> {
  const toolbar = await openToolbar(browser, page)
  try {
    const opens = await openSeries(toolbar, page, true)
    return {
      figure,
      unit: 'ms',
      samples: opens.rolecall.map((o) => o.fromClick),
      floor: { name: 'blank popup', samples: opens.blank.map((o) => o.fromClick) },
      target: '≤ 1.5× floor',
    }
  } finally {
    await toolbar.close()
  }
}

/** `page` is an extension page (not the popup) of a browser whose vault is unlocked. */
export async function benchPopup(
  browser: ExtensionBrowser,
  page: ExtPage,
): Promise<{ rows: BenchRow[]; notes: string[] }> {
  await seedImport(page, generateConfig({ profiles: POPUP_PROFILES, seed: 2 }).text)
  await forgetKeptList(page) // as on a fresh install: the warm-up open has none and keeps one
  const toolbar = await openToolbar(browser, page)
  try {
    const kept = await openSeries(toolbar, page, true)
    const cold = await openSeries(toolbar, page, false)
    const typed = await keystrokes(toolbar, 'rolecall')
    // The same keys into a field nothing listens to: what waiting for the next frame costs by itself.
    const typedFloor = await keystrokes(toolbar, 'blank')
    const n = POPUP_PROFILES.toLocaleString('en')
    const b = browser.name
    const typedIn = b === 'firefox' ? ' (popup page in a tab)' : ''
    const notes: string[] = [
      `${b}: with a kept list the popup draws it in plain DOM first (src/popup/first-frame.ts); "Svelte's list in place" is when Svelte's own list replaced it. Keys and clicks in between are handed to Svelte's list, not lost.`,
    ]
    if (typed.unchanged)
      notes.push(`${b}: ${typed.unchanged} keystroke(s) left the visible list unchanged (still timed: the filter ran).`)
    if (b === 'firefox')
      notes.push(
        "firefox: the toolbar button is clicked by mouse events dispatched on it from Firefox's own window (BiDi cannot send input there); keystrokes go to the popup page in a popup-sized tab through BiDi's input.performActions, since BiDi cannot reach the toolbar popup's document.",
      )
    const series = (opens: OpenTimes[], part: keyof OpenTimes) => opens.map((o) => o[part])
    const openRow = (what: string, opens: Record<Which, OpenTimes[]>, part: keyof OpenTimes): BenchRow => ({
      figure: `popup ${b}: ${what}`,
      unit: 'ms',
      samples: series(opens.rolecall, part),
      floor: { name: 'blank popup', samples: series(opens.blank, part) },
    })
    return {
      rows: [
        { ...openRow(`toolbar click → list drawn (${n} profiles)`, kept, 'fromClick'), target: '≤ 1.5× floor' },
        { ...openRow(`popup page start → list drawn (${n})`, kept, 'fromStart'), target: '≤ 1.5× floor' },
        openRow(`popup page start → Svelte's list in place (${n})`, kept, 'liveFromStart'),
        openRow('toolbar click → list drawn, no kept list (first open, after a lock)', cold, 'fromClick'),
        {
          figure: `popup ${b}: first keystroke over the full list → frame (${n})${typedIn}`,
          unit: 'ms',
          samples: typed.first,
          floor: { name: 'blank popup', samples: typedFloor.first },
          target: '< 16 ms, every one',
        },
        {
          figure: `popup ${b}: later keystrokes → frame${typedIn}`,
          unit: 'ms',
          samples: typed.later,
          floor: { name: 'blank popup', samples: typedFloor.later },
          target: '< 16 ms, every one',
        },
      ],
      notes,
    }
  } finally {
    await toolbar.close()
  }
}
