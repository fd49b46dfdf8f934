// "options <browser>: paste → preview drawn (N profiles)": what a person waits for on the Import section.
// The config is pasted for real: copied to the clipboard, the config field focused, Ctrl+V (a large paste takes
// its own path, shown as its size and never laid out in the text box: src/options/import/config-field.svelte).
// A first row times that paste, from the Ctrl+V keydown's own timeStamp to the frame after the page shows the
// pasted text's size. Then the page is given a second to settle (it starts reading a pasted text at once, so most
// of the work is done by then); another row clicks right after the paste instead, as soon as the driver can, so
// the read counts in all but that gap (the notes give it: a person's hand takes longer to reach the button). Then
// a real click on Preview (the driver's mouse input: CDP Input.dispatchMouseEvent in Chromium, WebDriver BiDi
// input.performActions in Firefox), timed in the page from that click event's own timeStamp (taken by a
// capturing listener, so the time from the input to its handler counts) to the frame after the table shows
// this text's preview (requestAnimationFrame, then a task: the frame has been produced). With an import of
// the same profiles already stored, so the re-import diff is part of it, as it is for anyone importing again.
import { OPTIONS, seedImport, type ExtensionBrowser, type ExtPage } from '../e2e/harness'
import { clipboardReader, type ClipboardReader } from '../e2e/harness/clipboard'
import { readyToPaste } from '../e2e/harness/config-paste'
import { generateConfig } from '../generate-config'
import { inPage } from './page-tools'
import type { BenchRow } from './table'

const RUNS = 5
const PREVIEW_BUTTON = '[data-testid="config-preview-button"]'

/** What the page keeps of a paste: when its Ctrl+V came, and how long until its size was shown. */
type PasteClock = { pastedAt: number; pasteShown: Promise<number> }

/**
 * Pastes `text` for real, then clicks Preview; times the paste (Ctrl+V to its size shown) and the click (to the
 * frame that shows the table), and gives the time from the paste to the click beside them.
 */
async function previewOnce(
  page: ExtPage,
  clipboard: ClipboardReader,
  text: string,
  settleMs: number,
): Promise<{ ms: number; gap: number; pasted: number }> {
  await readyToPaste(page, clipboard, text)
  // Armed before the key: the V's keydown starts the paste's clock, and the page watches for the text's size.
  await page.evaluate(
    inPage(() => {
      const clock = globalThis as unknown as PasteClock
      clock.pasteShown = new Promise((resolve) => {
        const onKey = (event: KeyboardEvent) => {
          if (event.key.toLowerCase() !== 'v') return // the Control before it
          document.removeEventListener('keydown', onKey, true)
          clock.pastedAt = event.timeStamp
          const watch = () => {
            if (document.querySelector('[data-testid="config-collapsed"]'))
              requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - clock.pastedAt), 0))
            else setTimeout(watch, 2)
          }
          watch()
        }
        document.addEventListener('keydown', onKey, true)
      })
    }),
    undefined,
  )
  await page.press('Control+v')
  const pasted = await page.evaluate(
    inPage(() => (globalThis as unknown as PasteClock).pasteShown),
    undefined,
  )
  await new Promise((resolve) => setTimeout(resolve, settleMs))
  // Armed before the click: the next click's timeStamp starts the clock, and the page watches for the table.
  await page.evaluate(
    inPage(() => {
      const timed = new Promise<{ ms: number; gap: number }>((resolve, reject) => {
        document.addEventListener(
          'click',
          (event) => {
            const clickedAt = event.timeStamp
            const gap = clickedAt - (globalThis as unknown as PasteClock).pastedAt
            void (async () => {
              const button = document.querySelector('[data-testid="config-preview-button"]') as HTMLButtonElement
              const deadline = performance.now() + 60_000
              // Done when the table shows this text's preview: rows drawn, the button idle again, and the notice
              // that the text changed since the last preview (shown from the paste on) gone.
              const shown = () =>
                document.querySelector('[data-testid="preview-row"]') &&
                !document.querySelector('[data-testid="preview-stale"]') &&
                button.getAttribute('aria-disabled') !== 'true'
              while (!shown()) {
                if (performance.now() > deadline) throw new Error('no preview table within 60 s')
                await new Promise((done) => setTimeout(done, 2))
              }
              await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)))
              return { ms: performance.now() - clickedAt, gap }
            })().then(resolve, reject)
          },
          { capture: true, once: true },
        )
      })
      ;(globalThis as unknown as { previewTimed: typeof timed }).previewTimed = timed
    }),
    undefined,
  )
  await page.click(PREVIEW_BUTTON)
  const clicked = await page.evaluate(
    inPage(() => (globalThis as unknown as { previewTimed: Promise<{ ms: number; gap: number }> }).previewTimed),
    undefined,
  )
  return { ...clicked, pasted }
}

export async function benchPreviewPage(
  browser: ExtensionBrowser,
  control: ExtPage,
): Promise<{ rows: BenchRow[]; notes: string[] }> {
  const rows: BenchRow[] = []
  const notes: string[] = []
  const clipboard = await clipboardReader(browser)
  for (const [profiles, target] of [
    [2_000, '< 100 ms'],
    [10_000, '< 300 ms'],
  ] as const) {
    const config = generateConfig({ profiles, seed: 3 }).text
    await seedImport(control, config)
    const pastes: number[] = []
    for (const [settleMs, how] of [
      [1000, 're-import'],
      [0, 're-import, clicked right after the paste'],
    ] as const) {
      const page = await browser.openPage(OPTIONS)
      await page.waitFor('[data-testid="config-text"]')
      const samples: number[] = []
      const gaps: number[] = []
      // Each run's text differs by a comment, so the page cannot reuse a preview; the first run warms up.
      for (let i = 0; i <= RUNS; i++) {
        const { ms, gap, pasted } = await previewOnce(page, clipboard, `${config}\n# run ${i}\n`, settleMs)
        if (i === 0) continue // the warm-up
        samples.push(ms)
        gaps.push(gap)
        pastes.push(pasted)
      }
      if (settleMs === 0) {
        const sorted = gaps.sort((a, b) => a - b)
        notes.push(
          `${browser.name}: ${profiles.toLocaleString('en')} profiles clicked right after the paste: the click came ${sorted[0]!.toFixed(0)}-${sorted.at(-1)!.toFixed(0)} ms after the paste.`,
        )
      }
      await page.close()
      rows.push({
        figure: `options ${browser.name}: paste → preview drawn (${profiles.toLocaleString('en')} profiles, ${how})`,
        unit: 'ms',
        samples,
        target,
      })
    }
    rows.push({
      figure: `options ${browser.name}: Ctrl+V → pasted text shown as its size (${profiles.toLocaleString('en')} profiles)`,
      unit: 'ms',
      samples: pastes,
    })
  }
  await clipboard.close()
  return { rows, notes }
}
