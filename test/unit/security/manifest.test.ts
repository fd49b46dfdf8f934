// Least privilege, checked on the manifests the build writes (scripts/manifest-for.ts) for each browser (the one
// build, which the stores and the e2e suite both get): exact permission lists, no broad host access, loopback only where it belongs, a strict CSP, and no
// door for web pages or other extensions (externally_connectable, web_accessible_resources).
import { describe, expect, it } from 'vitest'
import { manifestFor, type Target } from '../../../scripts/manifest-for'
import { knownRegions, PARTITION_NAMES, resolveTarget } from '../../../src/core/aws/partition'

type Manifest = Record<string, unknown> & {
  permissions: string[]
  host_permissions: string[]
  optional_host_permissions?: string[]
  content_security_policy?: { extension_pages?: string; sandbox?: string }
}

/**
 * Exactly the hosts Rolecall fetches: each known region's STS host (aws, aws-cn, aws-us-gov) and each
 * partition's federation (sign-in) host. Written out, so a region added to partition.ts shows up here in review.
 * No wildcard: `*.amazonaws.com` would also grant hosts anyone can run (S3 websites, API Gateway, load balancers).
 */
const AWS_REGIONS = [
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'ca-central-1',
  'ca-west-1',
  'eu-central-1',
  'eu-central-2',
  'eu-north-1',
  'eu-south-1',
  'eu-south-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'mx-central-1',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
]
const AWS_HOSTS = [
  ...AWS_REGIONS.map((region) => `https://sts.${region}.amazonaws.com/*`),
  'https://sts.cn-north-1.amazonaws.com.cn/*',
  'https://sts.cn-northwest-1.amazonaws.com.cn/*',
  'https://sts.us-gov-east-1.amazonaws.com/*',
  'https://sts.us-gov-west-1.amazonaws.com/*',
  'https://signin.aws.amazon.com/*',
  'https://signin.amazonaws.cn/*',
  'https://signin.amazonaws-us-gov.com/*',
  // Identity Center: each region's OIDC and portal hosts, named exactly as for STS.
  ...[...AWS_REGIONS, 'cn-north-1', 'cn-northwest-1', 'us-gov-east-1', 'us-gov-west-1'].flatMap((region) => {
    const suffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'
    return [`https://oidc.${region}.${suffix}/*`, `https://portal.sso.${region}.${suffix}/*`]
  }),
]
const LOOPBACK = ['http://127.0.0.1/*', 'http://localhost/*']
const BROAD = ['<all_urls>', '*://*/*', 'http://*/*', 'https://*/*', '*://*/', 'file:///*']

/** Every permission each target may hold; SECURITY.md says why each one is needed. */
const EXPECTED: Record<string, { permissions: string[]; hosts: string[]; optional: string[] }> = {
  'chrome/store': {
    permissions: [
      'storage',
      'alarms',
      'tabs',
      'notifications',
      'idle',
      'clipboardWrite',
      'tabGroups',
      'offscreen',
      'cookies',
    ],
    hosts: AWS_HOSTS,
    optional: ['https://*/*', ...LOOPBACK],
  },
  'firefox/store': {
    permissions: [
      'storage',
      'alarms',
      'tabs',
      'notifications',
      'idle',
      'clipboardWrite',
      'contextualIdentities',
      'cookies',
      'identity',
    ],
    hosts: AWS_HOSTS,
    optional: ['https://*/*', ...LOOPBACK],
  },
}

const TARGETS: Target[] = (['chrome', 'firefox'] as const).map((browser) => ({ browser }))

/** True when a match pattern of the form scheme://host/path grants `url` (hosts here are exact: no wildcard). */
function grants(pattern: string, url: string): boolean {
  const match = /^(https?):\/\/([^/]+)\/\*$/.exec(pattern)
  if (!match) throw new Error(`unexpected host pattern ${pattern}`)
  const parsed = new URL(url)
  return parsed.protocol === `${match[1]}:` && parsed.hostname === match[2]
}

