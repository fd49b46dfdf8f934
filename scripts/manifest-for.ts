import source from '../manifest.json' with { type: 'json' }
import pkg from '../package.json' with { type: 'json' }
import type { ManifestV3Export } from '@crxjs/vite-plugin'
import { publicEndpointHosts } from '../src/core/aws/partition.ts'

/**
 * One build per browser, and it is the one users install: the e2e suite drives it too, against the local AWS
 * stand-in serving AWS's real host names (README, "Tests"), so there is no test flavour with extra hosts.
 */
export interface Target {
  browser: 'firefox' | 'chrome'
}

/**
 * The hosts granted at install: exactly those Rolecall fetches, from the partition table (every known region's
 * STS host and each partition's sign-in host), so the list cannot drift from the code that calls them. Anything
 * else (VPC endpoints, other hosts) is an optional permission asked for at run time.
 */
export function awsHostPermissions(): string[] {
  return publicEndpointHosts().map((host) => `https://${host}/*`)
}

/** The per-browser differences, all in one place. */
export function manifestFor({ browser }: Target): ManifestV3Export {
  const manifest: Record<string, unknown> & typeof source = structuredClone(source)
  manifest.version = pkg.version
  const permissions = [...manifest.permissions]
  if (browser === 'firefox') {
    permissions.push('contextualIdentities', 'cookies')
    // Identity Center's PKCE sign-in: launchWebAuthFlow catches the loopback redirect (src/platform/identity.ts).
    permissions.push('identity')
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
  manifest.permissions = permissions
  return {
    ...manifest,
    host_permissions: awsHostPermissions(),
    optional_host_permissions: [...manifest.optional_host_permissions],
  } as unknown as ManifestV3Export
}
