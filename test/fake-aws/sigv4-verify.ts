// A SigV4 verifier written from the spec (docs/aws-protocol.md §3), independent of any SDK's signer. The server uses
// it step by step (parse → clock → credentials → signature) so each failure carries AWS's code and message.
import { createHmac, timingSafeEqual } from 'node:crypto'
import { amzDate, parseAmzDate } from './clock'
import { canonicalRequest, headerValue, parseQuery, sha256Hex, splitTarget, type WireRequest } from './sigv4-canonical'

export type { WireRequest } from './sigv4-canonical'

export const MAX_SKEW_MS = 5 * 60 * 1000
const ALGORITHM = 'AWS4-HMAC-SHA256'

export interface SigV4Auth {
  accessKeyId: string
  scopeDate: string
  region: string
  service: string
  terminator: string
  signedHeaders: string[]
  signature: string
  amzDate: string
  signedAtMs: number
  /** Query-string (presigned) signing rather than the Authorization header. */
  presigned: boolean
  expiresSeconds?: number
  /** X-Amz-Security-Token from the header or query, whether or not it was signed. */
  sessionToken?: string
}

export interface SigV4Failure {
  ok: false
  code: 'MissingAuthenticationToken' | 'IncompleteSignature' | 'SignatureDoesNotMatch'
  status: 400 | 403
  message: string
}

const fail = (code: SigV4Failure['code'], message: string, status: 400 | 403 = 403): SigV4Failure => ({
  ok: false,
  code,
  status,
  message,
})

export const SIGNATURE_MISMATCH_MESSAGE =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret ' +
  'Access Key and signing method. Consult the service documentation for details.'

/** What the credential scope must name; absent members are checked for shape only. */
export interface ScopeExpectation {
  service?: string
  /** Whether the endpoint takes this region (STS: sts/endpoint.ts); without it any `[a-z0-9-]+` passes. */
  region?: (region: string) => boolean
}

/** Since ~2022 AWS words a refused scope region this way (README.md); before, it ended ", not '<region>'. ". */
export const INVALID_REGION_MESSAGE = 'Credential should be scoped to a valid region. '

/**
 * Step 1: read the Authorization header (or presigned query) and check its shape and scope. Every wrong part
 * of the scope is reported in one message, region first, then service, terminator and date, as AWS does
 * (DynamoDB's answer to a scope of 'a/b/c/d/e', recorded in mhart/dynalite's index.js).
 */
