// Issue 4 end to end: in both browsers, paste a realistic 50-profile ~/.aws/config with mistakes in it into
// the options page; the preview lists every profile and shows each mistake on its line; importing stores the
// profiles (the background counts them); a re-import shows what it would add, change and remove first.
// A 5 MB paste previews without holding the page: the main thread never stalls long while it arrives and draws.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BROWSERS, OPTIONS, callBackground, launch, mustCall, type ExtPage, type ExtensionBrowser } from './harness'
import { DEMO_PASSPHRASE } from '../fake-aws/demo-org'
import { buildPreview } from '../../src/core/config/import/preview'
import { CONFIG_TEXT_MAX } from '../../src/core/config/import/report'
import { generateConfig } from '../generate-config'
import { hostileConfig } from '../hostile-config'
import { axeViolations, formatViolations } from './harness/axe'
import { clipboardReader, type ClipboardReader } from './harness/clipboard'
import { readyToPaste } from './harness/config-paste'

const GENERATED = generateConfig({ profiles: 50, seed: 11, errors: true })
/**
 * The longest the page's main thread may stall while a 5 MB preview arrives and draws (longestStall), as the
 * median of three runs. Decoding and drawing every row held it 280-500 ms in Chromium and 160-470 ms in Firefox
 * here; a summary and one page of rows, ~100 ms in Chromium while the text sat in the text box (~40 ms a frame),
 * and 22-33 ms in both browsers with the paste shown as its size, as a real paste now is.
 */
const STALL_MS = 100
/**
 * The longest the page may be held by a real paste of 10,000 profiles (1.8 MB). Laid out in the text box it held
 * Chromium ~0.9 s; shown as its size, 150-183 ms in Chromium and ~100 ms in Firefox here, most of it the paste
 * handler and the update after it (reading 1.8 MB from the clipboard, handing it to the worker).
 */
const PASTE_STALL_MS = 300
const $ = (testId: string) => `[data-testid="${testId}"]`

/** The import result as it reads: the markup wraps its sentence over lines, which textContent keeps. */
async function resultText(page: ExtPage): Promise<string> {
  return (await page.text($('import-result'))).replace(/\s+/g, ' ')
}

/** Pastes text into a field at once (typing 10 KB key by key would take minutes), firing `input` as a paste does. */
async function paste(page: ExtPage, selector: string, text: string) {
  await page.waitFor(selector)
  await page.evaluate(
    ({ selector, text }) => {
      const field = document.querySelector(selector) as HTMLTextAreaElement
      field.value = text
      field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }))
    },
    { selector, text },
  )
}

/** Runs in the page: after `frames` frames, a heartbeat (a 4 ms timer) that records the longest gap between ticks. */
async function startHeartbeat(frames: number): Promise<void> {
  for (let i = 0; i < frames; i++) await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)))
  const beat = { longest: 0, last: performance.now(), running: true }
  ;(globalThis as unknown as { beat: typeof beat }).beat = beat
  const tick = () => {
    const now = performance.now()
    beat.longest = Math.max(beat.longest, now - beat.last)
    beat.last = now
    if (beat.running) setTimeout(tick, 4)
  }
  setTimeout(tick, 4)
}

/** Runs in the page: stops the heartbeat `frames` frames from now; the longest gap it saw, in ms. */
async function stopHeartbeat(frames: number): Promise<number> {
  for (let i = 0; i < frames; i++) await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)))
  const beat = (globalThis as unknown as { beat: { longest: number; running: boolean } }).beat
  beat.running = false
  return Math.round(beat.longest)
}

/**
 * Pastes `text` for real, clicks Preview and returns the longest the page's main thread was held from just after
 * the paste until two frames after the table shows this text's preview, so the worker's answer arrives inside it
 * whenever it comes: a heartbeat on the page (a 4 ms timer) records the longest gap between its ticks.
 */
async function longestStall(page: ExtPage, clipboard: ClipboardReader, text: string): Promise<number> {
  await readyToPaste(page, clipboard, text)
  await page.press('Control+v')
  await page.waitFor($('config-collapsed'))
  // After the frames that draw the pasted text's size (the paste's own stall is the large-paste test's).
  await page.evaluate(startHeartbeat, 2)
  await page.click($('config-preview-button'))
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid="preview-row"]') &&
      !document.querySelector('[data-testid="preview-stale"]') &&
      document.querySelector('[data-testid="config-preview-button"]')?.getAttribute('aria-disabled') !== 'true',
    30_000,
  )
  return page.evaluate(stopHeartbeat, 2)
}

