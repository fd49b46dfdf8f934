// The floor the toolbar-popup figure is compared with: a minimal extension whose popup is a blank page (no
// framework, one tiny script that stamps the same mark Rolecall's popup stamps). It is loaded next to Rolecall
// in the same browser and opened from the toolbar the same way, alternating with Rolecall.
import { copyFileSync, mkdirSync, realpathSync, writeFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import path from 'node:path'
import { TMP_DIR } from '../../e2e/harness/paths'

export const BLANK_GECKO_ID = 'blank-popup@rolecall.test'
export const BLANK_POPUP_PAGE = 'popup.html'

/** Writes the extension for one browser and returns its folder. */
export function blankPopupDir(browser: 'chromium' | 'firefox'): string {
  const dir = path.join(TMP_DIR, `blank-popup-${browser}`)
  mkdirSync(dir, { recursive: true })
  for (const file of [BLANK_POPUP_PAGE, 'popup.js'])
    copyFileSync(path.join(import.meta.dirname, file), path.join(dir, file))
  const manifest = {
    manifest_version: 3,
    name: 'Blank popup (Rolecall bench floor)',
    version: '1.0.0',
    action: { default_popup: BLANK_POPUP_PAGE, default_title: 'Blank popup' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: { id: BLANK_GECKO_ID, data_collection_permissions: { required: ['none'] } },
          },
        }
      : {}),
  }
  writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  return realpathSync(dir)
}

/**
 * Chromium's id for an unpacked extension: the SHA-256 of its folder's path, first 32 hex digits written with
 * the letters a–p. The blank extension has no background, so no target reveals it before its popup opens.
 */
export function chromiumUnpackedId(dir: string): string {
  const hex = createHash('sha256').update(dir).digest('hex').slice(0, 32)
  return [...hex].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('')
}
