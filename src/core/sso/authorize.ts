// Authorization code + PKCE against Identity Center's OIDC endpoint: the URL the browser opens, and what the
// loopback redirect it ends at says. The AWS CLI v2 builds the same request (docs/aws-protocol.md §7.2).

/** The scope that makes Identity Center issue refresh tokens: access renews without asking the user again. */
export const SSO_SCOPE = 'sso:account:access'

export interface AuthorizeRequest {
  /** The OIDC service's address: https://oidc.<region>.amazonaws.com (or the stand-in's). */
  oidcEndpoint: string
  clientId: string
  redirectUri: string
  state: string
  challenge: string
}

export function authorizeUrl(request: AuthorizeRequest): string {
  const url = new URL(`${request.oidcEndpoint.replace(/\/+$/, '')}/authorize`)
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: request.clientId,
    redirect_uri: request.redirectUri,
    state: request.state,
    code_challenge_method: 'S256',
    scopes: SSO_SCOPE,
    code_challenge: request.challenge,
  }).toString()
  return url.href
}

export type RedirectResult = { code: string } | { error: string }

/**
 * What a navigation to `url` means for a sign-in waiting at `redirectUri` with `state`: undefined when it is
 * not that redirect (another page of the sign-in); the code; or the error the user or AWS ended it with. A
 * redirect whose state differs is refused: it was not started by this request.
 */
export function readRedirect(url: string, redirectUri: string, state: string): RedirectResult | undefined {
  let at: URL
  let expected: URL
  try {
    at = new URL(url)
    expected = new URL(redirectUri)
  } catch {
    return undefined
  }
  if (at.origin !== expected.origin || at.pathname !== expected.pathname) return undefined
  if (at.searchParams.get('state') !== state) return { error: 'state-mismatch' }
  const code = at.searchParams.get('code')
  if (code) return { code }
  return { error: at.searchParams.get('error') ?? 'no-code' }
}
