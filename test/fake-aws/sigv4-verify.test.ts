// The verifier against material nobody here wrote: botocore's and aws-c-auth's SigV4 suites and 20 real
// botocore-signed STS requests — each accepted as published, each rejected after any signed part changes.
import { describe, expect, it } from 'vitest'
import {
  botocoreRawSignedRequests,
  botocoreVectors,
  crtVectors,
  stsSignedVectors,
  type SigV4Vector,
} from './conformance-vectors'
import { createHmac } from 'node:crypto'
import {
  parseSigV4,
  SIGNATURE_MISMATCH_MESSAGE,
  signingKey,
  stringToSign,
  verifySigV4,
  type SigV4Auth,
  type WireRequest,
} from './sigv4-verify'
import { amzDate, parseAmzDate } from './clock'

const vectors: SigV4Vector[] = [...botocoreVectors(), ...crtVectors(), ...stsSignedVectors()]
const verify = (v: SigV4Vector, request: WireRequest = v.request, nowMs = v.nowMs) =>
  verifySigV4(request, { nowMs, secretAccessKey: v.secretAccessKey })

const isPresigned = (r: WireRequest) => /[?&]X-Amz-Signature=/.test(r.target)
const withHeader = (r: WireRequest, name: string, edit: (v: string) => string): WireRequest => ({
  ...r,
  headers: r.headers.map(([n, v]) => [n, n.toLowerCase() === name ? edit(v) : v] as const),
})
const withQueryParam = (r: WireRequest, name: string, edit: (v: string) => string): WireRequest => ({
  ...r,
  target: r.target.replace(new RegExp(`([?&]${name}=)([^&]*)`), (_, k: string, v: string) => k + edit(v)),
})
const withAuthorization = (r: WireRequest, edit: (v: string) => string): WireRequest =>
  isPresigned(r) ? r : withHeader(r, 'authorization', edit)
const nextSecond = (date: string) => amzDate(parseAmzDate(date)! + 1000)
/** The request with its Authorization signature recomputed for what it now says (the canonical payload as declared). */
function withSignature(r: WireRequest, auth: SigV4Auth, secret: string): WireRequest {
  const sts = stringToSign(r, auth)
  if ('ok' in sts) throw new Error(sts.message)
  const signature = createHmac('sha256', signingKey(secret, auth)).update(sts.stringToSign).digest('hex')
  return withHeader(r, 'authorization', (a) => a.replace(/Signature=[0-9a-f]{64}/, `Signature=${signature}`))
}
const flipHex = (sig: string) => sig.slice(0, -1) + (sig.endsWith('0') ? '1' : '0')

describe('SigV4 conformance material', () => {
  it('has every vector family present', () => {
    expect(botocoreVectors().length).toBeGreaterThanOrEqual(10)
    expect(crtVectors().length).toBeGreaterThanOrEqual(6)
    expect(stsSignedVectors()).toHaveLength(20)
  })
})

