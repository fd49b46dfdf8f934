// The network a test browser sees: AWS's real host names go to the local AWS stand-in over TLS, loopback stays
// loopback (the tests' plain web pages), and every other name fails without leaving the machine. This is how the
// store build — which only knows AWS's hosts — is driven end to end with no AWS account and no internet.
//
//  - Chromium: --host-resolver-rules maps the AWS domains to the stand-in's TLS port and every other name to
//    NOTFOUND; --ignore-certificate-errors-spki-list trusts the run's leaf key, and only it.
//  - Firefox: a PAC file sends every non-loopback request to the stand-in's plain listener as an HTTPS proxy,
//    which tunnels CONNECTs to AWS's names into its TLS server and refuses (and records) any other name; the
//    session's acceptInsecureCerts lets Firefox take the run's certificate. Without a stand-in, the proxy is a
//    port nothing listens on, and Firefox is told never to fall back to a direct connection.
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { AWS_DOMAIN_SUFFIXES } from '../../fake-aws/tls/aws-hosts'
import { TMP_DIR } from './paths'

/** What a browser needs to know of the stand-in (a FakeAws has all three). */
export interface AwsNetwork {
  /** The plain listener: Firefox's HTTPS proxy. */
  readonly port: number
  /** The TLS listener that serves AWS's host names. */
  readonly tlsPort: number
  readonly certificate: { readonly spkiSha256: string }
}

/** A port nothing listens on (TCP port 9, "discard", is never served here): where requests go to die. */
const DEAD_PORT = 9

/** Chromium's flags: AWS names to the stand-in, everything else but loopback unresolvable. */
export function chromiumNetworkArgs(aws: AwsNetwork | undefined): string[] {
  const rules = [
    ...(aws
      ? AWS_DOMAIN_SUFFIXES.flatMap((suffix) => [
          `MAP ${suffix} 127.0.0.1:${aws.tlsPort}`,
          `MAP *.${suffix} 127.0.0.1:${aws.tlsPort}`,
        ])
      : []),
    'MAP * ~NOTFOUND',
    'EXCLUDE 127.0.0.1',
    'EXCLUDE localhost',
  ]
  return [
    `--host-resolver-rules=${rules.join(', ')}`,
    ...(aws ? [`--ignore-certificate-errors-spki-list=${aws.certificate.spkiSha256}`] : []),
    // No DNS over HTTPS, no speculative connections: the resolver rules above are the only way out.
    '--disable-features=DnsOverHttps,NetworkPrediction',
    '--dns-prefetch-disable',
  ]
}

/** The PAC script: loopback direct, everything else through the stand-in (or a dead proxy). */
export function pacScript(aws: AwsNetwork | undefined): string {
  const proxy = `PROXY 127.0.0.1:${aws?.port ?? DEAD_PORT}`
  return [
    'function FindProxyForURL(url, host) {',
    "  if (host === '127.0.0.1' || host === 'localhost' || host === '[::1]' || host === '::1') return 'DIRECT';",
    `  return '${proxy}';`,
    '}',
  ].join('\n')
}

/** Firefox's preferences for that PAC file (written to .tmp/), with every other way out closed. */
export function firefoxNetworkPrefs(aws: AwsNetwork | undefined): Record<string, unknown> {
  const file = path.join(TMP_DIR, `proxy-${aws?.port ?? DEAD_PORT}-${process.pid}.pac`)
  mkdirSync(TMP_DIR, { recursive: true })
  writeFileSync(file, pacScript(aws))
  return {
    'network.proxy.type': 2,
    'network.proxy.autoconfig_url': pathToFileURL(file).href,
    'network.proxy.failover_direct': false,
    'network.proxy.allow_hijacking_localhost': false,
    'network.trr.mode': 5,
    'network.dns.disablePrefetch': true,
    'network.http.speculative-parallel-limit': 0,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
  }
}
