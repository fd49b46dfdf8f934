// npm run bench: every figure users feel, measured now on this machine, in one table (stdout and
// bench/results.md). Each measurement runs several times after a warm-up. A missed target is reported, not
// failed; a measurement that crashes is listed under the table and makes the exit code non-zero.
import { mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { OPTIONS, launchChromium, launchFirefox, type ExtensionBrowser } from '../e2e/harness'
import { TMP_DIR } from '../e2e/harness/paths'
import { buildIfStale } from './build-if-stale'
import { benchBundles } from './bundle-bench'
import { benchConfig } from './config-bench'
import { benchHostileInputs } from './hostile-bench'
import { benchLogin } from './login-bench'
import { benchSso } from './sso-bench'
import { startTimedStandIn, type TimedStandIn } from './timed-stand-in'
import { describeMachine } from './machine'
import { benchPopup } from './popup-bench'
import { benchPreviewPage } from './preview-page-bench'
import { type BenchRow, renderTable } from './table'
import { benchBrowserVault, benchNodeVault } from './vault-bench'
import { benchWorker } from './worker-bench'
import { ChromiumExtension } from '../e2e/harness/chromium'
import { blankPopupDir } from './blank-popup'

const ROOT = path.resolve(import.meta.dirname, '../..')
const RESULTS = path.join(ROOT, 'bench', 'results.md')
const SECTION_TIMEOUT_MS = 120_000

type Group = 'config' | 'vault' | 'popup' | 'login' | 'worker' | 'bundle'
const ORDER: Group[] = ['config', 'vault', 'popup', 'login', 'worker', 'bundle']
const rows: Record<Group, BenchRow[]> = { config: [], vault: [], popup: [], login: [], worker: [], bundle: [] }
const notes: string[] = []
const crashes: string[] = []

function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} took longer than ${SECTION_TIMEOUT_MS / 1000} s`)),
      SECTION_TIMEOUT_MS,
    )
  })
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
}

/** Runs one measurement; a crash is recorded (and reported) instead of stopping the other measurements. */
async function measure(
  group: Group,
  what: string,
  work: () => Promise<BenchRow[] | { rows: BenchRow[]; notes: string[] }>,
): Promise<void> {
  const started = performance.now()
  process.stderr.write(`bench: ${what}…`)
  try {
    const result = await withTimeout(work(), what)
    const got = Array.isArray(result) ? result : result.rows
    if (!Array.isArray(result)) notes.push(...result.notes)
    rows[group].push(...got)
    process.stderr.write(` ${((performance.now() - started) / 1000).toFixed(1)} s\n`)
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error)
    crashes.push(`${what}: ${message}`)
    process.stderr.write(` CRASHED: ${message}\n`)
  }
}

async function browserFigures(kind: 'chromium' | 'firefox'): Promise<void> {
  let browser: ExtensionBrowser | undefined
  // The stand-in the login figure signs in at: the browser starts on its network (AWS's names lead to it).
  let aws: TimedStandIn | undefined
  try {
    aws = await startTimedStandIn()
    const network = aws
    browser = await withTimeout<ExtensionBrowser>(
      kind === 'chromium'
        ? launchChromium({ aws: network, extraExtensions: [blankPopupDir('chromium')], extensionDebugging: true })
        : launchFirefox({ aws: network }).then(async (firefox) => {
            await firefox.browser.installExtension(blankPopupDir('firefox'))
            return firefox
          }),
      `launching ${kind}`,
    )
  } catch (error) {
    crashes.push(`${kind}: could not launch: ${(error as Error).message.split('\n')[0]}`)
    await aws?.close()
    return
  }
  const standIn = aws
  const b = browser
  try {
    const control = await b.openPage(OPTIONS)
    await measure('vault', `vault in ${kind}`, () => benchBrowserVault(control, kind))
    await measure('popup', `popup in ${kind}`, () => benchPopup(b, control))
    await measure('config', `import preview page in ${kind}`, () => benchPreviewPage(b, control))
    await measure('login', `login in ${kind}`, () => benchLogin(b, control, standIn))
    await measure('login', `Identity Center in ${kind}`, () => benchSso(b, control, standIn))
    if (b instanceof ChromiumExtension) await measure('worker', 'service worker cold start', () => benchWorker(b))
  } finally {
    await b.close().catch(() => undefined)
    await standIn.close()
  }
}

async function main(): Promise<number> {
  const started = performance.now()
  mkdirSync(TMP_DIR, { recursive: true })
  const machine = describeMachine()
  const [load] = os.loadavg()
  if (load! > os.cpus().length / 2) {
    notes.push(
      `The machine was busy when the bench started (load ${load!.toFixed(1)} on ${os.cpus().length} cores): timings are pessimistic.`,
    )
  }
  let built: string | undefined
  try {
    built = buildIfStale()
  } catch (error) {
    crashes.push(`build: ${(error as Error).message}`)
  }
  await measure('config', 'config import preview, botocore beside it', benchConfig)
  await measure('config', 'hostile 5 MB config preview and credentials paste', benchHostileInputs)
  await measure('vault', 'vault in node', benchNodeVault)
  if (!crashes.some((c) => c.startsWith('build:'))) {
    await browserFigures('chromium')
    await browserFigures('firefox')
  }
  await measure('bundle', 'bundle sizes', async () => benchBundles())

  const table = renderTable(ORDER.flatMap((g) => rows[g]))
  const seconds = ((performance.now() - started) / 1000).toFixed(0)
  console.log(table)
  for (const note of notes) console.log(`- ${note}`)
  for (const crash of crashes) console.log(`- NOT MEASURED (crashed): ${crash}`)

  mkdirSync(path.dirname(RESULTS), { recursive: true })
  writeFileSync(
    RESULTS,
    [
      '# Rolecall benchmark results',
      '',
      'Written by `npm run bench` (test/bench/run.ts); every figure measured in this run. Median, min and max',
      "are over the runs after a warm-up; against a peer the ratio is the peer's median over ours (higher is better",
      "for us); against a floor (a blank page measured the same way) it is our median over the floor's (lower is better).",
      'How each figure is taken is explained at the top of its file in `test/bench/`.',
      '',
      '## Machine',
      '',
      ...machine.lines.map((l) => `- ${l}`),
      `- bench wall time: ${seconds} s${built ? ` (including a build: ${built})` : ''}`,
      '',
      '## Figures',
      '',
      table,
      '',
      ...(notes.length || crashes.length
        ? ['## Notes', '', ...notes.map((n) => `- ${n}`), ...crashes.map((c) => `- NOT MEASURED (crashed): ${c}`), '']
        : []),
    ].join('\n'),
  )
  console.error(`bench: ${seconds} s; table written to ${path.relative(ROOT, RESULTS)}`)
  return crashes.length ? 1 : 0
}

process.exitCode = await main()
// A browser or server that failed to close must not keep the bench alive after the table is out.
setTimeout(() => process.exit(), 3_000).unref()
