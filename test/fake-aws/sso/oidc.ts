// The OIDC service (sso-oidc, restJson1): RegisterClient, StartDeviceAuthorization and CreateToken with the
// device code, authorisation code (PKCE) and refresh token grants. Field names and statuses follow botocore's
// `sso-oidc` model and the JS SDK's client-sso-oidc [V]; the rules a real instance applies where neither says
// are marked in README.md.
import { createHash } from 'node:crypto'
import type { HttpResult } from '../http-types'
import {
  ACCOUNT_ACCESS_SCOPE,
  DEVICE_POLL_INTERVAL_SECONDS,
  type IdentityCenter,
  type Registration,
  type TokenGrant,
} from './identity-center'
import { AUTHORIZATION_PENDING, json, OidcError, oidcErrorResult } from './errors'
import { jsonBody, type SsoRequest } from './request'

export const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code'
const GRANTS: Record<string, TokenGrant> = {
  [DEVICE_GRANT]: 'device_code',
  authorization_code: 'authorization_code',
  refresh_token: 'refresh_token',
}
/** What a registration without grantTypes (botocore before 2024, aws-vault) may use: the device flow. */
const DEFAULT_GRANTS = [DEVICE_GRANT, 'refresh_token']

export function handleOidc(sso: IdentityCenter, req: SsoRequest): HttpResult | undefined {
  const route = `${req.method} ${req.path}`
  const operation =
    route === 'POST /client/register'
      ? 'RegisterClient'
      : route === 'POST /device_authorization'
        ? 'StartDeviceAuthorization'
        : route === 'POST /token'
          ? 'CreateToken'
          : undefined
  if (!operation) return undefined
  let result: HttpResult
  try {
    const body = jsonBody(req)
    if (operation === 'RegisterClient') result = registerClient(sso, req, body)
    else if (operation === 'StartDeviceAuthorization') result = startDeviceAuthorization(sso, req, body)
    else result = createToken(sso, req, body)
  } catch (error) {
    if (!(error instanceof OidcError)) throw error
    result = oidcErrorResult(error)
  }
  sso.count(operation, result.status >= 400)
  return result
}

function str(body: Record<string, unknown>, name: string, required = false): string | undefined {
  const value = body[name]
  if (value === undefined || value === null) {
    if (required) throw new OidcError('InvalidRequestException', `${name} is required`)
    return undefined
  }
  if (typeof value !== 'string') throw new OidcError('InvalidRequestException', `${name} must be a string`)
  return value
}

function strings(body: Record<string, unknown>, name: string): string[] {
  const value = body[name]
  if (value === undefined || value === null) return []
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))
    throw new OidcError('InvalidRequestException', `${name} must be a list of strings`)
  return value as string[]
}

/**
 * Loopback redirect URIs only: http://127.0.0.1[:port]/…, http://localhost[:port]/…, http://[::1][:port]/… — what
 * native apps use (RFC 8252 §7.3; the AWS CLI registers http://127.0.0.1/oauth/callback; Firefox's identity API
 * redirects to http://127.0.0.1/mozoauth2/<hash>). Anything else is InvalidRedirectUriException [U].
 */
export function isLoopbackRedirect(uri: string): boolean {
  let url: URL
  try {
    url = new URL(uri)
  } catch {
    return false
  }
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) && !url.hash
}

/** RFC 8252 §7.3: a loopback redirect matches a registered one whatever its port, when the registered one has none. */
export function redirectRegistered(client: Registration, uri: string): boolean {
  return client.redirectUris.some((registered) => {
    if (registered === uri) return true
    const a = new URL(registered)
    if (a.port !== '' || !isLoopbackRedirect(uri)) return false
    const b = new URL(uri)
    return a.hostname === b.hostname && a.pathname === b.pathname && a.search === b.search
  })
}

function registerClient(sso: IdentityCenter, req: SsoRequest, body: Record<string, unknown>): HttpResult {
  const clientName = str(body, 'clientName', true)!
  const clientType = str(body, 'clientType', true)!
  // "The service supports only public as a client type" [V] the model's documentation.
  if (clientType !== 'public') throw new OidcError('InvalidClientMetadataException', 'Invalid client type')
  const scopes = strings(body, 'scopes')
  const redirectUris = strings(body, 'redirectUris')
  const grantTypes = strings(body, 'grantTypes')
  str(body, 'issuerUrl')
  for (const grant of grantTypes)
    if (!(grant in GRANTS)) throw new OidcError('InvalidClientMetadataException', `Unsupported grant type: ${grant}`)
  for (const uri of redirectUris)
    if (!isLoopbackRedirect(uri)) throw new OidcError('InvalidRedirectUriException', 'Invalid redirect URI')
  if (redirectUris.length > 0 && !grantTypes.includes('authorization_code'))
    throw new OidcError('InvalidClientMetadataException', 'redirectUris need the authorization_code grant')
  const r = sso.register({ clientName, region: req.region, scopes, redirectUris, grantTypes })
  return json(200, {
    clientId: r.clientId,
    clientSecret: r.clientSecret,
    clientIdIssuedAt: Math.floor(r.issuedAtMs / 1000),
    clientSecretExpiresAt: Math.floor(r.expiresAtMs / 1000),
  })
}

function client(sso: IdentityCenter, req: SsoRequest, body: Record<string, unknown>): Registration {
  const found = sso.client(str(body, 'clientId', true)!, str(body, 'clientSecret', true)!, req.region)
  if (!found) throw new OidcError('InvalidClientException', 'Invalid client provided')
  return found
}

