import path from 'node:path'
import { mkdirSync } from 'node:fs'

export const ROOT = path.resolve(import.meta.dirname, '../../..')
export const RESULTS_DIR = path.join(ROOT, 'test-results')
export const TMP_DIR = path.join(ROOT, '.tmp')

/** The store build: exactly what goes into the store zips (npm run build). */
export function extensionDir(browser: 'chromium' | 'firefox'): string {
  return path.join(ROOT, 'dist', browser === 'chromium' ? 'chrome' : 'firefox')
}

export function screenshotPath(name: string): string {
  mkdirSync(RESULTS_DIR, { recursive: true })
  return path.join(RESULTS_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`)
}