describe.each(vectors.map((v) => [v.name, v] as const))('%s', (_name, v) => {
  it('is accepted with the clock frozen at its signing time', () => {
    const result = verify(v)
    expect(result).toMatchObject({ ok: true })
  })

  it('produces the published canonical request and string to sign', () => {
    if (v.canonicalRequest === undefined) return
    const auth = parseSigV4(v.request)
    if ('ok' in auth) throw new Error(auth.message)
    const computed = stringToSign(v.request, auth)
    if ('ok' in computed) throw new Error(computed.message)
    expect(computed.canonical).toBe(v.canonicalRequest)
    expect(computed.stringToSign).toBe(v.stringToSign)
  })

  it('is rejected after a body byte changes', () => {
    const body = String(v.request.body)
    const changed = body === '' ? 'x' : (body[0] === 'A' ? 'B' : 'A') + body.slice(1)
    expect(verify(v, { ...v.request, body: changed })).toMatchObject({ ok: false, code: 'SignatureDoesNotMatch' })
  })

  it('is rejected after any signed header value changes', () => {
    const auth = parseSigV4(v.request)
    if ('ok' in auth) throw new Error(auth.message)
    for (const name of auth.signedHeaders) {
      const present = v.request.headers.some(([n]) => n.toLowerCase() === name)
      const mutated = present
        ? withHeader(v.request, name, (value) => (name === 'x-amz-date' ? nextSecond(value) : value + 'x'))
        : withQueryParam(v.request, name === 'x-amz-date' ? 'X-Amz-Date' : name, nextSecond)
      expect(verify(v, mutated), name).toMatchObject({ ok: false, code: 'SignatureDoesNotMatch' })
    }
  })

  it('is still accepted when an unsigned header is added or changed', () => {
    const request = { ...v.request, headers: [...v.request.headers, ['User-Agent', 'not-signed/1.0'] as const] }
    expect(verify(v, request)).toMatchObject({ ok: true })
  })

  it('is rejected after the date changes', () => {
    const mutated = isPresigned(v.request)
      ? withQueryParam(v.request, 'X-Amz-Date', nextSecond)
      : withHeader(v.request, 'x-amz-date', nextSecond)
    expect(verify(v, mutated)).toMatchObject({ ok: false, code: 'SignatureDoesNotMatch' })
  })

  it('is rejected after the scope changes (region, date, service)', () => {
    const edits: Array<(scope: string) => string> = [
      (s) => s.replace(/\/([a-z0-9-]+)\/([a-z0-9]+)\/aws4_request/, '/eu-central-2/$2/aws4_request'),
      (s) => s.replace(/\/2015083\d\//, '/20150831/'),
      (s) => s.replace(/\/([a-z0-9]+)\/aws4_request/, '/iam/aws4_request'),
    ]
    for (const edit of edits) {
      const mutated = isPresigned(v.request)
        ? withQueryParam(v.request, 'X-Amz-Credential', (c) => encodeURIComponent(edit(decodeURIComponent(c))))
        : withAuthorization(v.request, (a) =>
            a.replace(/Credential=([^,]+)/, (_, c: string) => `Credential=${edit(c)}`),
          )
      expect(verify(v, mutated)).toMatchObject({ ok: false, code: 'SignatureDoesNotMatch' })
    }
  })

  it('is rejected after the signature changes', () => {
    const mutated = isPresigned(v.request)
      ? withQueryParam(v.request, 'X-Amz-Signature', flipHex)
      : withAuthorization(v.request, (a) =>
          a.replace(/Signature=([0-9a-f]+)/, (_, s: string) => `Signature=${flipHex(s)}`),
        )
    expect(verify(v, mutated)).toMatchObject({
      ok: false,
      code: 'SignatureDoesNotMatch',
      message: expect.stringMatching(/^The request signature we calculated/),
    })
  })

  it('is rejected with a wrong secret', () => {
    expect(
      verifySigV4(v.request, { nowMs: v.nowMs, secretAccessKey: v.secretAccessKey.replace(/.$/, '!') }),
    ).toMatchObject({ ok: false, code: 'SignatureDoesNotMatch' })
  })

  it('is rejected when the clock is 6 minutes off', () => {
    const sixMinutes = 6 * 60 * 1000
    // A server clock 6 minutes behind sees a request from the future.
    expect(verify(v, v.request, v.nowMs - sixMinutes)).toMatchObject({
      ok: false,
      code: 'SignatureDoesNotMatch',
      message: expect.stringMatching(/^Signature not yet current: /),
    })
    if (isPresigned(v.request)) {
      // A presigned URL stays valid for its X-Amz-Expires (3600 s here), so 6 minutes later is still fine; past it, not.
      expect(verify(v, v.request, v.nowMs + sixMinutes)).toMatchObject({ ok: true })
      expect(verify(v, v.request, v.nowMs + 3600_000 + sixMinutes)).toMatchObject({
        ok: false,
        message: expect.stringMatching(/^Signature expired: /),
      })
    } else {
      expect(verify(v, v.request, v.nowMs + sixMinutes)).toMatchObject({
        ok: false,
        code: 'SignatureDoesNotMatch',
        message: expect.stringMatching(/^Signature expired: /),
      })
    }
  })
})

describe('skew message', () => {
  it("uses AWS's exact wording", () => {
    const [v] = stsSignedVectors()
    const result = verify(v!, v!.request, Date.parse('2015-08-30T12:46:00Z'))
    expect(result).toEqual({
      ok: false,
      code: 'SignatureDoesNotMatch',
      status: 403,
      message: 'Signature expired: 20150830T123600Z is now earlier than 20150830T124100Z (20150830T124600Z - 5 min.)',
    })
  })

  it('accepts a request signed exactly 5 minutes ago', () => {
    const [v] = stsSignedVectors()
    expect(verify(v!, v!.request, v!.nowMs + 5 * 60 * 1000)).toMatchObject({ ok: true })
  })
})

describe('session tokens', () => {
  it('reads X-Amz-Security-Token whether it was signed or added after signing', () => {
    const tokenVectors = vectors.filter((v) =>
      v.request.headers.some(([n]) => n.toLowerCase() === 'x-amz-security-token'),
    )
    expect(tokenVectors.map((v) => v.name)).toEqual(
      expect.arrayContaining(['botocore/post-sts-header-after', 'botocore/post-sts-header-before']),
    )
    for (const v of tokenVectors) {
      const result = verify(v)
      expect(result.ok && result.auth.sessionToken).toMatch(/^(AQoD|6e86|[A-Za-z0-9])/)
    }
  })

  it('rejects a changed token only where the token was signed', () => {
    const [after] = botocoreVectors().filter((v) => v.name === 'botocore/post-sts-header-after')
    const [before] = botocoreVectors().filter((v) => v.name === 'botocore/post-sts-header-before')
    const edit = (r: WireRequest) => withHeader(r, 'x-amz-security-token', (t) => 'B' + t.slice(1))
    expect(verify(after!, edit(after!.request))).toMatchObject({ ok: true })
    expect(verify(before!, edit(before!.request))).toMatchObject({ ok: false, code: 'SignatureDoesNotMatch' })
  })

  it('reads the token from a presigned query', () => {
    const v = crtVectors().find((c) => c.name === 'crt/get-vanilla-with-session-token/query')!
    const result = verify(v)
    expect(result.ok && result.auth.sessionToken).toBe(
      '6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267',
    )
  })
})

describe('published .sreq files', () => {
  it('verify exactly when their Authorization equals the reference .authz', () => {
    const raw = botocoreRawSignedRequests()
    expect(raw.some((r) => !r.matchesAuthz)).toBe(true) // upstream ships one .sreq with a garbled signature
    for (const r of raw) {
      const result = verifySigV4(r.request, {
        nowMs: Date.parse('2015-08-30T12:36:00Z'),
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
      })
      expect(result.ok, r.name).toBe(r.matchesAuthz)
    }
  })
})

describe('request shape', () => {
  const [v] = stsSignedVectors()
  it('asks for authentication when nothing is signed', () => {
    const request = { ...v!.request, headers: v!.request.headers.filter(([n]) => n !== 'Authorization') }
    expect(verify(v!, request)).toMatchObject({
      ok: false,
      code: 'MissingAuthenticationToken',
      message: 'Request is missing Authentication Token',
    })
  })

  it('refuses a signature that does not cover Host', () => {
    const request = withHeader(v!.request, 'authorization', (a) =>
      a.replace('content-type;host;x-amz-date', 'content-type;x-amz-date'),
    )
    expect(verify(v!, request)).toMatchObject({ ok: false, code: 'IncompleteSignature' })
  })

  it('checks the service when asked to', () => {
    expect(
      verifySigV4(v!.request, { nowMs: v!.nowMs, secretAccessKey: v!.secretAccessKey, service: 'sts' }),
    ).toMatchObject({ ok: true })
    expect(
      verifySigV4(v!.request, { nowMs: v!.nowMs, secretAccessKey: v!.secretAccessKey, service: 'iam' }),
    ).toMatchObject({ ok: false, message: "Credential should be scoped to correct service: 'iam'. " })
  })

  it('checks the region when asked to, and reports every wrong part of the scope in one message, region first', () => {
    const options = { nowMs: v!.nowMs, secretAccessKey: v!.secretAccessKey }
    expect(verifySigV4(v!.request, { ...options, region: (r) => r === 'us-east-1' })).toMatchObject({ ok: true })
    expect(verifySigV4(v!.request, { ...options, region: (r) => r === 'eu-west-1' })).toMatchObject({
      ok: false,
      status: 403,
      code: 'SignatureDoesNotMatch',
      message: 'Credential should be scoped to a valid region. ',
    })
    const scrambled = withHeader(v!.request, 'authorization', (a) =>
      a.replace('/20150830/us-east-1/sts/aws4_request', '/20150831/us-east-1/sts/aws5_request'),
    )
    expect(verifySigV4(scrambled, { ...options, service: 'iam', region: () => false })).toMatchObject({
      ok: false,
      code: 'SignatureDoesNotMatch',
      message:
        "Credential should be scoped to a valid region. Credential should be scoped to correct service: 'iam'. " +
        "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'. " +
        "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20150831' != '20150830', from '20150830T123600Z'.",
    })
  })

  it('hashes the body itself when told to (STS), so UNSIGNED-PAYLOAD no longer verifies', () => {
    const payload = 'UNSIGNED-PAYLOAD'
    // Re-sign the vector's request with UNSIGNED-PAYLOAD in its canonical request, as an S3 client would.
    const request = withHeader(
      { ...v!.request, headers: [...v!.request.headers, ['X-Amz-Content-Sha256', payload]] },
      'authorization',
      (a) =>
        a.replace(
          'SignedHeaders=content-type;host;x-amz-date',
          'SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date',
        ),
    )
    const auth = parseSigV4(request)
    if ('ok' in auth) throw new Error('unparsable')
    const resigned = withSignature(request, auth, v!.secretAccessKey)
    const options = { nowMs: v!.nowMs, secretAccessKey: v!.secretAccessKey }
    expect(verifySigV4(resigned, options)).toMatchObject({ ok: true })
    expect(verifySigV4(resigned, { ...options, payload: 'body' })).toMatchObject({
      ok: false,
      status: 403,
      code: 'SignatureDoesNotMatch',
      message: SIGNATURE_MISMATCH_MESSAGE,
    })
  })
})
