// npm run build: both browsers from the one manifest, plus store-ready zips.
// npm run build -- --test: also the test flavour (loopback hosts for the local AWS stand-in).
import { build } from 'vite'
import { spawnSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import pkg from '../package.json' with { type: 'json' }

const withTest = process.argv.includes('--test')
const onlyTest = process.argv.includes('--only-test')
const targets: { browser: 'firefox' | 'chrome'; flavour: 'store' | 'test' }[] = []
for (const browser of ['firefox', 'chrome'] as const) {
  if (!onlyTest) targets.push({ browser, flavour: 'store' })
  if (withTest || onlyTest) targets.push({ browser, flavour: 'test' })
}

for (const target of targets) {
  process.env.ROLECALL_BROWSER = target.browser
  process.env.ROLECALL_FLAVOUR = target.flavour
  await build({ configFile: 'vite.config.ts', logLevel: 'warn' })
  const dir = target.flavour === 'store' ? `dist/${target.browser}` : `dist/${target.flavour}-${target.browser}`
  console.log(`built ${dir}`)
  if (target.flavour === 'store') {
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
        `rolecall-${target.browser}-${pkg.version}.zip`,
        '--overwrite-dest',
      ],
      { stdio: 'inherit' },
    )
    if (zip.status !== 0) process.exit(zip.status ?? 1)
  }
}
