// Console federation (docs/aws-protocol.md §1.2–1.4): exchange temporary credentials for a sign-in token, build the
// Action=login URL, and the logout-then-login URL that switches a browser's console identity in one hop.
// Every URL built here carries a session or a sign-in token: never log it, never put it in a message.
import { withDeadline } from './deadline'
import { AwsCallError, factsOf } from './errors'
import { consoleOrigin, isConsoleUrl, type CustomEndpoints, type Partition } from './partition'
import { hostOf, type AwsCredentials } from './sts'

export interface SigninTokenRequest {
  /** The federation endpoint, e.g. https://signin.aws.amazon.com/federation */
  endpoint: string
  /** Console session length, 900–43200 s. Only for an AssumeRole made with long-term keys (§5 point 2). */
  sessionDuration?: number
}

/** The sign-in port a login uses; `createFetchSignin` is the real one. */
export interface SigninApi {
  getSigninToken(credentials: AwsCredentials, request: SigninTokenRequest): Promise<string>
}

export interface FetchSigninOptions {
  fetch?: typeof fetch
  /** Default 10 s. */
  timeoutMs?: number
}

export function createFetchSignin(options: FetchSigninOptions = {}): SigninApi {
  return { getSigninToken: (credentials, request) => getSigninToken(credentials, { ...request, ...options }) }
}

/** Step 1: GET …/federation?Action=getSigninToken[&SessionDuration=n]&Session=<JSON>, answer {"SigninToken": …}. */
export async function getSigninToken(
  credentials: AwsCredentials,
  request: SigninTokenRequest & FetchSigninOptions,
): Promise<string> {
  if (!credentials.sessionToken) {
    // Long-term keys are refused by the endpoint (Bad Request); fail clearly before sending them anywhere.
    throw new AwsCallError({
      operation: 'getSigninToken',
      kind: 'http',
      httpStatus: 400,
      host: hostOf(request.endpoint),
    })
  }
  const session = JSON.stringify({
    sessionId: credentials.accessKeyId,
    sessionKey: credentials.secretAccessKey,
    sessionToken: credentials.sessionToken,
  })
  const duration = request.sessionDuration ? `&SessionDuration=${Math.floor(request.sessionDuration)}` : ''
  const url = `${request.endpoint}?Action=getSigninToken${duration}&Session=${encodeURIComponent(session)}`
  const host = hostOf(request.endpoint)
  const timeoutMs = request.timeoutMs ?? 10_000
  const { response, body } = await withDeadline(
    timeoutMs,
    async (signal) => {
      const response = await (request.fetch ?? fetch)(url, {
        signal,
        credentials: 'omit',
        cache: 'no-store',
        redirect: 'error',
      })
      return { response, body: await response.text() }
    },
    (error, timedOut) =>
      new AwsCallError(
        factsOf(error, { operation: 'getSigninToken', host, timedOut, timeoutSeconds: Math.round(timeoutMs / 1000) }),
      ),
  )
  if (response.status !== 200)
    throw new AwsCallError({ operation: 'getSigninToken', kind: 'http', httpStatus: response.status, host })
  const token = signinTokenOf(body)
  if (!token) throw new AwsCallError({ operation: 'getSigninToken', kind: 'bad-response', httpStatus: 200, host })
  return token
}

function signinTokenOf(body: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body)
    const token =
      typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>).SigninToken : undefined
    return typeof token === 'string' && token.length > 0 ? token : undefined
  } catch {
    return undefined
  }
}

export interface LoginUrlParts {
  endpoint: string
  /** A URL Rolecall recognises (sessions.ts issuerUrl): the console's "session expired" page links to it. */
  issuer: string
  destination: string
  signinToken: string
}

/** Step 2: valid for 15 minutes; treat it as a secret. */
export function loginUrl(parts: LoginUrlParts): string {
  return (
    `${parts.endpoint}?Action=login&Issuer=${encodeURIComponent(parts.issuer)}` +
    `&Destination=${encodeURIComponent(parts.destination)}&SigninToken=${encodeURIComponent(parts.signinToken)}`
  )
}

/**
 * Logs the browser's console identity out and lands on the new login in one navigation, so a tab or container
 * holding another identity never shows AWS's "You must first log out" page (§1.4). On AWS's commercial
 * partition both hosts must be us-east-1.signin (janus-app); other partitions and custom endpoints keep their
 * own host.
 */
export function logoutThenLoginUrl(parts: LoginUrlParts): string {
  const endpoint = new URL(parts.endpoint)
  if (endpoint.hostname === 'signin.aws.amazon.com' || endpoint.hostname.endsWith('.signin.aws.amazon.com')) {
    endpoint.hostname = 'us-east-1.signin.aws.amazon.com'
  }
  const login = loginUrl({ ...parts, endpoint: endpoint.href })
  const logout = new URL(endpoint.href)
  logout.pathname = logout.pathname.replace(/\/federation\/?$/, '') + '/oauth'
  return `${logout.origin}${logout.pathname}?Action=logout&redirect_uri=${encodeURIComponent(login)}`
}

/**
 * The Destination of a login: the profile region's console home, a console path (`ec2/home`, `s3/buckets`),
 * or a full console URL (a tab's last page, kept unchanged).
 */
export function consoleDestination(
  region: string,
  partition: Partition,
  custom?: CustomEndpoints,
  path?: string,
): string {
  if (path && /^https?:\/\//i.test(path)) {
    if (isConsoleUrl(path, custom)) return path
    throw new Error('A console destination must be a page of the AWS console.')
  }
  const origin = consoleOrigin(partition, region, custom)
  const page = (path ?? 'console/home').replace(/^\/+/, '')
  const url = new URL(`${origin}/${page}`)
  if (!url.searchParams.has('region')) url.searchParams.set('region', region)
  return url.href
}