export function parseSigV4(req: WireRequest, expect: ScopeExpectation = {}): SigV4Auth | SigV4Failure {
  const { query } = splitTarget(req.target)
  const queryParams = new Map(parseQuery(query).map((p) => [p.name, p.value]))
  const header = headerValue(req.headers, 'authorization')
  const presigned = header === undefined && queryParams.has('X-Amz-Signature')
  let credential: string | undefined
  let signedHeaders: string | undefined
  let signature: string | undefined
  let date: string | undefined
  let expiresSeconds: number | undefined

  if (presigned) {
    if (queryParams.get('X-Amz-Algorithm') !== ALGORITHM)
      return fail(
        'IncompleteSignature',
        `Unsupported AWS 'algorithm': '${queryParams.get('X-Amz-Algorithm') ?? ''}'`,
        400,
      )
    credential = queryParams.get('X-Amz-Credential')
    signedHeaders = queryParams.get('X-Amz-SignedHeaders')
    signature = queryParams.get('X-Amz-Signature')
    date = queryParams.get('X-Amz-Date')
    const expires = queryParams.get('X-Amz-Expires')
    if (expires !== undefined) {
      if (!/^\d+$/.test(expires))
        return fail('IncompleteSignature', `X-Amz-Expires must be a number of seconds, got '${expires}'`, 400)
      expiresSeconds = Number(expires)
    }
  } else {
    if (header === undefined) return fail('MissingAuthenticationToken', 'Request is missing Authentication Token')
    const space = header.indexOf(' ')
    const algorithm = space < 0 ? header : header.slice(0, space)
    if (algorithm !== ALGORITHM) return fail('IncompleteSignature', `Unsupported AWS 'algorithm': '${algorithm}'`, 400)
    const fields = new Map<string, string>()
    for (const part of header.slice(space + 1).split(',')) {
      const eq = part.indexOf('=')
      if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim())
    }
    credential = fields.get('Credential')
    signedHeaders = fields.get('SignedHeaders')
    signature = fields.get('Signature')
    const missing = ['Credential', 'Signature', 'SignedHeaders'].filter((f) => !fields.has(f))
    if (missing.length > 0) {
      return fail(
        'IncompleteSignature',
        missing.map((f) => `Authorization header requires '${f}' parameter.`).join(' ') + ` Authorization=${header}`,
        400,
      )
    }
    date = headerValue(req.headers, 'x-amz-date')
  }

  if (credential === undefined || signedHeaders === undefined || signature === undefined) {
    return fail('IncompleteSignature', 'Request is missing a SigV4 Credential, SignedHeaders or Signature.', 400)
  }
  if (date === undefined) {
    return fail(
      'IncompleteSignature',
      "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
      400,
    )
  }
  const signedAtMs = parseAmzDate(date)
  if (signedAtMs === undefined) {
    return fail(
      'IncompleteSignature',
      `Date must be in ISO-8601 'basic format'. Got '${date}'. See http://en.wikipedia.org/wiki/ISO_8601`,
      400,
    )
  }
  const scope = credential.split('/')
  if (scope.length !== 5)
    return fail(
      'IncompleteSignature',
      `Credential should be of the form <key>/<date>/<region>/<service>/aws4_request, got '${credential}'.`,
      400,
    )
  const [accessKeyId, scopeDate, region, service, terminator] = scope as [string, string, string, string, string]
  const scopeProblems: string[] = []
  if (!(expect.region ?? ((r: string) => /^[a-z0-9-]+$/.test(r)))(region)) scopeProblems.push(INVALID_REGION_MESSAGE)
  if (expect.service !== undefined && service !== expect.service)
    scopeProblems.push(`Credential should be scoped to correct service: '${expect.service}'. `)
  if (terminator !== 'aws4_request')
    scopeProblems.push(`Credential should be scoped with a valid terminator: 'aws4_request', not '${terminator}'. `)
  if (scopeDate !== date.slice(0, 8)) {
    scopeProblems.push(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${date.slice(0, 8)}', from '${date}'.`,
    )
  }
  if (scopeProblems.length > 0) return fail('SignatureDoesNotMatch', scopeProblems.join(''))
  const signedHeaderList = signedHeaders.split(';')
  // AWS refuses a signature that does not cover the Host header (it would let a request be replayed elsewhere).
  if (!signedHeaderList.includes('host')) {
    return fail('IncompleteSignature', "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.", 400)
  }
  const sessionToken = presigned
    ? queryParams.get('X-Amz-Security-Token')
    : headerValue(req.headers, 'x-amz-security-token')
  return {
    accessKeyId,
    scopeDate,
    region,
    service,
    terminator,
    signedHeaders: signedHeaderList,
    signature,
    amzDate: date,
    signedAtMs,
    presigned,
    ...(expiresSeconds !== undefined ? { expiresSeconds } : {}),
    ...(sessionToken !== undefined ? { sessionToken } : {}),
  }
}

/** Step 2: the request must be signed within 5 minutes of the server's clock (real time, never scaled). */
export function checkSigningTime(auth: SigV4Auth, nowMs: number): SigV4Failure | undefined {
  if (auth.presigned && auth.expiresSeconds !== undefined) {
    if (nowMs > auth.signedAtMs + auth.expiresSeconds * 1000) {
      return fail(
        'SignatureDoesNotMatch',
        `Signature expired: ${auth.amzDate} is now earlier than ${amzDate(nowMs - auth.expiresSeconds * 1000)} (${amzDate(nowMs)} - ${auth.expiresSeconds} sec.)`,
      )
    }
  } else if (auth.signedAtMs < nowMs - MAX_SKEW_MS) {
    return fail(
      'SignatureDoesNotMatch',
      `Signature expired: ${auth.amzDate} is now earlier than ${amzDate(nowMs - MAX_SKEW_MS)} (${amzDate(nowMs)} - 5 min.)`,
    )
  }
  if (auth.signedAtMs > nowMs + MAX_SKEW_MS) {
    return fail(
      'SignatureDoesNotMatch',
      `Signature not yet current: ${auth.amzDate} is still later than ${amzDate(nowMs + MAX_SKEW_MS)} (${amzDate(nowMs)} + 5 min.)`,
    )
  }
  return undefined
}

