import source from '../manifest.json' with { type: 'json' }
import pkg from '../package.json' with { type: 'json' }
import type { ManifestV3Export } from '@crxjs/vite-plugin'
import { publicEndpointHosts } from '../src/core/aws/partition.ts'

export interface Target {
  browser: 'firefox' | 'chrome'
  /** store: what users install. test: adds loopback hosts so the extension reaches the local AWS stand-in. */
  flavour: 'store' | 'test'
}

const LOOPBACK_HOSTS = ['http://127.0.0.1/*', 'http://localhost/*']

/**
 * The hosts granted at install: exactly those Rolecall fetches, from the partition table (every known region's
 * STS host and each partition's sign-in host), so the list cannot drift from the code that calls them. Anything
 * else (VPC endpoints, other hosts) is an optional permission asked for at run time.
 */
export function awsHostPermissions(): string[] {
  return publicEndpointHosts().map((host) => `https://${host}/*`)
}

/** The per-browser differences, all in one place. */
export function manifestFor({ browser, flavour }: Target): ManifestV3Export {
  const manifest: Record<string, unknown> & typeof source = structuredClone(source)
  manifest.version = pkg.version
  const permissions = [...manifest.permissions]
  let hosts = awsHostPermissions()
  let optionalHosts = [...manifest.optional_host_permissions]
  if (browser === 'firefox') {
    permissions.push('contextualIdentities', 'cookies')
    // Firefox MV3 runs the background as an event page.
    ;(manifest as Record<string, unknown>).background = { scripts: [source.background.service_worker], type: 'module' }
  } else {
    // A service worker cannot write the clipboard: an offscreen document clears a copied secret (Firefox's event
    // page does it itself). clipboardWrite, in the base, lets either write without a user gesture.
    permissions.push('tabGroups', 'offscreen')
    // Reads one cookie, the console's multi-session opt-in, on the sign-in hosts Rolecall already holds
    // (src/background/console/multi-session-mode.ts): without a host permission it sees no cookie at all.
    permissions.push('cookies')
    delete (manifest as Partial<typeof source>).browser_specific_settings
  }
  if (flavour === 'test') {
    // Lets e2e tests inject a content script to prove the background refuses one.
    permissions.push('scripting')
    hosts = [...hosts, ...LOOPBACK_HOSTS]
    optionalHosts = optionalHosts.filter((h) => !LOOPBACK_HOSTS.includes(h))
    manifest.name = `${manifest.name} (test)`
  }
  manifest.permissions = permissions
  return {
    ...manifest,
    host_permissions: hosts,
    optional_host_permissions: optionalHosts,
  } as unknown as ManifestV3Export
}
