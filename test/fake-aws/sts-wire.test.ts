// STS at the HTTP level: real botocore-signed requests replayed verbatim, tokens added after signing, GET
// requests, the SDK's own clock 6 minutes off, and the per-action counters.
import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GetCallerIdentityCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts'
import { stsSignedVectors } from './conformance-vectors'
import { manualClock, startFakeAws, type FakeAws } from './index'
import { keysOf, NodeSha256, rawStsCall, sdkClient, stsFailure } from './sts-client'
import { ALICE_KEY, testOrg } from './test-org'
import { child, parseXml } from './xml-tree'
import { SignatureV4 } from '@smithy/signature-v4'
import { SIGNATURE_MISMATCH_MESSAGE } from './sigv4-verify'
import { sha256Hex } from './sigv4-canonical'

const clock = manualClock(Date.now())
let fake: FakeAws
beforeAll(async () => {
  fake = await startFakeAws({ fixture: testOrg, now: clock.now, testApi: true })
})
afterAll(() => fake.close())

/** Sends exactly these headers (including Host) and body, as node:http allows and fetch does not. */
function sendVerbatim(
  url: string,
  method: string,
  target: string,
  headers: ReadonlyArray<readonly [string, string]>,
  body: string,
) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const u = new URL(url)
    const req = request(
      { host: u.hostname, port: u.port, method, path: target, headers: Object.fromEntries(headers), setHost: false },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }))
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

const errorCode = (body: string) => child(parseXml(body), 'Error', 'Code')?.text

describe('botocore-signed requests replayed over HTTP', () => {
  const vectors = stsSignedVectors()
  it.each(vectors.map((v) => [v.name, v] as const))('%s passes SigV4 and reaches the operation', async (_name, v) => {
    clock.set(v.nowMs)
    const got = await sendVerbatim(
      fake.url,
      v.request.method,
      v.request.target,
      v.request.headers,
      String(v.request.body),
    )
    // Signature accepted: what remains is the operation's own answer (MFA codes and tokens in the vectors are made up).
    expect(['SignatureDoesNotMatch', 'IncompleteSignature', 'MissingAuthenticationToken']).not.toContain(
      errorCode(got.body),
    )
    if (v.sessionToken !== null) expect(errorCode(got.body)).toBe('InvalidClientTokenId')
    else if (v.operation === 'GetCallerIdentity')
      expect(child(parseXml(got.body), 'GetCallerIdentityResult', 'Arn')!.text).toBe(
        'arn:aws:iam::111111111111:user/alice',
      )
    else if (v.operation === 'GetFederationToken') expect(got.status).toBe(200)
    else expect(errorCode(got.body)).toBe('AccessDenied')
  })

  it('refuses them once the clock has moved 6 minutes', async () => {
    const v = vectors[0]!
    clock.set(v.nowMs + 6 * 60_000)
    const got = await sendVerbatim(
      fake.url,
      v.request.method,
      v.request.target,
      v.request.headers,
      String(v.request.body),
    )
    expect(got.status).toBe(403)
    expect(child(parseXml(got.body), 'Error', 'Message')!.text).toBe(
      'Signature expired: 20150830T123600Z is now earlier than 20150830T123700Z (20150830T124200Z - 5 min.)',
    )
  })
})

describe('session tokens on the wire', () => {
  it('accepts X-Amz-Security-Token added after signing, and refuses a missing or wrong one', async () => {
    clock.set(Date.now())
    const session = keysOf((await sdkClient(fake.url, ALICE_KEY).send(new GetSessionTokenCommand({}))).Credentials)
    const ok = await rawStsCall(fake.url, { Action: 'GetCallerIdentity' }, session, { tokenUnsigned: true })
    expect(ok.status).toBe(200)
    const wrong = await rawStsCall(
      fake.url,
      { Action: 'GetCallerIdentity' },
      { ...session, sessionToken: 'A' + session.sessionToken!.slice(1) },
      { tokenUnsigned: true },
    )
    expect(errorCode(wrong.body)).toBe('InvalidClientTokenId')
  })
})

