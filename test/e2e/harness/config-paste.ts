// A real paste into the options page's config field, as a person makes one: the text is copied elsewhere, the
// field is focused, Ctrl+V. Used by the import e2e tests and the preview bench, because a large paste takes its
// own path (src/options/import/config-field.svelte: shown as its size, never laid out in the text box) that
// setting the box's value would skip.
import type { ClipboardReader } from './clipboard'
import type { ExtPage } from './ext-page'

const $ = (testId: string) => `[data-testid="${testId}"]`

/**
 * Puts `text` on the clipboard and focuses the config field (clearing a large paste shown as its size first):
 * `page.press('Control+v')` then pastes it for real.
 */
export async function readyToPaste(page: ExtPage, clipboard: ClipboardReader, text: string): Promise<void> {
  await clipboard.write(text)
  await page.bringToFront()
  if ((await page.count($('config-collapsed'))) > 0) await page.click($('config-clear'))
  await page.evaluate(() => (document.querySelector('[data-testid="config-text"]') as HTMLTextAreaElement).focus())
}
