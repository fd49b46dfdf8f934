// Bundle: gzipped bytes of the code each page (and the background) loads, per browser, read from the build.
// Two figures for the popup, so nothing is hidden: what it loads before its first paint (its HTML, which holds the
// first frame's markup; what that HTML names — the entry script, its modulepreloads and style sheets — and every
// static import from those, followed), and everything it can ever load (that, plus each dynamic import and the
// files vite preloads with it, followed the same way), whatever the screen. Shared chunks count for every page
// that loads them.
import { readFileSync, existsSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import type { BenchRow } from './table'

const ROOT = path.resolve(import.meta.dirname, '../..')
/** `import … from "./x.js"` and `import "./x.js"` (minified or not, any quote). */
const STATIC_IMPORT = /(?:\bimport|\bfrom)\s*["'`](\.{1,2}\/[^"'`]+\.js)["'`]/g
/** `import("./x.js")`, with the template-literal quotes the minifier uses too. */
const DYNAMIC_IMPORT = /\bimport\(\s*["'`](\.{1,2}\/[^"'`]+\.js)["'`]\s*\)/g
/** The files vite preloads with a dynamic import (its `__vite__mapDeps` list), relative to the output root. */
const PRELOADED = /["'`](assets\/[^"'`]+\.(?:js|css))["'`]/g

/** `entries` (relative to `dir`) and every file they import, statically only or also dynamically. */
function closure(dir: string, entries: string[], dynamic: boolean): Set<string> {
  const seen = new Set<string>()
  const stack = entries.map((e) => path.join(dir, e))
  while (stack.length) {
    const file = stack.pop()!
    if (seen.has(file)) continue
    if (!existsSync(file)) throw new Error(`${path.relative(dir, file)} is named by the build but missing`)
    seen.add(file)
    if (!file.endsWith('.js')) continue
    const text = readFileSync(file, 'utf8')
    for (const m of text.matchAll(STATIC_IMPORT)) stack.push(path.resolve(path.dirname(file), m[1]!))
    if (!dynamic) continue
    for (const m of text.matchAll(DYNAMIC_IMPORT)) stack.push(path.resolve(path.dirname(file), m[1]!))
    for (const m of text.matchAll(PRELOADED)) stack.push(path.join(dir, m[1]!))
  }
  return seen
}

/** The scripts, modulepreloads and style sheets a page's HTML names (all loaded before its first paint). */
function htmlEntries(dir: string, html: string): string[] {
  const text = readFileSync(path.join(dir, html), 'utf8')
  return [...text.matchAll(/(?:src|href)="\/([^"]+\.(?:js|css))"/g)].map((m) => m[1]!)
}

const gzipKb = (files: Iterable<string>) =>
  [...files].reduce((sum, f) => sum + gzipSync(readFileSync(f), { level: 9 }).length, 0) / 1024

export function benchBundles(): BenchRow[] {
  const rows: BenchRow[] = []
  for (const browser of ['chrome', 'firefox'] as const) {
    const dir = path.join(ROOT, 'dist', browser)
    if (!existsSync(dir)) throw new Error(`dist/${browser} is missing: run npm run build first.`)
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'))
    const background: string = manifest.background.service_worker ?? manifest.background.scripts[0]
    const popup = htmlEntries(dir, 'src/popup/index.html')
    const options = htmlEntries(dir, 'src/options/index.html')
    rows.push(
      {
        figure: `bundle ${browser}: popup HTML, JS + CSS loaded before first paint (gzip)`,
        unit: 'KB',
        samples: [gzipKb([path.join(dir, 'src/popup/index.html'), ...closure(dir, popup, false)])],
        target: '< 20 KB',
      },
      {
        figure: `bundle ${browser}: popup JS + CSS, all it can load (gzip)`,
        unit: 'KB',
        samples: [gzipKb(closure(dir, popup, true))],
      },
      {
        figure: `bundle ${browser}: options, all it can load (gzip)`,
        unit: 'KB',
        samples: [gzipKb(closure(dir, options, true))],
      },
      {
        figure: `bundle ${browser}: background, all it can load (gzip)`,
        unit: 'KB',
        samples: [gzipKb(closure(dir, [background], true))],
      },
    )
  }
  return rows
}
