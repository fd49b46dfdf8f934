// "options <browser>: paste → preview drawn (N profiles)": what a person waits for on the Import section.
// The config is put in the textarea with an input event (as a paste ends) and given a second to settle; then,
// in the page, a real click on Preview, and the time from that click to the frame after the table shows this
// text's preview (requestAnimationFrame, then a task: the frame has been produced). With an import of the same
// profiles already stored, so the re-import diff is part of it, as it is for anyone importing a second time.
import { OPTIONS, seedImport, type ExtensionBrowser, type ExtPage } from '../e2e/harness'
import { generateConfig } from '../generate-config'
import { inPage } from './page-tools'
import type { BenchRow } from './table'

const RUNS = 5

/** Fills the textarea, then clicks Preview and times to the frame that shows the table. */
async function previewOnce(page: ExtPage, text: string): Promise<number> {
  await page.evaluate(
    inPage((config: string) => {
      const area = document.querySelector('[data-testid="config-text"]') as HTMLTextAreaElement
      area.value = config
      area.dispatchEvent(new Event('input', { bubbles: true }))
    }),
    text,
  )
  await new Promise((resolve) => setTimeout(resolve, 1000))
  return page.evaluate(
    inPage(async () => {
      const button = document.querySelector('[data-testid="config-preview-button"]') as HTMLButtonElement
      const started = performance.now()
      button.click()
      const deadline = started + 60_000
      // Done when the table shows this text's preview: rows drawn, the button idle again, and the notice that
      // the text changed since the last preview (shown from the paste on) gone.
      const shown = () =>
        document.querySelector('[data-testid="preview-row"]') &&
        !document.querySelector('[data-testid="preview-stale"]') &&
        !button.disabled
      while (!shown()) {
        if (performance.now() > deadline) throw new Error('no preview table within 60 s')
        await new Promise((resolve) => setTimeout(resolve, 2))
      }
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))
      return performance.now() - started
    }),
    undefined,
  )
}

export async function benchPreviewPage(browser: ExtensionBrowser, control: ExtPage): Promise<BenchRow[]> {
  const rows: BenchRow[] = []
  for (const [profiles, target] of [
    [2_000, '< 100 ms'],
    [10_000, '< 300 ms'],
  ] as const) {
    const config = generateConfig({ profiles, seed: 3 }).text
    await seedImport(control, config)
    const page = await browser.openPage(OPTIONS)
    await page.waitFor('[data-testid="config-text"]')
    const samples: number[] = []
    // Each run's text differs by a comment, so the page cannot reuse a preview; the first run warms up.
    for (let i = 0; i <= RUNS; i++) {
      const ms = await previewOnce(page, `${config}\n# run ${i}\n`)
      if (i > 0) samples.push(ms)
    }
    await page.close()
    rows.push({
      figure: `options ${browser.name}: paste → preview drawn (${profiles.toLocaleString('en')} profiles, re-import)`,
      unit: 'ms',
      samples,
      target,
    })
  }
  return rows
}
