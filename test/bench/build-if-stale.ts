// Builds the extension (dist/chrome, dist/firefox) when dist/ is missing or older than anything it is built from.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

const ROOT = path.resolve(import.meta.dirname, '../..')
const INPUTS = [
  'src',
  'manifest.json',
  'vite.config.ts',
  'scripts/build.ts',
  'scripts/manifest-for.ts',
  'package.json',
  'public',
]
const OUTPUTS = ['chrome', 'firefox'].map((d) => path.join(ROOT, 'dist', d, 'manifest.json'))

function newestMtime(file: string): number {
  if (!existsSync(file)) return 0
  const stat = statSync(file)
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(file).reduce((newest, name) => Math.max(newest, newestMtime(path.join(file, name))), stat.mtimeMs)
}

/** Returns why it built, or undefined when dist/ was current. Throws when the build fails. */
export function buildIfStale(): string | undefined {
  const inputs = Math.max(...INPUTS.map((p) => newestMtime(path.join(ROOT, p))))
  const missing = OUTPUTS.filter((f) => !existsSync(f))
  const oldest = missing.length ? 0 : Math.min(...OUTPUTS.map((f) => statSync(f).mtimeMs))
  if (!missing.length && oldest >= inputs) return undefined
  const why = missing.length
    ? `missing ${missing.map((f) => path.relative(ROOT, path.dirname(f))).join(', ')}`
    : 'sources newer than dist/'
  console.error(`bench: building the extension (${why})…`)
  const run = spawnSync('npx', ['tsx', 'scripts/build.ts'], { cwd: ROOT, stdio: ['ignore', 2, 2] })
  if (run.status !== 0) throw new Error(`the build failed (exit ${run.status})`)
  return why
}
