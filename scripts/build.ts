// npm run build: both browsers from the one manifest, plus store-ready zips. dist/firefox and dist/chrome are
// what the stores get and what the e2e suite and `npm start` load.
import { build } from 'vite'
import { spawnSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import pkg from '../package.json' with { type: 'json' }

// The store build is a production build whoever runs it. Vitest sets NODE_ENV=test for the e2e suite's global
// set-up, and with it Svelte compiled its components in dev mode (bigger, slower, other code): the suite then
// tested something the stores never get.
process.env.NODE_ENV = 'production'

/** Refuses a build carrying Svelte's dev-mode code (it marks every element it creates with __svelte_meta). */
function assertProductionBuild(dir: string): void {
  const assets = path.join(dir, 'assets')
  const dev = readdirSync(assets).filter(
    (f) => f.endsWith('.js') && readFileSync(path.join(assets, f), 'utf8').includes('__svelte_meta'),
  )
  if (dev.length) throw new Error(`${dir} holds Svelte dev-mode code (${dev.join(', ')}): not a store build`)
}

for (const browser of ['firefox', 'chrome'] as const) {
  process.env.ROLECALL_BROWSER = browser
  await build({ configFile: 'vite.config.ts', logLevel: 'warn' })
  const dir = `dist/${browser}`
  assertProductionBuild(dir)
  console.log(`built ${dir}`)
  mkdirSync('dist/zips', { recursive: true })
  const zip = spawnSync(
    'node_modules/.bin/web-ext',
    [
      'build',
      '--source-dir',
      dir,
      '--artifacts-dir',
      'dist/zips',
      '--filename',
      `rolecall-${browser}-${pkg.version}.zip`,
      '--overwrite-dest',
    ],
    { stdio: 'inherit' },
  )
  if (zip.status !== 0) process.exit(zip.status ?? 1)
}