describe('other wire forms', () => {
  it('serves a signed GET with the parameters in the query', async () => {
    clock.set(Date.now())
    const u = new URL(fake.url)
    const signer = new SignatureV4({ service: 'sts', region: 'us-east-1', credentials: ALICE_KEY, sha256: NodeSha256 })
    const signed = await signer.sign({
      method: 'GET',
      protocol: 'http:',
      hostname: u.hostname,
      port: Number(u.port),
      path: '/',
      query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
      headers: { host: u.host },
    })
    const { host: _host, ...headers } = signed.headers
    const got = await fetch(`${fake.url}/?Action=GetCallerIdentity&Version=2011-06-15`, { headers })
    expect(got.status).toBe(200)
    expect(await got.text()).toContain('<Arn>arn:aws:iam::111111111111:user/alice</Arn>')
  })

  it('refuses a body signed as UNSIGNED-PAYLOAD (STS hashes the body itself), and takes a declared hash that is right', async () => {
    clock.set(Date.now())
    const body = new URLSearchParams({ Version: '2011-06-15', Action: 'GetCallerIdentity' }).toString()
    const unsigned = await rawStsCall(fake.url, { Action: 'GetCallerIdentity' }, ALICE_KEY, {
      headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
    })
    expect([
      unsigned.status,
      errorCode(unsigned.body),
      child(parseXml(unsigned.body), 'Error', 'Message')?.text,
    ]).toEqual([403, 'SignatureDoesNotMatch', SIGNATURE_MISMATCH_MESSAGE])
    const declared = await rawStsCall(fake.url, { Action: 'GetCallerIdentity' }, ALICE_KEY, {
      headers: { 'x-amz-content-sha256': sha256Hex(body) },
    })
    expect(declared.status).toBe(200)
  })

  it('answers an unknown action with InvalidAction', async () => {
    clock.set(Date.now())
    const got = await rawStsCall(fake.url, { Action: 'AssumeRoleWithSAML' }, ALICE_KEY)
    expect([got.status, errorCode(got.body)]).toEqual([400, 'InvalidAction'])
  })

  it('keeps the 5-minute window in real time: the SDK with a clock 6 minutes slow is refused', async () => {
    clock.set(Date.now())
    const failure = await stsFailure(
      sdkClient(fake.url, ALICE_KEY, 'us-east-1', -6 * 60_000).send(new GetCallerIdentityCommand({})),
    )
    expect(failure).toMatchObject({
      name: 'SignatureDoesNotMatch',
      message: expect.stringMatching(/^Signature expired: \d{8}T\d{6}Z is now earlier than/),
    })
  })
})

describe('counters and the test API', () => {
  it('counts every STS call per action, refused ones included, and resets', async () => {
    clock.set(Date.now())
    fake.resetCounts()
    const client = sdkClient(fake.url, ALICE_KEY)
    await client.send(new GetCallerIdentityCommand({}))
    await client.send(new GetSessionTokenCommand({}))
    await stsFailure(client.send(new GetSessionTokenCommand({ DurationSeconds: 1 })))
    expect(fake.counts()).toMatchObject({ GetCallerIdentity: 1, GetSessionToken: 2, AssumeRole: 0, getSigninToken: 0 })
    expect(fake.failedCounts()).toMatchObject({ GetSessionToken: 1, GetCallerIdentity: 0 })
    const overHttp = await (await fetch(`${fake.url}/__test/counts`)).json()
    expect(overHttp).toEqual({ calls: fake.counts(), failures: fake.failedCounts() })
    await fetch(`${fake.url}/__test/counts/reset`, { method: 'POST' })
    expect(Object.values(fake.counts()).every((n) => n === 0)).toBe(true)
  })

  it('reads TOTP codes and changes the time scale over HTTP', async () => {
    clock.set(Date.now())
    const serial = 'arn:aws:iam::111111111111:mfa/alice'
    const codes = (await (
      await fetch(`${fake.url}/__test/totp?serial=${encodeURIComponent(serial)}`)
    ).json()) as Record<string, string>
    expect(codes).toMatchObject({ current: fake.totp(serial), next: fake.totpNext(serial), unused: fake.totp(serial) })
    expect((await fetch(`${fake.url}/__test/totp?serial=nope`)).status).toBe(404)
    const set = await fetch(`${fake.url}/__test/time-scale`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'timeScale=0.5',
    })
    expect(await set.json()).toEqual({ timeScale: 0.5 })
    expect(fake.timeScale()).toBe(0.5)
    fake.setTimeScale(1)
  })

  it('serves no test API unless asked to', async () => {
    const plain = await startFakeAws({ fixture: testOrg })
    try {
      expect((await fetch(`${plain.url}/__test/counts`)).status).toBe(404)
    } finally {
      await plain.close()
    }
  })
})