function grants(client: Registration): string[] {
  return client.grantTypes.length > 0 ? client.grantTypes : DEFAULT_GRANTS
}

/** The instance's start URL, as clients write it (a trailing slash or #/ is harmless). */
function isStartUrl(sso: IdentityCenter, url: string): boolean {
  return url.replace(/[#/]+$/, '') === sso.fixture.startUrl
}

function startDeviceAuthorization(sso: IdentityCenter, req: SsoRequest, body: Record<string, unknown>): HttpResult {
  const c = client(sso, req, body)
  const startUrl = str(body, 'startUrl', true)!
  if (!grants(c).includes(DEVICE_GRANT))
    throw new OidcError('UnauthorizedClientException', 'Client is not authorized for the device code grant')
  // The instance lives in one region: its start URL means nothing to another region's OIDC service [U].
  if (!isStartUrl(sso, startUrl) || req.region !== sso.fixture.region)
    throw new OidcError('InvalidRequestException', 'Invalid start URL')
  const device = sso.startDevice(c.clientId, req.region)
  const uri = `${req.bases.device}/`
  return json(200, {
    deviceCode: device.deviceCode,
    userCode: device.userCode,
    verificationUri: uri,
    verificationUriComplete: `${uri}?user_code=${device.userCode}`,
    expiresIn: Math.round((device.expiresAtMs - sso.nowMs()) / 1000),
    interval: DEVICE_POLL_INTERVAL_SECONDS,
  })
}

function createToken(sso: IdentityCenter, req: SsoRequest, body: Record<string, unknown>): HttpResult {
  const c = client(sso, req, body)
  const grantType = str(body, 'grantType', true)!
  const grant = GRANTS[grantType]
  if (!grant) throw new OidcError('UnsupportedGrantTypeException', 'Unsupported grant type')
  if (!grants(c).includes(grantType))
    throw new OidcError('UnauthorizedClientException', 'Client is not authorized for this grant type')
  const sessionId =
    grant === 'device_code'
      ? deviceGrant(sso, c, body)
      : grant === 'authorization_code'
        ? codeGrant(sso, c, body)
        : refreshGrant(sso, c, body)
  const session = sso.liveSession(sessionId)
  if (!session) throw new OidcError('InvalidGrantException', 'Invalid grant provided')
  const { access, refresh } = sso.issueTokens(c, session)
  sso.counts.grants[grant] += 1
  return json(200, {
    accessToken: access.token,
    tokenType: 'Bearer',
    expiresIn: Math.max(1, Math.round((access.expiresAtMs - sso.nowMs()) / 1000)),
    ...(refresh ? { refreshToken: refresh.token } : {}),
  })
}

/**
 * RFC 8628 §3.5 as IAM Identity Center answers it: authorization_pending until the user approves, slow_down when
 * polled faster than `interval` (the required interval is not raised afterwards [U]), expired_token after 10
 * minutes, access_denied when the user denied; a device code gives tokens once.
 */
function deviceGrant(sso: IdentityCenter, c: Registration, body: Record<string, unknown>): string {
  const device = sso.devices.get(str(body, 'deviceCode', true)!)
  if (!device || device.clientId !== c.clientId || device.status === 'spent')
    throw new OidcError('InvalidGrantException', 'Invalid grant provided')
  if (sso.nowMs() >= device.expiresAtMs) throw new OidcError('ExpiredTokenException', 'Device code has expired')
  if (device.status === 'denied') throw new OidcError('AccessDeniedException', 'Access denied by the user')
  const last = device.lastPollMs
  device.lastPollMs = sso.nowMs()
  // 10% slack: a client that sleeps `interval` seconds between polls is never told to slow down.
  if (last !== undefined && sso.nowMs() - last < DEVICE_POLL_INTERVAL_SECONDS * 900)
    throw new OidcError('SlowDownException', 'Client is polling too quickly')
  if (device.status === 'pending') throw new OidcError('AuthorizationPendingException', AUTHORIZATION_PENDING)
  device.status = 'spent'
  return device.sessionId!
}

/** The authorisation code grant with PKCE (RFC 7636, S256): the verifier and redirect URI must match /authorize's. */
function codeGrant(sso: IdentityCenter, c: Registration, body: Record<string, unknown>): string {
  const code = sso.codes.get(str(body, 'code', true)!)
  const verifier = str(body, 'codeVerifier', true)!
  const redirectUri = str(body, 'redirectUri', true)!
  if (!code || code.clientId !== c.clientId || code.spent || sso.nowMs() >= code.expiresAtMs)
    throw new OidcError('InvalidGrantException', 'Invalid grant provided')
  code.spent = true
  const challenge = createHash('sha256').update(verifier).digest('base64url')
  if (challenge !== code.codeChallenge || redirectUri !== code.redirectUri)
    throw new OidcError('InvalidGrantException', 'Invalid grant provided')
  return code.sessionId
}

/** Refresh tokens work while their portal session lasts (and, through client(), while the registration does). */
function refreshGrant(sso: IdentityCenter, c: Registration, body: Record<string, unknown>): string {
  const refresh = sso.refreshTokens.get(str(body, 'refreshToken', true)!)
  if (!refresh || refresh.clientId !== c.clientId || !c.scopes.includes(ACCOUNT_ACCESS_SCOPE))
    throw new OidcError('InvalidGrantException', 'Invalid grant provided')
  return refresh.sessionId
}