/** A CSP string as directive → sources. */
function directives(csp: string): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const part of csp.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/)
    if (name) out.set(name.toLowerCase(), sources)
  }
  return out
}

describe.each(TARGETS)('manifest for $browser', (target) => {
  const manifest = manifestFor(target) as unknown as Manifest
  const expected = EXPECTED[`${target.browser}/store`]!

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

  it('grants only named AWS hosts: no wildcard that would cover hosts anyone can run on amazonaws.com', () => {
    for (const host of manifest.host_permissions.filter((h) => !LOOPBACK.includes(h))) {
      expect(host).toMatch(
        /^https:\/\/((sts|oidc|portal\.sso)\.[a-z0-9-]+\.amazonaws\.com(\.cn)?|signin\.(aws\.amazon\.com|amazonaws\.cn|amazonaws-us-gov\.com))\/\*$/,
      )
    }
  })

  it('grants every region partition.ts knows its STS host, and every partition its sign-in host', () => {
    const regions = knownRegions()
    expect(regions.length).toBeGreaterThanOrEqual(38)
    for (const region of regions) {
      // What a login in that region fetches: resolveTarget is what the login plan uses.
      const target = resolveTarget({ region })
      expect(target.region, region).toBe(region)
      for (const url of [target.stsEndpoint, target.federationEndpoint]) {
        expect(
          manifest.host_permissions.some((pattern) => grants(pattern, url)),
          `${region}: ${url}`,
        ).toBe(true)
      }
    }
    for (const partition of PARTITION_NAMES) {
      const target = resolveTarget({ roleArn: `arn:${partition}:iam::123456789012:role/R` })
      expect(target.partition).toBe(partition)
      expect(
        manifest.host_permissions.some((pattern) => grants(pattern, target.stsEndpoint)),
        target.stsEndpoint,
      ).toBe(true)
      expect(
        manifest.host_permissions.some((pattern) => grants(pattern, target.federationEndpoint)),
        target.federationEndpoint,
      ).toBe(true)
    }
  })

  it('grants no loopback host at install (only as an optional, run-time permission), and no scripting', () => {
    const granted = manifest.host_permissions.filter((h) => LOOPBACK.includes(h))
    const optional = (manifest.optional_host_permissions ?? []).filter((h) => LOOPBACK.includes(h))
    expect(granted).toEqual([])
    expect(optional).toEqual(LOOPBACK)
    expect(manifest.permissions).not.toContain('scripting')
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
        expect(source, `${name} ${source}`).not.toMatch(
          /unsafe-(eval|inline|hashes)|wasm-unsafe-eval|^\*$|^https?:|^data:|^blob:|^ws:|^wss:|\.\w+/i,
        )
      }
    }
    expect(manifest.content_security_policy?.sandbox).toBeUndefined()
  })

  it('opens no door to web pages or other extensions, and loads no remote or injected code', () => {
    for (const key of [
      'externally_connectable',
      'web_accessible_resources',
      'content_scripts',
      'sandbox',
      'update_url',
      'key',
      'declarative_net_request',
      'chrome_url_overrides',
    ]) {
      expect(manifest, key).not.toHaveProperty(key)
    }
    const background = manifest.background as Record<string, unknown>
    const scripts = target.browser === 'chrome' ? [background.service_worker] : (background.scripts as unknown[])
    for (const script of scripts) expect(script).toMatch(/^src\/background\/[\w/.-]+\.ts$/)
  })

  it('sets the Firefox id and data-collection statement in the Firefox build only', () => {
    const gecko = (
      manifest.browser_specific_settings as
        { gecko?: { id?: string; data_collection_permissions?: unknown } } | undefined
    )?.gecko
    if (target.browser === 'firefox') {
      expect(gecko?.id).toBe('rolecall@rolecall.dev')
      expect(gecko?.data_collection_permissions).toEqual({ required: ['none'] })
    } else {
      expect(gecko).toBeUndefined()
    }
  })
})
