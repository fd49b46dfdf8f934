// Bundle: gzipped bytes of the code each page (and the background) loads, per browser. Follows the static
// imports from each entry, so shared chunks count for every page that loads them.
import { readFileSync, existsSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import type { BenchRow } from './table'

const ROOT = path.resolve(import.meta.dirname, '../..')
const IMPORT = /(?:import|from)\s*["'](\.{1,2}\/[^"']+\.js)["']|import\(\s*["'](\.{1,2}\/[^"']+\.js)["']\s*\)/g

function closure(dir: string, entries: string[]): Set<string> {
  const seen = new Set<string>()
  const stack = entries.map((e) => path.join(dir, e))
  while (stack.length) {
    const file = stack.pop()!
    if (seen.has(file) || !existsSync(file)) continue
    seen.add(file)
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT))
      stack.push(path.resolve(path.dirname(file), m[1] ?? m[2]!))
  }
  return seen
}

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
    rows.push(
      {
        figure: `bundle ${browser}: popup (gzip)`,
        unit: 'KB',
        samples: [gzipKb(closure(dir, htmlEntries(dir, 'src/popup/index.html')))],
        target: '< 40 KB',
      },
      {
        figure: `bundle ${browser}: options (gzip)`,
        unit: 'KB',
        samples: [gzipKb(closure(dir, htmlEntries(dir, 'src/options/index.html')))],
      },
      { figure: `bundle ${browser}: background (gzip)`, unit: 'KB', samples: [gzipKb(closure(dir, [background]))] },
    )
  }
  return rows
}
