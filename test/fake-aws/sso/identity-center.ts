// What the stand-in's IAM Identity Center remembers: client registrations, device authorisations, authorisation
// codes, portal sessions and the tokens tied to them, on the stand-in's clock (state.now(); the time scale
// shortens every lifetime, as it does for STS credentials).
import { randomBytes, randomInt } from 'node:crypto'
import type { Now } from '../clock'
import {
  checkIdentityCenterFixture,
  DEFAULT_PORTAL_SESSION_SECONDS,
  type IdentityCenterFixture,
  type SsoAccountFixture,
} from './instance'

/** RegisterClient: the registration (and its secret) lasts 90 days [I] (a real secret's timestamps, aws/aws-cli#5955). */
export const REGISTRATION_SECONDS = 90 * 24 * 3600
/**
 * StartDeviceAuthorization: expiresIn 600 and interval 1 [I] (a real answer in aws/aws-cli#5971).
 */
export const DEVICE_CODE_SECONDS = 600
export const DEVICE_POLL_INTERVAL_SECONDS = 1
/** An access token issued with a refresh token lasts 1 hour [D][I] (README.md: Identity Center's sessions page). */
export const REFRESHABLE_ACCESS_TOKEN_SECONDS = 3600
/** An authorisation code is spent within 5 minutes [U] (AWS does not say; RFC 6749 §4.1.2 recommends ≤ 10). */
export const AUTHORIZATION_CODE_SECONDS = 300
/** The scope that makes a registration's tokens refreshable (AWS CLI's sso_registration_scopes). */
export const ACCOUNT_ACCESS_SCOPE = 'sso:account:access'

export interface Registration {
  clientId: string
  clientSecret: string
  clientName: string
  region: string
  scopes: string[]
  redirectUris: string[]
  grantTypes: string[]
  issuedAtMs: number
  expiresAtMs: number
}

export interface PortalSession {
  id: string
  region: string
  startedAtMs: number
  endsAtMs: number
}

export interface DeviceAuthorization {
  deviceCode: string
  userCode: string
  clientId: string
  region: string
  expiresAtMs: number
  lastPollMs?: number
  status: 'pending' | 'approved' | 'denied' | 'spent'
  sessionId?: string
}

export interface AuthorizationCode {
  code: string
  clientId: string
  redirectUri: string
  codeChallenge: string
  scopes: string[]
  sessionId: string
  expiresAtMs: number
  spent: boolean
}

export interface AccessToken {
  token: string
  clientId: string
  region: string
  sessionId: string
  expiresAtMs: number
}

export interface RefreshToken {
  token: string
  clientId: string
  sessionId: string
}

export const SSO_OPERATIONS = [
  'RegisterClient',
  'StartDeviceAuthorization',
  'CreateToken',
  'Authorize',
  'ListAccounts',
  'ListAccountRoles',
  'GetRoleCredentials',
  'Logout',
] as const
export type SsoOperation = (typeof SSO_OPERATIONS)[number]
export const TOKEN_GRANTS = ['device_code', 'authorization_code', 'refresh_token'] as const
export type TokenGrant = (typeof TOKEN_GRANTS)[number]

export interface SsoCounts {
  calls: Record<SsoOperation, number>
  failures: Record<SsoOperation, number>
  /** Tokens issued, by grant (a failed CreateToken issues none). */
  grants: Record<TokenGrant, number>
  /** Device authorisations approved and /authorize consents given (what a person does in the browser). */
  approvals: number
}

const zero = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>
const zeroCounts = (): SsoCounts => ({
  calls: zero(SSO_OPERATIONS),
  failures: zero(SSO_OPERATIONS),
  grants: zero(TOKEN_GRANTS),
  approvals: 0,
})

const opaque = (prefix: string, bytes: number) => prefix + randomBytes(bytes).toString('base64url')
/** AWS's user codes are 8 letters in two groups of four (ABCD-EFGH) [I]; letters that cannot be misread. */
const USER_CODE_LETTERS = 'BCDFGHJKLMNPQRSTVWXZ'
const userCode = () => {
  const letter = () => USER_CODE_LETTERS[randomInt(USER_CODE_LETTERS.length)]
  return Array.from({ length: 8 }, (_, i) => (i === 4 ? '-' : '') + letter()).join('')
}

export class IdentityCenter {
  accounts: SsoAccountFixture[]
  readonly registrations = new Map<string, Registration>()
  readonly sessions = new Map<string, PortalSession>()
  readonly devices = new Map<string, DeviceAuthorization>()
  readonly codes = new Map<string, AuthorizationCode>()
  readonly accessTokens = new Map<string, AccessToken>()
  readonly refreshTokens = new Map<string, RefreshToken>()
  /** The next `throttled` portal calls answer 429 (POST /__test/sso/throttle). */
  throttled = 0
  /** /authorize answers at once with a code, as for a user already signed in who consented before. */
  autoApprove = false
  counts = zeroCounts()

  constructor(
    readonly fixture: IdentityCenterFixture,
    private readonly now: Now,
    /** state.endOfLifetime: seconds granted → when they end, the time scale applied. */
    private readonly endOf: (seconds: number) => number,
  ) {
    checkIdentityCenterFixture(fixture)
    this.accounts = fixture.accounts
  }

  nowMs(): number {
    return this.now()
  }

  get sessionSeconds(): number {
    return this.fixture.sessionDurationSeconds ?? DEFAULT_PORTAL_SESSION_SECONDS
  }

