// What a sign-in to Identity Center leaves behind, and when each part must be renewed. Both records live in
// the vault, encrypted like base keys: the client secret, the access token and the refresh token are secrets.

/** A public OIDC client registered once per instance (RegisterClient) and reused until it expires. */
export interface SsoRegistration {
  clientId: string
  clientSecret: string
  /** Epoch ms (RegisterClient's clientSecretExpiresAt, in seconds on the wire). */
  expiresAt: number
  /** The loopback redirect registered for authorization code + PKCE; absent for a device-code-only client. */
  redirectUri?: string
}

export interface SsoTokens {
  accessToken: string
  /** Epoch ms. */
  expiresAt: number
  /** Issued because the client registered the sso:account:access scope; lets Rolecall renew without asking. */
  refreshToken?: string
}

/** Renew an access token this long before it ends, so a login never starts with one about to lapse. */
export const ACCESS_TOKEN_MARGIN_MS = 5 * 60_000
/** A registration closer than this to its end is replaced before a sign-in (a sign-in takes minutes at most). */
export const REGISTRATION_MARGIN_MS = 24 * 3600_000

/** use: the access token is good; refresh: renew it with the refresh token; sign-in: the user must approve. */
export function tokenAction(tokens: SsoTokens | undefined, now: number): 'use' | 'refresh' | 'sign-in' {
  if (!tokens) return 'sign-in'
  if (tokens.expiresAt - now > ACCESS_TOKEN_MARGIN_MS) return 'use'
  return tokens.refreshToken ? 'refresh' : 'sign-in'
}

/** Whether a stored registration can serve a sign-in by this method now. */
export function registrationUsable(
  registration: SsoRegistration | undefined,
  method: 'pkce' | 'device',
  redirectUri: string | undefined,
  now: number,
): registration is SsoRegistration {
  if (!registration || registration.expiresAt - now <= REGISTRATION_MARGIN_MS) return false
  // A client registers its grants: a PKCE client (with a redirect) has no device grant, and the other way round.
  if (method === 'device') return registration.redirectUri === undefined
  return redirectUri !== undefined && registration.redirectUri === redirectUri
}
