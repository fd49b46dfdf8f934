// Config benchmark (issue 4): parse + resolve of a generated 10,000-profile ~/.aws/config, timed in process,
// beside botocore parsing the same file, also timed in its own process loop (botocore-parse.py). Run alone
// with `npx tsx test/bench/config-bench.ts`; `npm run bench` imports benchConfig().
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseAwsConfig, resolveProfile } from '../../src/core/config'
import { generateConfig } from '../../src/core/config/generate'
import { buildPreview } from '../../src/core/config/preview'
import { type BenchRow, renderTable, timeRuns } from './table'

const PROFILES = 10_000
const RUNS = 15
const PYTHON = '/usr/bin/python3'
const BOTOCORE_SCRIPT = fileURLToPath(new URL('./botocore-parse.py', import.meta.url))

function parseAndResolve(text: string): number {
  const config = parseAwsConfig(text)
  let resolved = 0
  for (const name of Object.keys(config.profiles)) {
    try {
      resolveProfile(config, name)
      resolved++
    } catch {
      // A profile that cannot be resolved still cost the work; the generated config has none.
    }
  }
  return resolved
}

function botocoreSamples(file: string): { samples: number[]; profiles: number; version: string } {
  const run = spawnSync(PYTHON, [BOTOCORE_SCRIPT, file, '7', '1'], { encoding: 'utf8', maxBuffer: 1 << 24 })
  if (run.status !== 0) throw new Error(`botocore benchmark failed (${PYTHON} ${BOTOCORE_SCRIPT}): ${run.stderr || run.error?.message}`)
  const out = JSON.parse(run.stdout) as { samples_ms: number[]; profiles: number; botocore: string }
  return { samples: out.samples_ms, profiles: out.profiles, version: out.botocore }
}

export async function benchConfig(): Promise<BenchRow[]> {
  const { text } = generateConfig({ profiles: PROFILES, seed: 1 })
  const resolved = parseAndResolve(text)
  if (resolved !== PROFILES) throw new Error(`expected ${PROFILES} resolved profiles, got ${resolved}`)
  const dir = mkdtempSync(path.join(tmpdir(), 'rolecall-config-bench-'))
  try {
    const file = path.join(dir, 'config')
    writeFileSync(file, text)
    const botocore = botocoreSamples(file)
    if (botocore.profiles !== PROFILES) throw new Error(`botocore read ${botocore.profiles} profiles, expected ${PROFILES}`)
    const ours = await timeRuns(() => parseAndResolve(text), RUNS, 3)
    const parseOnly = await timeRuns(() => parseAwsConfig(text), RUNS, 3)
    const preview = await timeRuns(() => buildPreview(text), 7, 1)
    const peer = { name: `botocore ${botocore.version} parse`, samples: botocore.samples }
    return [
      { figure: `config: parse + resolve ${PROFILES.toLocaleString('en')} profiles`, unit: 'ms', samples: ours, target: '< 50 ms, ≥ 20× botocore', peer },
      { figure: `config: parse only ${PROFILES.toLocaleString('en')} profiles`, unit: 'ms', samples: parseOnly, peer },
      { figure: `config: import preview ${PROFILES.toLocaleString('en')} profiles`, unit: 'ms', samples: preview },
    ]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  console.log(renderTable(await benchConfig()))
}
