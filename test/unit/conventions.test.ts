// The project's own rules, enforced: context boundaries by imports, and the browser API behind one layer.
import { describe, expect, it } from 'vitest'
import { readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

const ROOT = path.resolve(import.meta.dirname, '../..')
const SRC = path.join(ROOT, 'src')

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory() ? filesUnder(full) : /\.(ts|svelte)$/.test(name) ? [full] : []
  })
}

const IMPORT =
  /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  return [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3] ?? '')
}

function resolveImport(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined
  const base = path.resolve(path.dirname(from), spec)
  for (const candidate of [base, `${base}.ts`, `${base}.svelte`, path.join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return candidate
    } catch {
      // not there: try the next form
    }
  }
  return undefined
}

/** Every project file a page can reach through its imports. */
function reachableFrom(entries: string[]): Set<string> {
  const seen = new Set<string>()
  const stack = [...entries]
  while (stack.length) {
    const file = stack.pop()!
    if (seen.has(file)) continue
    seen.add(file)
    for (const spec of importsOf(file)) {
      const target = resolveImport(file, spec)
      if (target) stack.push(target)
    }
  }
  return seen
}

const rel = (file: string) => path.relative(ROOT, file)

describe('conventions', () => {
  const pageFiles = reachableFrom([...filesUnder(path.join(SRC, 'popup')), ...filesUnder(path.join(SRC, 'options'))])

  it('popup and options never reach vault, crypto, AWS or background code', () => {
    const forbidden = [...pageFiles]
      .map(rel)
      .filter((f) => /^src\/(core\/(vault|crypto|aws|login)|background)\//.test(f))
    expect(forbidden).toEqual([])
  })

  it('popup and options import the message declarations for types only (their schemas stay in the background)', () => {
    const valueImport = /^\s*(?:import|export)\s+(?!type\b)[^'"]*?from\s*['"]([^'"]+)['"]/gm
    const declarations = /^src\/shared\/(messages\/|schema\.ts)/
    const importers = [...pageFiles].filter((file) => !declarations.test(rel(file)))
    const offenders = importers.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(valueImport)]
        .map((m) => resolveImport(file, m[1]!))
        .filter((target) => target && declarations.test(rel(target)))
        .map(() => rel(file)),
    )
    expect(offenders).toEqual([])
  })

  it('Rolecall has no time knob: no source reads a time scale, and __ROLECALL_BUILT__ only the PBKDF2 floor', () => {
    // Issue 17: the e2e suite drives what ships; expiry journeys shorten what the stand-in grants instead.
    const files = filesUnder(SRC)
    const timeScale = files.filter((f) => /time-?scale/i.test(readFileSync(f, 'utf8'))).map(rel)
    expect(timeScale).toEqual([])
    const testBuild = files.filter((f) => readFileSync(f, 'utf8').includes('__ROLECALL_BUILT__')).map(rel)
    const allowed = ['src/core/vault/kdf-policy.ts', 'src/globals.d.ts']
    expect(testBuild.filter((f) => !allowed.includes(f))).toEqual([])
  })

  it('popup and options never read storage.session', () => {
    const offenders = [...pageFiles]
      .filter((f) => /storage\s*\.\s*session|session-storage/.test(readFileSync(f, 'utf8')))
      .map(rel)
    expect(offenders).toEqual([])
  })

  it('only src/platform touches the browser.* / chrome.* API', () => {
    const offenders = filesUnder(SRC)
      .filter((f) => !rel(f).startsWith('src/platform/'))
      .filter((f) =>
        /\b(browser|chrome)\.(runtime|storage|tabs|alarms|contextualIdentities|tabGroups|cookies|notifications|action|permissions|scripting|windows|idle)\b|webextension-polyfill/.test(
          readFileSync(f, 'utf8'),
        ),
      )
      .map(rel)
    expect(offenders).toEqual([])
  })

  it('storage.local and storage.session are read and written only through the registry of keys', () => {
    const offenders = filesUnder(SRC)
      .filter((f) => !rel(f).startsWith('src/platform/') && rel(f) !== 'src/background/storage-keys.ts')
      .filter((f) => /\b(read|write|remove)(Local|Session)\b/.test(readFileSync(f, 'utf8')))
      .map(rel)
    expect(offenders).toEqual([])
  })

  it('the core is pure: no browser API, DOM or Node module', () => {
    const offenders = filesUnder(path.join(SRC, 'core'))
      .filter((f) => {
        const imports = importsOf(f)
        return (
          imports.some(
            (spec) =>
              spec.startsWith('node:') ||
              spec.includes('/platform/') ||
              spec.includes('/background/') ||
              spec === 'webextension-polyfill',
          ) || /\b(document|window|localStorage)\./.test(readFileSync(f, 'utf8'))
        )
      })
      .map(rel)
    expect(offenders).toEqual([])
  })

  it('only src/core/crypto calls crypto.subtle', () => {
    const offenders = filesUnder(SRC)
      .filter((f) => !rel(f).startsWith('src/core/crypto/'))
      .filter((f) => /crypto\.subtle/.test(readFileSync(f, 'utf8')))
      .map(rel)
    expect(offenders).toEqual([])
  })

  it('every component compiles in runes mode (one in legacy mode pulls a larger runtime into the pages)', () => {
    const offenders = filesUnder(SRC)
      .filter((f) => f.endsWith('.svelte'))
      .filter((f) => !/\$(state|derived|props|effect|bindable)\b|<svelte:options runes/.test(readFileSync(f, 'utf8')))
      .map(rel)
    expect(offenders).toEqual([])
  })

  it('pages render no HTML built from data', () => {
    const offenders = filesUnder(SRC)
      .filter((f) => /\{@html|innerHTML\s*=/.test(readFileSync(f, 'utf8')))
      .map(rel)
    expect(offenders).toEqual([])
  })

  it('no test is skipped or focused', () => {
    const tests = filesUnder(path.join(ROOT, 'test'))
    const offenders = tests
      .filter((f) => /\b(it|test|describe)\.(skip|only|todo)\(/.test(readFileSync(f, 'utf8')))
      .map(rel)
    expect(offenders).toEqual([])
  })
})
