// The "5 MB config" of the hostile-input figures (test/bench/hostile-bench.ts) and the import journey's
// responsiveness check (test/e2e/import.test.ts): just under the 5 MiB a paste may be (4.8 MiB, 52,500
// profiles), half a realistic generated config (12,500 profiles), half 16 chains of 2,500 profiles each,
// source_profile and include_profile in turn, every other pair ending in a loop. Nearly every profile on those
// chains is more than 64 hops from the end, or on or near a loop, so it fails (39,480 error rows).
// Test data, not product code: it lives under test/ so no bundle can ever include it.
import { CONFIG_TEXT_MAX } from '../src/core/config/import/report'
import { generateConfig } from './generate-config'

const CHAIN_LENGTH = 2_500

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
