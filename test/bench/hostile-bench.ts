// Hostile inputs (issue 15): the background's work on the largest pastes it takes, shaped to make it slow.
// - "5 MB config → preview (core, Node)": previewImport, the preview's core (buildPreview, then previewReport:
//   what the options page runs on a pasted text, the parse in its worker; config.apply parses the same way),
//   over fake-indexeddb with no import stored yet, on test/hostile-config.ts's config of just under 5 MiB
//   (52,500 profiles, nearly every one on a chain that fails): the work is the chain walks and the errors.
// - Three pastes shaped against the parser and resolver (issue 16), each through previewImport too:
//   "[DEFAULT] keys × sections": 4,000 [DEFAULT] keys and 4,000 empty profiles (99 KB), which botocore's
//   shape would have copied 16 million times; "dotted name": one profile named a.a.a…a (63 KB), whose
//   go-ini parents are its 31,500 prefixes; "shared include chain": 5 MiB of profiles that each include the
//   start of one 63-hop include_profile chain (101,000 profiles reading 64 sections each, unless shared).
// - "5 MB credentials paste": checkPastedCredentials, the keys.importCredentials handler's parse and
//   matching, on 5 MiB of [user<n>] sections (47,548), three in four with keys that draw a
//   diagnostic and then fail the check (the handler takes 1 MB; 5 MB shows how the time grows).
// Run alone with `npx tsx test/bench/hostile-bench.ts`; `npm run bench` imports benchHostileInputs().
import 'fake-indexeddb/auto'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { previewImport } from '../../src/background/config/import'
import { CONFIG_TEXT_MAX } from '../../src/shared/messages/config'
import { hostileConfig } from '../hostile-config'
import { checkPastedCredentials } from '../../src/core/vault/pasted-credentials'
import { type BenchRow, renderTable, timeRuns } from './table'

const RUNS = 5
const CREDENTIALS_BYTES = 5 * 1024 * 1024
const ID = 'AKIAIOSFODNN7EXAMPLE'
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'

/** A [DEFAULT] with `keys` keys, then `sections` empty profiles. */
export function defaultKeysConfig(keys = 4_000, sections = 4_000): string {
  const lines = ['[DEFAULT]']
  for (let i = 0; i < keys; i++) lines.push(`k${i} = v`)
  for (let i = 0; i < sections; i++) lines.push(`[profile p${i}]`)
  return `${lines.join('\n')}\n`
}

/** One profile named a.a.a…a (`bytes` long) with a key, and [profile a]. */
export function dottedNameConfig(bytes = 63 * 1024): string {
  return `[profile ${'a.'.repeat(bytes / 2)}a]\nmfa_serial = m\n[profile a]\nregion = eu-west-1\n`
}

/** A `hops`-hop include_profile chain, then profiles that each include its start, up to `bytes`. */
export function sharedIncludeConfig(bytes = CONFIG_TEXT_MAX, hops = 63): string {
  const lines: string[] = []
  for (let i = 0; i < hops; i++) lines.push(`[profile c${i}]`, `include_profile = c${i + 1}`)
  lines.push(`[profile c${hops}]`, 'region = eu-west-1')
  const parts = [`${lines.join('\n')}\n`]
  let length = parts[0]!.length
  for (let i = 0; ; i++) {
    const part = `[profile p${i}]\ninclude_profile = c0\n`
    if (length + part.length > bytes) return parts.join('')
    parts.push(part)
    length += part.length
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
  const shapes: [string, string, number][] = [
    ['[DEFAULT] 4,000 keys × 4,000 sections (99 KB) → preview', defaultKeysConfig(), 4_000],
    ['63 KB dotted profile name → preview', dottedNameConfig(), 2],
    ['5 MB of profiles sharing a 63-hop include chain → preview', sharedIncludeConfig(), 100_000],
  ]
  const shapeRows: BenchRow[] = []
  for (const [figure, text, rows] of shapes) {
    const shaped = await previewImport(text, deps)
    if (shaped.rows.length < rows || shaped.errorCount > 0)
      throw new Error(
        `${figure}: ${shaped.rows.length} rows and ${shaped.errorCount} errors; expected ${rows}, no error`,
      )
    const samples = await timeRuns(() => previewImport(text, deps), RUNS, 1)
    shapeRows.push({ figure, unit: 'ms', samples, target: '< 1 s' })
  }
  const credentials = hostileCredentials()
  const check = checkPastedCredentials(credentials)
  if (check.valid.length === 0 || check.problems.length < check.valid.length)
    throw new Error('the hostile paste gave no keys, or too few problems')
  return [
    {
      figure: '5 MB config → preview (core, Node)',
      unit: 'ms',
      samples: await timeRuns(() => previewImport(config, deps), RUNS, 1),
      target: '< 1 s',
    },
    ...shapeRows,
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