export function signingKey(secretAccessKey: string, auth: Pick<SigV4Auth, 'scopeDate' | 'region' | 'service'>): Buffer {
  const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest()
  return hmac(hmac(hmac(hmac('AWS4' + secretAccessKey, auth.scopeDate), auth.region), auth.service), 'aws4_request')
}

/**
 * How the payload enters the canonical request. 'declared' (S3's way, the default): the x-amz-content-sha256
 * header when present (UNSIGNED-PAYLOAD included), which must then equal the body's hash. 'body' (STS and the
 * other services without S3's unsigned-payload support): always the SHA-256 of the body as received; the header
 * is only a header, so a request signed with UNSIGNED-PAYLOAD fails as a plain signature mismatch.
 */
export type PayloadHashing = 'declared' | 'body'

/** The canonical request and string to sign, exposed so tests can compare them with the vectors' .creq/.sts. */
export function stringToSign(
  req: WireRequest,
  auth: SigV4Auth,
  payload: PayloadHashing = 'declared',
): { canonical: string; stringToSign: string } | SigV4Failure {
  const { path, query } = splitTarget(req.target)
  const bodyHash = sha256Hex(req.body)
  const declared = payload === 'declared' ? headerValue(req.headers, 'x-amz-content-sha256') : undefined
  if (declared !== undefined && declared !== 'UNSIGNED-PAYLOAD' && declared !== bodyHash) {
    return fail('SignatureDoesNotMatch', "The provided 'x-amz-content-sha256' header does not match what was computed.")
  }
  const canonical = canonicalRequest({
    method: req.method,
    path,
    query,
    headers: req.headers,
    signedHeaders: auth.signedHeaders,
    payloadHash: declared ?? bodyHash,
    ...(auth.presigned ? { omitFromQuery: new Set(['X-Amz-Signature']) } : {}),
  })
  const scope = `${auth.scopeDate}/${auth.region}/${auth.service}/${auth.terminator}`
  return { canonical, stringToSign: [ALGORITHM, auth.amzDate, scope, sha256Hex(canonical)].join('\n') }
}

/** Step 4: recompute the signature with the caller's secret and compare in constant time. */
export function checkSignature(
  req: WireRequest,
  auth: SigV4Auth,
  secretAccessKey: string,
  payload: PayloadHashing = 'declared',
): SigV4Failure | undefined {
  const sts = stringToSign(req, auth, payload)
  if ('ok' in sts) return sts
  const expected = createHmac('sha256', signingKey(secretAccessKey, auth)).update(sts.stringToSign, 'utf8').digest()
  const given = /^[0-9a-f]{64}$/.test(auth.signature) ? Buffer.from(auth.signature, 'hex') : Buffer.alloc(0)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return fail('SignatureDoesNotMatch', SIGNATURE_MISMATCH_MESSAGE)
  }
  return undefined
}

/** All steps for a request whose secret is known (conformance vectors and tests). */
export function verifySigV4(
  req: WireRequest,
  options: {
    nowMs: number
    secretAccessKey: string
    service?: string
    region?: (region: string) => boolean
    payload?: PayloadHashing
  },
): { ok: true; auth: SigV4Auth } | SigV4Failure {
  const auth = parseSigV4(req, {
    ...(options.service !== undefined ? { service: options.service } : {}),
    ...(options.region ? { region: options.region } : {}),
  })
  if ('ok' in auth) return auth
  const failure =
    checkSigningTime(auth, options.nowMs) ?? checkSignature(req, auth, options.secretAccessKey, options.payload)
  return failure ?? { ok: true, auth }
}
