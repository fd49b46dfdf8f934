// The request shape the SSO handlers share, and where each of IAM Identity Center's three faces lives: on AWS's
// host names (oidc.<region>.amazonaws.com, portal.sso.<region>.amazonaws.com, device.sso.<region>.amazonaws.com)
// or at the stand-in's loopback address under /sso-oidc/<region>, /sso-portal/<region>, /sso-device/<region>.
import type { IncomingHttpHeaders } from 'node:http'
import { isKnownRegion } from '../regions'
import type { AwsHost } from '../tls/aws-hosts'

export type SsoService = 'oidc' | 'portal' | 'device'

export interface SsoRequest {
  service: SsoService
  region: string
  method: string
  /** The path below the service's root: /token, /assignment/accounts, /authorize, /. */
  path: string
  query: URLSearchParams
  headers: IncomingHttpHeaders
  body: Buffer
  /** The root URL of each service as this client reaches it (same face: AWS host, or loopback prefix). */
  bases: Record<SsoService, string>
  /** The path the sign-in cookie is set for. */
  cookiePath: string
  /** The stand-in's sign-in cookie (one per plain port, as the console cookie). */
  cookieName: string
  secure: boolean
}

const PREFIX: Record<SsoService, string> = { oidc: '/sso-oidc', portal: '/sso-portal', device: '/sso-device' }
const LOOPBACK_PATH = /^\/sso-(oidc|portal|device)\/([a-z0-9-]+)(\/.*)?$/

export interface SsoTarget {
  service: SsoService
  region: string
  path: string
  bases: Record<SsoService, string>
  cookiePath: string
}

/** Which SSO face a request reached: by its AWS host, or by a loopback prefix; undefined for anything else. */
export function ssoTarget(aws: AwsHost | undefined, url: URL): SsoTarget | undefined {
  if (aws?.kind === 'sso') {
    const suffix = aws.partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com'
    const port = url.port ? `:${url.port}` : ''
    const bases = {
      oidc: `https://oidc.${aws.region}.${suffix}${port}`,
      portal: `https://portal.sso.${aws.region}.${suffix}${port}`,
      device: `https://device.sso.${aws.region}.${suffix}${port}`,
    }
    return { service: aws.service, region: aws.region, path: url.pathname, bases, cookiePath: '/' }
  }
  if (aws) return undefined
  const match = LOOPBACK_PATH.exec(url.pathname)
  if (!match || !isKnownRegion(match[2]!)) return undefined
  const service = match[1] as SsoService
  const region = match[2]!
  const base = (s: SsoService) => `${url.origin}${PREFIX[s]}/${region}`
  return {
    service,
    region,
    path: match[3] ?? '/',
    bases: { oidc: base('oidc'), portal: base('portal'), device: base('device') },
    // Path=/: one sign-in cookie for the OIDC and device pages at loopback, so signing in on either counts for both.
    cookiePath: '/',
  }
}

/** JSON request bodies (restJson1); anything else is an empty object, so missing members are reported as such. */
export function jsonBody(req: SsoRequest): Record<string, unknown> {
  if (req.body.length === 0) return {}
  try {
    const value: unknown = JSON.parse(req.body.toString('utf8'))
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {}
  } catch {
    return {}
  }
}

/** Form fields of a page's POST, and its query parameters. */
export function formFields(req: SsoRequest): URLSearchParams {
  const fields = new URLSearchParams(req.query)
  if (req.method === 'POST') for (const [k, v] of new URLSearchParams(req.body.toString('utf8'))) fields.set(k, v)
  return fields
}