async function linesShown(page: ExtPage, severity: 'error' | 'warning') {
  return page.evaluate(
    (severity) =>
      [...document.querySelectorAll(`[data-testid$="diagnostic"][data-severity="${severity}"]`)]
        .map((el) => Number((el as HTMLElement).dataset.line))
        .sort((a, b) => a - b),
    severity,
  )
}

for (const kind of BROWSERS) {
  describe(`config import in ${kind}`, () => {
    let browser: ExtensionBrowser

    beforeAll(async () => {
      browser = await launch(kind)
      // Importing decides which accounts the keys are used for: it needs an unlocked vault.
      const page = await browser.openPage(OPTIONS)
      await mustCall(page, 'vault.create', { passphrase: DEMO_PASSPHRASE })
      await page.close()
    })
    afterAll(async () => {
      await browser?.close()
    })

    it('previews a 50-profile config with its mistakes on the right lines, then imports it', async () => {
      const options = await browser.openPage(OPTIONS)
      await options.waitFor($('import-section'))
      await paste(options, $('config-text'), GENERATED.text)
      await options.click($('config-preview-button'))
      await options.waitFor($('preview-table'), 30_000)

      expect(await options.count($('preview-row'))).toBe(50)
      expect(await linesShown(options, 'error')).toEqual(GENERATED.errors.map((e) => e.line))
      expect((await linesShown(options, 'warning')).length).toBeGreaterThan(5)
      expect(
        await options.evaluate(() =>
          document.querySelector('[data-testid="preview-summary"]')?.getAttribute('data-errors'),
        ),
      ).toBe('4')
      // A role profile shows its account, role and chain; unusable ones say why.
      const first = GENERATED.names.find((n) => /-\d+$/.test(n) && !n.startsWith('common-') && !n.includes('-user-'))!
      const chain = await options.text(`${$('preview-row')}[data-profile="${first}"] ${$('row-chain')}`)
      expect(chain.endsWith(first)).toBe(true)
      expect(await options.count(`${$('preview-row')}[data-kind="unusable"]`)).toBeGreaterThan(0)
      expect(await options.count($('row-reason'))).toBe(
        await options.count(`${$('preview-row')}[data-kind="unusable"]`),
      )
      expect(await options.count(`${$('inherited')}[data-field="region"]`)).toBeGreaterThan(0)
      await options.screenshot(`import-preview-${kind}-light`)
      await options.emulateColorScheme('dark')
      await options.screenshot(`import-preview-${kind}-dark`)
      await options.emulateColorScheme('light')

      await options.click($('config-apply-button'))
      await options.waitFor($('import-result'), 30_000)
      expect(await resultText(options)).toMatch(/Imported 50 profiles \(50 added, 0 changed, 0 removed\)/)
      const status = await callBackground(options, 'app.status', {})
      expect(status.ok && status.value.profileCount).toBe(50)
      const stored = await callBackground(options, 'config.profiles', {})
      expect(stored.ok && stored.value.profiles.map((p) => p.name)).toEqual(
        GENERATED.names.filter((n, i, all) => all.indexOf(n) === i),
      )
      await options.close()
    })

    it('a re-import shows what it adds, changes and removes before applying', async () => {
      const options = await browser.openPage(OPTIONS)
      await options.waitFor($('import-status'))
      expect(await options.text($('import-status'))).toMatch(/50 profiles imported/)
      const dropped = GENERATED.names[GENERATED.names.length - 1]!
      const edited = GENERATED.text.replace(`[profile ${dropped}]`, '[profile e2e-new-profile]')
      await paste(options, $('config-text'), edited)
      await options.click($('config-preview-button'))
      await options.waitFor($('import-diff'), 30_000)
      expect(await options.text($('diff-added'))).toContain('e2e-new-profile')
      expect(await options.text($('diff-removed'))).toContain(dropped)
      await options.screenshot(`import-reimport-diff-${kind}`)
      await options.click($('config-apply-button'))
      await options.waitFor($('import-result'), 30_000)
      expect(await resultText(options)).toMatch(/1 added, 0 changed, 1 removed/)
      await options.close()
    })

    it('a large paste is shown as its size, not laid out; it previews, and opens as text on request', async () => {
      const large = generateConfig({ profiles: 10_000, seed: 5 })
      const clipboard = await clipboardReader(browser)
      const options = await browser.openPage(OPTIONS)
      await options.waitFor($('config-text'))
      /** A real paste of `text` copied with Windows line ends; the longest main-thread gap around it. */
      const pasteFor = async (text: string) => {
        await readyToPaste(options, clipboard, text.replace(/\n/g, '\r\n'))
        await options.evaluate(startHeartbeat, 0)
        await options.press('Control+v')
        return options.evaluate(stopHeartbeat, 3)
      }
      // A small paste is left to the browser: it lands in the text box.
      await pasteFor(GENERATED.text)
      expect(
        await options.evaluate(
          () => (document.querySelector('[data-testid="config-text"]') as HTMLTextAreaElement).value.length,
        ),
      ).toBe(GENERATED.text.length)
      await options.fill($('config-text'), '')

      const stall = await pasteFor(large.text)
      console.log(`${kind}: longest main-thread stall around a real 10,000-profile paste: ${stall} ms`)
      await options.waitFor($('config-collapsed'))
      expect(stall).toBeLessThan(PASTE_STALL_MS)
      expect(await options.count($('config-text'))).toBe(0)
      const lines = large.text.split('\n').length.toLocaleString('en')
      expect(await options.text($('config-collapsed-size'))).toMatch(
        new RegExp(`^${lines} lines \\(1\\.8 MB\\) pasted`),
      )
      expect(await options.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid)).toBe(
        'config-edit',
      )
      const violations = await axeViolations(options)
      expect(formatViolations(violations), 'axe on the collapsed paste').toBe('')
      await options.screenshot(`import-collapsed-paste-${kind}`)

      await options.click($('config-preview-button'))
      await options.waitFor($('preview-row'), 30_000)
      expect(await options.text($('preview-summary'))).toContain(`${large.names.length} profiles`)

      // Edit as text: the whole text, with \n line ends as a textarea holds them, focused to be changed.
      await options.click($('config-edit'))
      await options.waitFor($('config-text'))
      expect(await options.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid)).toBe(
        'config-text',
      )
      expect(
        await options.evaluate(
          () => (document.querySelector('[data-testid="config-text"]') as HTMLTextAreaElement).value,
        ),
      ).toBe(large.text)
      expect(await options.count($('preview-stale'))).toBe(0) // the same text as previewed
      await clipboard.close()
      await options.close()
    }, 90_000)

    it('previews a 5 MB config without stalling the page, and reaches its last rows', async () => {
      // Room for a comment that makes each run's text new, under the 5 MiB a paste may be.
      const config = hostileConfig(CONFIG_TEXT_MAX - 100)
      const expected = buildPreview(config)
      const last = expected.rows[expected.rows.length - 1]!
      const clipboard = await clipboardReader(browser)
      const options = await browser.openPage(OPTIONS)
      await options.waitFor($('import-status'))
      // This machine may be busy with more than this browser: the median of three runs is the page's own figure.
      const stalls: number[] = []
      for (let run = 0; run < 3; run++) stalls.push(await longestStall(options, clipboard, `${config}# run ${run}\n`))
      console.log(`${kind}: longest main-thread stall while a 5 MB preview arrived and drew: ${stalls.join(', ')} ms`)
      expect(stalls.sort((a, b) => a - b)[1]).toBeLessThan(STALL_MS)

      const summary = await options.evaluate(() => {
        const element = document.querySelector('[data-testid="preview-summary"]') as HTMLElement
        return { text: element.textContent!.replace(/\s+/g, ' '), errors: element.dataset.errors }
      })
      expect(summary.text).toContain(`${expected.rows.length} profiles`)
      expect(summary.errors).toBe(String(expected.errorCount))
      expect(await options.count($('preview-row'))).toBe(100)
      await options.click($('preview-more'))
      await options.waitForFunction(() => document.querySelectorAll('[data-testid="preview-row"]').length === 200)
      // The file's last profile, found by its name, with its diagnostics.
      await options.fill($('preview-find'), last.name)
      await options.waitFor(`${$('preview-row')}[data-profile="${last.name}"]`)
      expect(await options.count($('preview-row'))).toBe(1)
      expect(await options.count(`${$('row-details')}[data-profile="${last.name}"] ${$('row-diagnostic')}`)).toBe(
        last.diagnostics.length,
      )
      await clipboard.close()
      await options.close()
    }, 90_000)
  })
}
