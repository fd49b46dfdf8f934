// Failures of AWS calls, in two steps: `factsOf` turns whatever a call threw (an SDK service exception, a
// fetch TypeError, an abort, an XML parse error) into plain facts with no secret in them; `describeFailure`
// (error-messages.ts) turns facts plus what the login was doing into a sentence for the user.
import { RolecallFailure } from '../../shared/protocol'

export type StsOperation = 'AssumeRole' | 'GetSessionToken' | 'GetFederationToken' | 'GetCallerIdentity'
export type AwsOperation = StsOperation | 'getSigninToken'

export interface AwsCallFacts {
  operation: AwsOperation
  /** aws-error: AWS answered with an error code; http: an error status without a readable error body. */
  kind: 'aws-error' | 'http' | 'network' | 'timeout' | 'bad-response'
  /** Host the call went to (never the URL: a federation URL carries the session). */
  host?: string
  stsCode?: string
  /** AWS's own message text, with any secret of the call removed. */
  awsMessage?: string
  httpStatus?: number
  /** Seconds the call was allowed, for timeouts. */
  timeoutSeconds?: number
}

export type FailureCode =
  | 'mfa-code-rejected'
  | 'mfa-not-configured'
  | 'role-trust-denied'
  | 'access-denied'
  | 'federation-needs-mfa'
  | 'needs-long-term-key'
  | 'clock-skew'
  | 'expired-credentials'
  | 'invalid-key-id'
  | 'signature-mismatch'
  | 'region-disabled'
  | 'duration-too-long'
  | 'invalid-parameter'
  | 'throttled'
  | 'network'
  | 'timeout'
  | 'aws-server-error'
  | 'bad-response'
  | 'signin-refused'
  | 'unknown'

/** What the UI shows and acts on. `message` says what happened and what to do; it never holds a secret. */
export interface LoginFailure {
  code: FailureCode
  message: string
  stsCode?: string
  /** Trying the same thing again may work (network, throttling, AWS-side errors). */
  retryable: boolean
  /** The MFA code was refused: ask for a new one right away. */
  needsNewMfaCode?: boolean
}

/** Thrown by the STS and sign-in adapters: facts only, described later with the login's context. */
export class AwsCallError extends Error {
  constructor(readonly facts: AwsCallFacts) {
    super(
      `${facts.operation} failed: ${facts.stsCode ?? facts.kind}${facts.httpStatus ? ` (HTTP ${facts.httpStatus})` : ''}`,
    )
    this.name = 'AwsCallError'
  }
}

/** Thrown by a login: carries the user-facing failure. */
export class LoginError extends Error {
  constructor(readonly failure: LoginFailure) {
    super(failure.message)
    this.name = 'LoginError'
  }
}

/** The protocol error a page receives for a failed login (detail holds no secret). */
export function toRolecallFailure(failure: LoginFailure): RolecallFailure {
  const code = failure.code === 'network' || failure.code === 'timeout' ? 'network' : 'aws'
  const detail: Record<string, string | boolean> = { loginCode: failure.code, retryable: failure.retryable }
  if (failure.stsCode) detail.stsCode = failure.stsCode
  if (failure.needsNewMfaCode) detail.needsNewMfaCode = true
  return new RolecallFailure(code, failure.message, detail)
}

/**
 * Removes secrets (secret keys, session tokens) from a text before it may be shown. AWS does not echo them,
 * so this is a safety net; short values are skipped because they would also match account ids and the like.
 */
export function scrub(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let out = text
  for (const secret of secrets) {
    if (secret && secret.length >= 16) out = out.split(secret).join('[redacted]')
  }
  return out
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ETIMEDOUT',
  'ECONNABORTED',
])

interface SdkLikeError {
  name?: unknown
  message?: unknown
  code?: unknown
  Code?: unknown
  cause?: unknown
  $fault?: unknown
  $metadata?: { httpStatusCode?: unknown }
}

const STS_CODE = /^[A-Za-z][\w.:-]{0,63}$/
const MESSAGE_MAX = 500

/** AWS's message text is quoted to the user: keep it to a readable length. */
function capped(text: string): string {
  return text.length > MESSAGE_MAX ? `${text.slice(0, MESSAGE_MAX)}…` : text
}

/**
 * Facts from anything an STS call (through the AWS SDK) or a fetch threw. `timedOut` tells an abort caused by
 * our own deadline apart from other aborts.
 */
export function factsOf(
  error: unknown,
  call: {
    operation: AwsOperation
    host?: string
    timedOut?: boolean
    timeoutSeconds?: number
    secrets?: ReadonlyArray<string | undefined>
  },
): AwsCallFacts {
  if (error instanceof AwsCallError) return error.facts
  const base = { operation: call.operation, ...(call.host ? { host: call.host } : {}) }
  const e = (typeof error === 'object' && error !== null ? error : {}) as SdkLikeError
  const name = typeof e.name === 'string' ? e.name : ''
  const status = typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : undefined
  // Node's SDK handler names a dropped connection ("socket hang up", ECONNRESET) a TimeoutError too: only
  // our own deadline or a real wait (no connection error code, or ETIMEDOUT) is a timeout.
  const dropped = typeof e.code === 'string' && NETWORK_CODES.has(e.code) && e.code !== 'ETIMEDOUT'
  if (call.timedOut || (name === 'TimeoutError' && !dropped)) {
    return { ...base, kind: 'timeout', ...(call.timeoutSeconds ? { timeoutSeconds: call.timeoutSeconds } : {}) }
  }
  // A service exception: the SDK parsed <Error><Code> from the body (its name is the code).
  // AWS's codes are short words; anything else (a hostile or broken endpoint echoing data) is not quoted.
  const code =
    typeof e.Code === 'string'
      ? STS_CODE.test(e.Code) && scrub(e.Code, call.secrets ?? []) === e.Code
        ? e.Code
        : 'UnrecognisedError'
      : undefined
  if (code && status !== undefined) {
    const message = typeof e.message === 'string' ? capped(scrub(e.message, call.secrets ?? [])) : undefined
    return {
      ...base,
      kind: 'aws-error',
      stsCode: code,
      httpStatus: status,
      ...(message && message !== 'UnknownError' ? { awsMessage: message } : {}),
    }
  }
  if (isNetworkError(e, name)) return { ...base, kind: 'network' }
  if (status !== undefined) {
    // The SDK could not read the body. Its parse error text may quote the body, which can hold credentials:
    // keep only the status.
    return { ...base, kind: status >= 200 && status < 300 ? 'bad-response' : 'http', httpStatus: status }
  }
  if (name === 'AbortError') return { ...base, kind: 'timeout' }
  return { ...base, kind: 'bad-response' }
}

function isNetworkError(e: SdkLikeError, name: string): boolean {
  const codes = [e.code, (e.cause as SdkLikeError | undefined)?.code]
  if (codes.some((c) => typeof c === 'string' && NETWORK_CODES.has(c))) return true
  // fetch rejects with a TypeError for every network failure: "Failed to fetch" (Chromium), "NetworkError when
  // attempting to fetch resource." (Firefox), "fetch failed" (Node).
  return name === 'TypeError' && typeof e.message === 'string' && /fetch|network/i.test(e.message)
}
