// npm run build: both browsers from the one manifest, plus store-ready zips. dist/firefox and dist/chrome are
// what the stores get and what the e2e suite and `npm start` load.
import { build } from 'vite'
import { spawnSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import pkg from '../package.json' with { type: 'json' }

for (const browser of ['firefox', 'chrome'] as const) {
  process.env.ROLECALL_BROWSER = browser
  await build({ configFile: 'vite.config.ts', logLevel: 'warn' })
  const dir = `dist/${browser}`
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
