// Which region an STS request was sent to, and whether its SigV4 credential scope may name the region it names.
//
// AWS: a regional endpoint (sts.<region>.amazonaws.com[.cn]) needs its own region in the scope, the global
// endpoint (sts.amazonaws.com) needs us-east-1, and a region that does not exist is refused everywhere; each
// refusal is SignatureDoesNotMatch (HTTP 403) "Credential should be scoped to a valid region. " (README.md).
//
// The stand-in decides the endpoint's region from the Host header, so it behaves like AWS behind AWS's host
// names. On any other host (its own loopback address, what `endpoint_url` clients and Rolecall's custom
// endpoint use) it cannot know which region the caller meant, so:
//   - POST /region/<r>/ is the endpoint of region <r> (exact match, as on a real host);
//   - with a configured region (startFakeAws({ stsRegion }), cli --sts-region) the plain address is that region's;
//   - otherwise the plain address takes any region AWS has (eu-west-2 yes, moon-1 no). Rolecall signs for the
//     profile's region and sends to the one custom endpoint, so this is what keeps it working unchanged.
import { isKnownRegion, stsHostRegion } from '../regions'
import { lenientDecode } from '../sigv4-canonical'

export type StsEndpoint =
  /** A real STS host name, or /region/<r>/, or the configured region: the scope must name exactly `region`. */
  | { kind: 'regional'; region: string; from: 'host' | 'path' | 'configured' }
  /** The stand-in's own address without a region: any region AWS has. */
  | { kind: 'any-region' }

/** /region/<r> or /region/<r>/ → r. */
const REGION_PATH = /^\/region\/([^/]+)\/?$/

/** The STS endpoint a request reached, or undefined when its path is not one of STS's (/ or /region/<r>/). */
export function stsEndpointOf(
  host: string | undefined,
  path: string,
  configuredRegion?: string,
): StsEndpoint | undefined {
  const pathRegion = REGION_PATH.exec(path)?.[1]
  if (path !== '/' && pathRegion === undefined) return undefined
  const hostRegion = host === undefined ? undefined : stsHostRegion(host)
  if (hostRegion !== undefined) return { kind: 'regional', region: hostRegion, from: 'host' }
  if (pathRegion !== undefined) return { kind: 'regional', region: lenientDecode(pathRegion), from: 'path' }
  if (configuredRegion !== undefined) return { kind: 'regional', region: configuredRegion, from: 'configured' }
  return { kind: 'any-region' }
}

/** May a request to `endpoint` be signed for `scopeRegion`? */
export function scopeRegionAccepted(endpoint: StsEndpoint, scopeRegion: string): boolean {
  if (!isKnownRegion(scopeRegion)) return false
  return endpoint.kind === 'any-region' || endpoint.region === scopeRegion
}
