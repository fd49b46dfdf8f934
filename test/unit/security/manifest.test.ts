// Least privilege, checked on the manifests the build writes (scripts/manifest-for.ts) for each browser and
// flavour: exact permission lists, no broad host access, loopback only where it belongs, a strict CSP, and no
// door for web pages or other extensions (externally_connectable, web_accessible_resources).
import { describe, expect, it } from 'vitest'
import { manifestFor, type Target } from '../../../scripts/manifest-for'

type Manifest = Record<string, unknown> & {
  permissions: string[]
  host_permissions: string[]
  optional_host_permissions?: string[]
  content_security_policy?: { extension_pages?: string; sandbox?: string }
}

const AWS_HOSTS = [
  'https://*.amazonaws.com/*',
  'https://*.amazonaws.com.cn/*',
  'https://signin.aws.amazon.com/*',
  'https://signin.amazonaws.cn/*',
  'https://signin.amazonaws-us-gov.com/*',
]
const LOOPBACK = ['http://127.0.0.1/*', 'http://localhost/*']
const BROAD = ['<all_urls>', '*://*/*', 'http://*/*', 'https://*/*', '*://*/', 'file:///*']

/** Every permission each target may hold; SECURITY.md says why each one is needed. */
const EXPECTED: Record<string, { permissions: string[]; hosts: string[]; optional: string[] }> = {
  'chrome/store': { permissions: ['storage', 'alarms', 'tabs', 'notifications', 'tabGroups'], hosts: AWS_HOSTS, optional: ['https://*/*', ...LOOPBACK] },
  'chrome/test': { permissions: ['storage', 'alarms', 'tabs', 'notifications', 'tabGroups', 'scripting'], hosts: [...AWS_HOSTS, ...LOOPBACK], optional: ['https://*/*'] },
  'firefox/store': { permissions: ['storage', 'alarms', 'tabs', 'notifications', 'contextualIdentities', 'cookies'], hosts: AWS_HOSTS, optional: ['https://*/*', ...LOOPBACK] },
  'firefox/test': {
    permissions: ['storage', 'alarms', 'tabs', 'notifications', 'contextualIdentities', 'cookies', 'scripting'],
    hosts: [...AWS_HOSTS, ...LOOPBACK],
    optional: ['https://*/*'],
  },
}

const TARGETS: Target[] = (['chrome', 'firefox'] as const).flatMap((browser) => (['store', 'test'] as const).map((flavour) => ({ browser, flavour })))

/** A CSP string as directive → sources. */
function directives(csp: string): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const part of csp.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/)
    if (name) out.set(name.toLowerCase(), sources)
  }
  return out
}

describe.each(TARGETS)('manifest for $browser ($flavour)', (target) => {
  const manifest = manifestFor(target) as unknown as Manifest
  const expected = EXPECTED[`${target.browser}/${target.flavour}`]!

  it('asks for exactly the permissions Rolecall needs, and nothing the other browser needs', () => {
    expect(manifest.permissions).toEqual(expected.permissions)
    expect(manifest.host_permissions).toEqual(expected.hosts)
    expect(manifest.optional_host_permissions ?? []).toEqual(expected.optional)
  })

  it('has no broad host permission, and plain http only for loopback', () => {
    for (const host of manifest.host_permissions) expect(BROAD, host).not.toContain(host)
    for (const host of [...manifest.host_permissions, ...(manifest.optional_host_permissions ?? [])]) {
      expect(host, 'a host pattern without a scheme wildcard').not.toMatch(/^\*:/)
      if (host.startsWith('http:')) expect(LOOPBACK).toContain(host)
      expect(host === '<all_urls>').toBe(false)
    }
    // Host patterns belong in host_permissions; "permissions" holds API names only.
    for (const permission of manifest.permissions) expect(permission).toMatch(/^[a-zA-Z]+$/)
  })

  it(target.flavour === 'store' ? 'grants no loopback host at install (only as an optional, run-time permission)' : 'grants loopback hosts so tests reach the local AWS stand-in', () => {
    const granted = manifest.host_permissions.filter((h) => LOOPBACK.includes(h))
    const optional = (manifest.optional_host_permissions ?? []).filter((h) => LOOPBACK.includes(h))
    if (target.flavour === 'store') {
      expect(granted).toEqual([])
      expect(optional).toEqual(LOOPBACK)
      expect(manifest.permissions).not.toContain('scripting')
    } else {
      expect(granted).toEqual(LOOPBACK)
      expect(optional).toEqual([])
    }
  })

  it('has a strict CSP: scripts from the extension only, no eval, no inline code, no remote origin', () => {
    const csp = manifest.content_security_policy?.extension_pages
    expect(csp).toBeTypeOf('string')
    const d = directives(csp!)
    expect(d.get('script-src')).toEqual(["'self'"])
    expect(d.get('object-src')).toEqual(["'none'"])
    expect(d.get('base-uri')).toEqual(["'none'"])
    expect(d.get('frame-ancestors')).toEqual(["'none'"])
    for (const [name, sources] of d) {
      for (const source of sources) {
        expect(source, `${name} ${source}`).not.toMatch(/unsafe-(eval|inline|hashes)|wasm-unsafe-eval|^\*$|^https?:|^data:|^blob:|^ws:|^wss:|\.\w+/i)
      }
    }
    expect(manifest.content_security_policy?.sandbox).toBeUndefined()
  })

  it('opens no door to web pages or other extensions, and loads no remote or injected code', () => {
    for (const key of ['externally_connectable', 'web_accessible_resources', 'content_scripts', 'sandbox', 'update_url', 'key', 'declarative_net_request', 'chrome_url_overrides']) {
      expect(manifest, key).not.toHaveProperty(key)
    }
    const background = manifest.background as Record<string, unknown>
    const scripts = target.browser === 'chrome' ? [background.service_worker] : (background.scripts as unknown[])
    for (const script of scripts) expect(script).toMatch(/^src\/background\/[\w/.-]+\.ts$/)
  })

  it('sets the Firefox id and data-collection statement in the Firefox build only', () => {
    const gecko = (manifest.browser_specific_settings as { gecko?: { id?: string; data_collection_permissions?: unknown } } | undefined)?.gecko
    if (target.browser === 'firefox') {
      expect(gecko?.id).toBe('rolecall@rolecall.dev')
      expect(gecko?.data_collection_permissions).toEqual({ required: ['none'] })
    } else {
      expect(gecko).toBeUndefined()
    }
  })
})
