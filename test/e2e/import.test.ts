// Issue 4 end to end: in both browsers, paste a realistic 50-profile ~/.aws/config with mistakes in it into
// the options page; the preview lists every profile and shows each mistake on its line; importing stores the
// profiles (the background counts them); a re-import shows what it would add, change and remove first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BROWSERS, OPTIONS, callBackground, launch, mustCall, type ExtPage, type ExtensionBrowser } from './harness'
import { DEMO_PASSPHRASE } from '../fake-aws/demo-org'
import { generateConfig } from '../generate-config'

const GENERATED = generateConfig({ profiles: 50, seed: 11, errors: true })
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
      field.dispatchEvent(new Event('input', { bubbles: true }))
    },
    { selector, text },
  )
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
  })
}
