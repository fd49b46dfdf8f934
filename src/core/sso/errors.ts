// Identity Center's errors, as the SDK surfaces them (the exception name, and OIDC's `error` field), turned
// into one sentence that says what happened and what to do. Never quotes a token or a code.

export type SsoErrorCode =
  | 'sign-in-needed'
  | 'authorization-pending'
  | 'slow-down'
  | 'expired'
  | 'denied'
  | 'no-access'
  | 'throttled'
  | 'network'
  | 'failed'

export class SsoError extends Error {
  constructor(
    readonly code: SsoErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'SsoError'
  }
}

interface SdkLike {
  name?: unknown
  error?: unknown
  $metadata?: { httpStatusCode?: unknown }
}

/** The OIDC `error` value or the portal's exception name, whichever the SDK error carries. */
export function ssoErrorName(error: unknown): string {
  const e = (typeof error === 'object' && error !== null ? error : {}) as SdkLike
  if (typeof e.error === 'string') return e.error
  return typeof e.name === 'string' ? e.name : ''
}

const BY_NAME: Record<string, [SsoErrorCode, string]> = {
  authorization_pending: ['authorization-pending', 'Waiting for you to approve the sign-in in the browser.'],
  AuthorizationPendingException: ['authorization-pending', 'Waiting for you to approve the sign-in in the browser.'],
  slow_down: ['slow-down', 'Identity Center asked Rolecall to poll more slowly.'],
  SlowDownException: ['slow-down', 'Identity Center asked Rolecall to poll more slowly.'],
  expired_token: ['expired', 'The sign-in request expired before it was approved. Sign in to Identity Center again.'],
  ExpiredTokenException: [
    'expired',
    'The sign-in request expired before it was approved. Sign in to Identity Center again.',
  ],
  access_denied: ['denied', 'The sign-in was denied in the browser. Sign in to Identity Center again to allow it.'],
  AccessDeniedException: [
    'denied',
    'The sign-in was denied in the browser. Sign in to Identity Center again to allow it.',
  ],
  invalid_grant: ['sign-in-needed', 'Your Identity Center session has ended. Sign in to Identity Center again.'],
  InvalidGrantException: [
    'sign-in-needed',
    'Your Identity Center session has ended. Sign in to Identity Center again.',
  ],
  invalid_client: ['sign-in-needed', "Identity Center no longer knows Rolecall's registration. Sign in again."],
  InvalidClientException: ['sign-in-needed', "Identity Center no longer knows Rolecall's registration. Sign in again."],
  UnauthorizedException: [
    'sign-in-needed',
    'Your Identity Center session has ended or was signed out. Sign in to Identity Center again.',
  ],
  ForbiddenException: [
    'no-access',
    'Identity Center says you are not assigned this role in this account. Ask your administrator, or pick another role.',
  ],
  ResourceNotFoundException: [
    'no-access',
    'Identity Center does not know this account or role. Check sso_account_id and sso_role_name.',
  ],
  TooManyRequestsException: ['throttled', 'Identity Center is throttling requests. Try again in a minute.'],
}

/** The error a failed Identity Center call becomes; `what` names the step ("listing your accounts"). */
export function ssoErrorOf(error: unknown, what: string): SsoError {
  if (error instanceof SsoError) return error
  const known = BY_NAME[ssoErrorName(error)]
  if (known) return new SsoError(known[0], known[1])
  const name = ssoErrorName(error)
  if (name === 'TimeoutError' || name === 'AbortError' || error instanceof TypeError)
    return new SsoError('network', `Identity Center did not answer while ${what}. Check your connection and try again.`)
  const status = (error as SdkLike)?.$metadata?.httpStatusCode
  const shown = /^[A-Za-z_]{1,64}$/.test(name) ? name : 'an unrecognised error'
  return new SsoError(
    'failed',
    `Identity Center refused ${what}: ${shown}${typeof status === 'number' ? ` (HTTP ${status})` : ''}. Try again; if it persists, sign in to Identity Center again.`,
  )
}

/** What a deadline that ran out during an Identity Center call says. */
export function ssoTimeout(timeoutMs: number, what: string): SsoError {
  return new SsoError('network', `Identity Center did not answer in ${Math.round(timeoutMs / 1000)} s while ${what}.`)
}
