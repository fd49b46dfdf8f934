// Which of the stand-in's faces a request reached: its own loopback address (every route by path, as endpoint_url
// clients use it), or a real AWS host name (over TLS in the browsers, or any request carrying that Host header).
import type { ConsoleHost, Partition } from './regions'
import { WEB_DOMAINS } from './regions'

export type Site =
  { kind: 'loopback' } | { kind: 'signin'; partition: Partition } | { kind: 'console'; host: ConsoleHost }

/** Console pages live under /console/ at the loopback address, at the root of a console host. */
export function consolePrefix(site: Site): string {
  return site.kind === 'loopback' ? '/console' : ''
}

/** The domain the console cookie is set for: shared by a partition's sign-in and console hosts, as AWS's is. */
export function cookieDomain(site: Site): string | undefined {
  if (site.kind === 'signin') return WEB_DOMAINS[site.partition]
  if (site.kind === 'console') return WEB_DOMAINS[site.host.partition]
  return undefined
}

/** Where logout lives as seen from this site: the partition's sign-in host, or '' (same origin) on loopback. */
export function signinOrigin(site: Site): string {
  if (site.kind === 'signin') return ''
  if (site.kind === 'console') return `https://signin.${WEB_DOMAINS[site.host.partition]}`
  return ''
}
