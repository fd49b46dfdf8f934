// A tiny foreign extension (no permissions) that tries to reach Rolecall's background: loaded next to Rolecall
// in Chromium (--load-extension) or installed as a second temporary add-on in Firefox.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { TMP_DIR } from '../paths'

export const SECOND_EXTENSION_GECKO_ID = 'another-extension@rolecall.test'
export const PROBE_PAGE = 'probe.html'

/** Writes the extension for one browser (each wants its own background key) and returns its folder. */
export function secondExtensionDir(browser: 'chromium' | 'firefox'): string {
  const dir = path.join(TMP_DIR, `second-extension-${browser}`)
  mkdirSync(dir, { recursive: true })
  for (const file of ['background.js', PROBE_PAGE])
    copyFileSync(path.join(import.meta.dirname, file), path.join(dir, file))
  const manifest = {
    manifest_version: 3,
    name: 'Another extension (Rolecall security tests)',
    version: '1.0.0',
    ...(browser === 'chromium'
      ? { background: { service_worker: 'background.js' } }
      : {
          background: { scripts: ['background.js'] },
          browser_specific_settings: {
            gecko: { id: SECOND_EXTENSION_GECKO_ID, data_collection_permissions: { required: ['none'] } },
          },
        }),
  }
  writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  return dir
}
