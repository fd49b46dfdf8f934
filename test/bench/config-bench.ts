// Config benchmark (issue 4): parse + resolve of a generated 10,000-profile ~/.aws/config, timed in process,
// beside botocore parsing the same file, also timed in its own process (botocore-parse.py). The two take turns:
// each round is one botocore run, then a few of Rolecall's back to back, so both sample the same machine
// (this VM's speed drifts by a third within minutes, and a block of one then a block of the other could land
// in different phases). Run alone with `npx tsx test/bench/config-bench.ts`; `npm run bench` imports
// benchConfig().
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseAwsConfig, resolveProfile } from '../../src/core/config'
import { generateConfig } from '../generate-config'
import { buildPreview } from '../../src/core/config/preview'
import { type BenchRow, renderTable, timeRuns } from './table'

const PROFILES = 10_000
/** Rounds of one botocore run and OURS_PER_ROUND of each of ours, after one warm-up round. */
const ROUNDS = 15
const OURS_PER_ROUND = 3
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

/** botocore-parse.py, one timed run per call of run(). */
class Botocore {
  private readonly child: ChildProcessWithoutNullStreams
  private readonly lines: AsyncIterator<string>
  private stderr = ''

  constructor(file: string) {
    this.child = spawn(PYTHON, [BOTOCORE_SCRIPT, file])
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()))
    this.lines = createInterface({ input: this.child.stdout })[Symbol.asyncIterator]()
  }

  async run(): Promise<number> {
    this.child.stdin.write('run\n')
    return Number(await this.line())
  }

  async finish(): Promise<{ profiles: number; version: string }> {
    this.child.stdin.end('done\n')
    const out = JSON.parse(await this.line()) as { profiles: number; botocore: string }
    return { profiles: out.profiles, version: out.botocore }
  }

  private async line(): Promise<string> {
    const next = await this.lines.next()
    if (next.done)
      throw new Error(`botocore benchmark failed (${PYTHON} ${BOTOCORE_SCRIPT}): ${this.stderr || 'no output'}`)
    return next.value
  }
}

/** Times `work` `times` times back to back, adding the samples to `into`. */
function timeBackToBack(work: () => unknown, times: number, into: number[]): void {
  for (let i = 0; i < times; i++) {
    const start = performance.now()
    work()
    into.push(performance.now() - start)
  }
}

export async function benchConfig(): Promise<BenchRow[]> {
  const { text } = generateConfig({ profiles: PROFILES, seed: 1 })
  const resolved = parseAndResolve(text)
  if (resolved !== PROFILES) throw new Error(`expected ${PROFILES} resolved profiles, got ${resolved}`)
  const dir = mkdtempSync(path.join(tmpdir(), 'rolecall-config-bench-'))
  try {
    const file = path.join(dir, 'config')
    writeFileSync(file, text)
    const botocore = new Botocore(file)
    const peerSamples: number[] = []
    const ours: number[] = []
    const parseOnly: number[] = []
    for (let round = 0; round <= ROUNDS; round++) {
      const peer = await botocore.run()
      const into = round === 0 ? [] : ours // round 0 warms both up
      timeBackToBack(() => parseAndResolve(text), OURS_PER_ROUND, into)
      timeBackToBack(() => parseAwsConfig(text), OURS_PER_ROUND, round === 0 ? [] : parseOnly)
      if (round > 0) peerSamples.push(peer)
    }
    const { profiles, version } = await botocore.finish()
    if (profiles !== PROFILES) throw new Error(`botocore read ${profiles} profiles, expected ${PROFILES}`)
    const preview = await timeRuns(() => buildPreview(text), 7, 1)
    const peer = { name: `botocore ${version} parse`, samples: peerSamples }
    return [
      {
        figure: `config: parse + resolve ${PROFILES.toLocaleString('en')} profiles`,
        unit: 'ms',
        samples: ours,
        target: '< 50 ms, ≥ 20× botocore',
        peer,
      },
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