  count(operation: SsoOperation, failed: boolean): void {
    this.counts.calls[operation] += 1
    if (failed) this.counts.failures[operation] += 1
  }

  resetCounts(): void {
    this.counts = zeroCounts()
  }

  register(fields: Omit<Registration, 'clientId' | 'clientSecret' | 'issuedAtMs' | 'expiresAtMs'>): Registration {
    const registration: Registration = {
      ...fields,
      clientId: opaque('', 16),
      // AWS's secrets are long JWT-like strings the client only echoes back; an opaque one is enough here.
      clientSecret: opaque('', 96),
      issuedAtMs: this.now(),
      expiresAtMs: this.endOf(REGISTRATION_SECONDS),
    }
    this.registrations.set(registration.clientId, registration)
    return registration
  }

  /** The registration for this id and secret in this region, if it has not expired. */
  client(clientId: string, clientSecret: string, region: string): Registration | undefined {
    const r = this.registrations.get(clientId)
    if (!r || r.clientSecret !== clientSecret || r.region !== region || this.now() >= r.expiresAtMs) return undefined
    return r
  }

  startSession(region: string): PortalSession {
    const session = { id: opaque('', 24), region, startedAtMs: this.now(), endsAtMs: this.endOf(this.sessionSeconds) }
    this.sessions.set(session.id, session)
    return session
  }

  liveSession(id: string | undefined): PortalSession | undefined {
    const s = id === undefined ? undefined : this.sessions.get(id)
    return s && this.now() < s.endsAtMs ? s : undefined
  }

  endSession(id: string): void {
    const s = this.sessions.get(id)
    if (s) s.endsAtMs = Math.min(s.endsAtMs, this.now())
  }

  endAllSessions(): void {
    for (const id of this.sessions.keys()) this.endSession(id)
  }

  startDevice(clientId: string, region: string): DeviceAuthorization {
    let code = userCode()
    while ([...this.devices.values()].some((d) => d.userCode === code)) code = userCode()
    const device: DeviceAuthorization = {
      deviceCode: opaque('', 64),
      userCode: code,
      clientId,
      region,
      // Unscaled: the time a person has to approve, not a lifetime the time scale shortens (tokens and sessions).
      expiresAtMs: this.now() + DEVICE_CODE_SECONDS * 1000,
      status: 'pending',
    }
    this.devices.set(device.deviceCode, device)
    return device
  }

  /** A pending, unexpired device authorisation by its user code (case and the dash optional, as people type it). */
  pendingDevice(code: string): DeviceAuthorization | undefined {
    const wanted = code.toUpperCase().replace(/[^A-Z]/g, '')
    return [...this.devices.values()].find(
      (d) => d.status === 'pending' && this.now() < d.expiresAtMs && d.userCode.replace('-', '') === wanted,
    )
  }

  approveDevice(device: DeviceAuthorization, sessionId: string): void {
    device.status = 'approved'
    device.sessionId = sessionId
    this.counts.approvals += 1
  }

  issueCode(fields: Omit<AuthorizationCode, 'code' | 'expiresAtMs' | 'spent'>): AuthorizationCode {
    const code: AuthorizationCode = {
      ...fields,
      code: opaque('', 48),
      expiresAtMs: this.now() + AUTHORIZATION_CODE_SECONDS * 1000, // unscaled, as a device code
      spent: false,
    }
    this.codes.set(code.code, code)
    this.counts.approvals += 1
    return code
  }

  /**
   * Tokens for a session: an access token, and a refresh token when the client registered sso:account:access
   * (aws-vault's registration, without scopes, gets none). A refreshable access token lasts 1 hour; one without
   * a refresh token lasts as long as the portal session, as the legacy CLI configuration's 8 hours [D].
   */
  issueTokens(client: Registration, session: PortalSession): { access: AccessToken; refresh?: RefreshToken } {
    const refreshable = client.scopes.includes(ACCOUNT_ACCESS_SCOPE)
    const lifetime = refreshable ? this.endOf(REFRESHABLE_ACCESS_TOKEN_SECONDS) : session.endsAtMs
    const access: AccessToken = {
      token: opaque('aoa', 300),
      clientId: client.clientId,
      region: client.region,
      sessionId: session.id,
      expiresAtMs: Math.min(lifetime, session.endsAtMs),
    }
    this.accessTokens.set(access.token, access)
    if (!refreshable) return { access }
    const refresh: RefreshToken = { token: opaque('aor', 300), clientId: client.clientId, sessionId: session.id }
    this.refreshTokens.set(refresh.token, refresh)
    return { access, refresh }
  }

  /** A working access token for this region: not expired, its portal session alive. */
  liveAccessToken(token: string | undefined, region: string): AccessToken | undefined {
    const t = token === undefined ? undefined : this.accessTokens.get(token)
    if (!t || t.region !== region || this.now() >= t.expiresAtMs || !this.liveSession(t.sessionId)) return undefined
    return t
  }

  expireAccessTokens(): void {
    for (const t of this.accessTokens.values()) t.expiresAtMs = Math.min(t.expiresAtMs, this.now())
  }

  /** Takes one from the throttle budget: true when this portal call must answer 429. */
  throttle(): boolean {
    if (this.throttled <= 0) return false
    this.throttled -= 1
    return true
  }

  account(id: string): SsoAccountFixture | undefined {
    return this.accounts.find((a) => a.id === id)
  }
}
