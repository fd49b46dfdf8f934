// Hostile inputs (issue 15): the background's work on the largest pastes it takes, shaped to make it slow.
// - "5 MB config → preview (background)": previewImport, what the config.preview handler runs (over
//   fake-indexeddb, with no import stored yet), on a config of just under 5 MiB (the handler's cap, 4.8 MiB
//   and 52,500 profiles): half a realistic generated config (12,500 profiles), half 16 chains of 2,500
//   profiles each, source_profile and include_profile in turn, every other pair ending in a loop. Nearly
//   every profile on those chains is more than 64 hops from the end, or on or near a loop, so it fails:
//   the work is the chain walks and the errors (39,480 error rows).
// - "5 MB credentials paste": checkPastedCredentials, the keys.importCredentials handler's parse and
//   matching, on 5 MiB of [user<n>] sections (47,548), three in four with keys that draw a
//   diagnostic and then fail the check (the handler takes 1 MB; 5 MB shows how the time grows).
// Run alone with `npx tsx test/bench/hostile-bench.ts`; `npm run bench` imports benchHostileInputs().
import 'fake-indexeddb/auto'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { previewImport } from '../../src/background/config/import'
import { CONFIG_TEXT_MAX } from '../../src/background/handlers/config'
import { generateConfig } from '../generate-config'
import { checkPastedCredentials } from '../../src/core/vault/pasted-credentials'
import { type BenchRow, renderTable, timeRuns } from './table'

const CHAIN_LENGTH = 2_500
const RUNS = 5
const CREDENTIALS_BYTES = 5 * 1024 * 1024
const ID = 'AKIAIOSFODNN7EXAMPLE'
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'

/** A source_profile chain c0 → c1 → …; the last profile has keys, or (`loop`) points ten profiles back. */
function sourceChain(id: string, loop: boolean): string {
  const lines: string[] = []
  for (let i = 0; i < CHAIN_LENGTH; i++) {
    const next = i + 1 < CHAIN_LENGTH ? i + 1 : loop ? CHAIN_LENGTH - 10 : undefined
    lines.push(`[profile ${id}-${i}]`)
    if (next !== undefined)
      lines.push(`source_profile = ${id}-${next}`, `role_arn = arn:aws:iam::111111111111:role/Hop${i}`)
  }
  return `${lines.join('\n')}\n`
}

/** An include_profile chain; the last profile sets the region, or (`loop`) includes one ten profiles back. */
function includeChain(id: string, loop: boolean): string {
  const lines: string[] = []
  for (let i = 0; i < CHAIN_LENGTH; i++) {
    const next = i + 1 < CHAIN_LENGTH ? i + 1 : loop ? CHAIN_LENGTH - 10 : undefined
    lines.push(`[profile ${id}-${i}]`, next !== undefined ? `include_profile = ${id}-${next}` : 'region = eu-west-1')
  }
  return `${lines.join('\n')}\n`
}

/** Half a realistic config (about 12,500 profiles), then chains, up to just under `max` characters. */
export function hostileConfig(max = CONFIG_TEXT_MAX): string {
  let text = generateConfig({ profiles: 12_500, seed: 15 }).text
  for (let n = 0; ; n++) {
    const loop = n % 4 >= 2
    const block = n % 2 === 0 ? sourceChain(`s${n}`, loop) : includeChain(`i${n}`, loop)
    if (text.length + block.length > max) return text
    text += block
  }
}

/** `bytes` of [user<n>] sections: one in four with good keys, the rest with a secret too short to store. */
export function hostileCredentials(bytes = CREDENTIALS_BYTES): string {
  const parts: string[] = []
  let length = 0
  for (let i = 0; length < bytes; i++) {
    const secret = i % 4 === 0 ? SECRET : SECRET.slice(0, 30)
    const part = `[user${i}]\naws_access_key_id = ${ID}\naws_secret_access_key = ${secret}\n`
    parts.push(part)
    length += part.length
  }
  return parts.join('')
}

export async function benchHostileInputs(): Promise<BenchRow[]> {
  const config = hostileConfig()
  const deps = { keyProfiles: async () => [], now: () => Date.now() }
  const preview = await previewImport(config, deps)
  if (preview.rows.length < 20_000 || preview.errorCount < 10_000) {
    throw new Error(
      `the hostile config gave ${preview.rows.length} rows and ${preview.errorCount} errors; expected chains that mostly fail`,
    )
  }
  const credentials = hostileCredentials()
  const check = checkPastedCredentials(credentials)
  if (check.valid.length === 0 || check.problems.length < check.valid.length)
    throw new Error('the hostile paste gave no keys, or too few problems')
  return [
    {
      figure: '5 MB config → preview (background)',
      unit: 'ms',
      samples: await timeRuns(() => previewImport(config, deps), RUNS, 1),
      target: '< 1 s',
    },
    {
      figure: '5 MB credentials paste',
      unit: 'ms',
      samples: await timeRuns(() => checkPastedCredentials(credentials), RUNS, 1),
      target: '< 1 s',
    },
  ]
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  console.log(renderTable(await benchHostileInputs()))
}
