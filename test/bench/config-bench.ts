// Config benchmark: what the extension runs on a paste, buildPreview (parse, resolve, classify and check every
// profile) of a generated 10,000-profile ~/.aws/config, timed in process. Beside it, for context only, botocore
// parsing the same file in its own process (botocore-parse.py): the AWS CLI's parse is not the same work, so
// there is no ratio and no target for it. The two take turns: each round is one botocore run, then a few of
// Rolecall's back to back, so both sample the same machine (this VM's speed drifts by a third within
// minutes). Run alone with `npx tsx test/bench/config-bench.ts`; `npm run bench` imports benchConfig().
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { generateConfig } from '../generate-config'
import { buildPreview } from '../../src/core/config/import/preview'
import { type BenchRow, renderTable } from './table'

const PROFILES = 10_000
/** Rounds of one botocore run and OURS_PER_ROUND previews, after one warm-up round. */
const ROUNDS = 15
const OURS_PER_ROUND = 3
const PYTHON = '/usr/bin/python3'
const BOTOCORE_SCRIPT = fileURLToPath(new URL('./botocore-parse.py', import.meta.url))

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
  const rows = buildPreview(text).rows.length
  if (rows !== PROFILES) throw new Error(`expected ${PROFILES} preview rows, got ${rows}`)
  const dir = mkdtempSync(path.join(tmpdir(), 'rolecall-config-bench-'))
  try {
    const file = path.join(dir, 'config')
    writeFileSync(file, text)
    const botocore = new Botocore(file)
    const botocoreSamples: number[] = []
    const preview: number[] = []
    for (let round = 0; round <= ROUNDS; round++) {
      const peer = await botocore.run()
      // Round 0 warms both up.
      timeBackToBack(() => buildPreview(text), OURS_PER_ROUND, round === 0 ? [] : preview)
      if (round > 0) botocoreSamples.push(peer)
    }
    const { profiles, version } = await botocore.finish()
    if (profiles !== PROFILES) throw new Error(`botocore read ${profiles} profiles, expected ${PROFILES}`)
    const count = PROFILES.toLocaleString('en')
    return [
      { figure: `config: import preview ${count} profiles`, unit: 'ms', samples: preview, target: '< 150 ms' },
      { figure: `config: botocore ${version} parse of the same file (context)`, unit: 'ms', samples: botocoreSamples },
    ]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  console.log(renderTable(await benchConfig()))
}
