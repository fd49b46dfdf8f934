// Debian's botocore (python3-botocore, /usr/bin/python3) makes live signed calls to the stand-in.
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CASES_DIR } from './conformance-vectors'
import { startFakeAws, type FakeAws } from './index'
import type { Keys } from './sts-client'
import { ALICE_KEY, ALICE_MFA, ROLES, testOrg, wrongTotp } from './test-org'
import { INVALID_REGION_MESSAGE } from './sigv4-verify'
import { POLICY_NO_RESOURCES, POLICY_NOT_JSON, POLICY_SYNTAX } from './sts/session-policy'

const SCRIPT = path.join(import.meta.dirname, 'botocore-client.py')
type Result =
  | { ok: true; response: Record<string, any> }
  | { ok: false; status: number; error: { Type: string; Code: string; Message: string } }

let fake: FakeAws
beforeAll(async () => {
  fake = await startFakeAws({ fixture: testOrg })
})
afterAll(() => fake.close())

interface Call {
  operation: string
  params?: Record<string, unknown>
  credentials: Keys
  /** Per call: the endpoint_url and region botocore signs for. */
  endpoint?: string
  region?: string
  /** Sign for `endpoint` (an AWS host name) but send to this host:port, keeping the signed Host header. */
  connect_to?: string
  /** Sign with x-amz-content-sha256: UNSIGNED-PAYLOAD, as botocore does for S3. */
  unsigned_payload?: boolean
}

function botocore(calls: Call[], region = 'eu-west-1') {
  return new Promise<{ botocore: string; results: Result[] }>((resolve, reject) => {
    const child = execFile(
      '/usr/bin/python3',
      [SCRIPT],
      {
        // No ~/.aws files or environment credentials of this machine may leak into the run.
        env: {
          PATH: '/usr/bin:/bin',
          AWS_CONFIG_FILE: '/dev/null',
          AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
          HOME: '/nonexistent',
          NO_PROXY: '127.0.0.1',
        },
        timeout: 60_000,
      },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout)),
    )
    child.stdin!.end(JSON.stringify({ endpoint: fake.url, region, calls }))
  })
}

const keysFrom = (r: Result | undefined): Keys => {
  if (!r?.ok) throw new Error(`call failed: ${JSON.stringify(r)}`)
  const c = r.response.Credentials as { AccessKeyId: string; SecretAccessKey: string; SessionToken: string }
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken }
}

const referenceError = (code: string, messageStart: string) => {
  const cases = JSON.parse(readFileSync(path.join(CASES_DIR, 'sts-responses.json'), 'utf8')) as {
    errors: Array<{ botocore_parsed_error: { Code: string; Message: string } }>
  }
  return cases.errors.find(
    (c) => c.botocore_parsed_error.Code === code && c.botocore_parsed_error.Message.startsWith(messageStart),
  )!.botocore_parsed_error
}

describe('botocore against the stand-in', () => {
  it('makes signed calls of all four operations that succeed', async () => {
    const first = await botocore([
      { operation: 'get_caller_identity', credentials: ALICE_KEY },
      {
        operation: 'get_session_token',
        params: { DurationSeconds: 900, SerialNumber: ALICE_MFA.serial, TokenCode: fake.totp(ALICE_MFA.serial) },
        credentials: ALICE_KEY,
      },
      {
        operation: 'assume_role',
        params: {
          RoleArn: ROLES.admin,
          RoleSessionName: 'botocore',
          SerialNumber: ALICE_MFA.serial,
          TokenCode: fake.totpNext(ALICE_MFA.serial),
        },
        credentials: ALICE_KEY,
      },
      {
        operation: 'get_federation_token',
        params: {
          Name: 'alice',
          Policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
        },
        credentials: ALICE_KEY,
      },
    ])
    expect(first.botocore).toMatch(/^1\./)
    const [identity, session, role, federated] = first.results
    expect(identity).toEqual({
      ok: true,
      response: {
        UserId: expect.stringMatching(/^AIDA/),
        Account: '111111111111',
        Arn: 'arn:aws:iam::111111111111:user/alice',
      },
    })
    expect(role).toMatchObject({
      ok: true,
      response: { AssumedRoleUser: { Arn: 'arn:aws:sts::123456789012:assumed-role/Admin/botocore' } },
    })
    expect(federated).toMatchObject({
      ok: true,
      response: { FederatedUser: { Arn: 'arn:aws:sts::111111111111:federated-user/alice' } },
    })

    // AWS-sized session tokens (over 1,000 characters) come through botocore's parser whole...
    for (const issued of [session, role, federated]) expect(keysFrom(issued).sessionToken!.length).toBeGreaterThan(1000)
    // ...and the issued credentials work from botocore too (session token in X-Amz-Security-Token, signed).
    const second = await botocore(
      [
        { operation: 'get_caller_identity', credentials: keysFrom(session) },
        { operation: 'get_caller_identity', credentials: keysFrom(role) },
        { operation: 'get_caller_identity', credentials: keysFrom(federated) },
      ],
      'us-east-1',
    )
    expect(second.results.map((r) => r.ok && r.response.Arn)).toEqual([
      'arn:aws:iam::111111111111:user/alice',
      'arn:aws:sts::123456789012:assumed-role/Admin/botocore',
      'arn:aws:sts::111111111111:federated-user/alice',
    ])
  })

  it('fails with SignatureDoesNotMatch when its secret is wrong', async () => {
    const { results } = await botocore([
      {
        operation: 'get_caller_identity',
        credentials: { ...ALICE_KEY, secretAccessKey: ALICE_KEY.secretAccessKey.replace(/^w/, 'W') },
      },
    ])
    expect(results[0]).toEqual({
      ok: false,
      status: 403,
      error: { Type: 'Sender', ...referenceError('SignatureDoesNotMatch', 'The request signature') },
    })
  })

  it("parses the stand-in's errors exactly as it parsed AWS's", async () => {
    const session = keysFrom((await botocore([{ operation: 'get_session_token', credentials: ALICE_KEY }])).results[0])
    const { results } = await botocore([
      {
        operation: 'assume_role',
        params: {
          RoleArn: ROLES.admin,
          RoleSessionName: 'botocore',
          SerialNumber: ALICE_MFA.serial,
          TokenCode: wrongTotp(ALICE_MFA.secret, Date.now()),
        },
        credentials: ALICE_KEY,
      },
      {
        operation: 'assume_role',
        params: { RoleArn: ROLES.readOnly, RoleSessionName: 'botocore', DurationSeconds: 7200 },
        credentials: session,
      },
      { operation: 'get_federation_token', params: { Name: 'alice' }, credentials: session },
      {
        operation: 'get_caller_identity',
        credentials: { accessKeyId: 'AKIANOSUCHKEY0000000', secretAccessKey: ALICE_KEY.secretAccessKey },
      },
    ])
    expect(results[0]).toEqual({
      ok: false,
      status: 403,
      error: { Type: 'Sender', ...referenceError('AccessDenied', 'MultiFactorAuthentication failed with invalid') },
    })
    expect(results[1]).toEqual({
      ok: false,
      status: 400,
      error: {
        Type: 'Sender',
        ...referenceError('ValidationError', 'The requested DurationSeconds exceeds the 1 hour'),
      },
    })
    expect(results[2]).toEqual({
      ok: false,
      status: 403,
      error: { Type: 'Sender', ...referenceError('AccessDenied', 'Cannot call GetFederationToken') },
    })
    expect(results[3]).toEqual({
      ok: false,
      status: 403,
      error: { Type: 'Sender', ...referenceError('InvalidClientTokenId', 'The security token') },
    })
  })
})

describe('botocore: the signing region against the endpoint', () => {
  const identity = { operation: 'get_caller_identity', credentials: ALICE_KEY }
  const refused = {
    ok: false,
    status: 403,
    error: { Type: 'Sender', Code: 'SignatureDoesNotMatch', Message: INVALID_REGION_MESSAGE },
  }

  it("is checked at the stand-in's own address: any region AWS has, not an invented one", async () => {
    const { results } = await botocore([
      { ...identity, region: 'eu-west-2' },
      { ...identity, region: 'cn-north-1' },
      { ...identity, region: 'moon-1' },
    ])
    expect(results[0]).toMatchObject({ ok: true, response: { Account: '111111111111' } })
    expect(results[1]).toMatchObject({ ok: true })
    expect(results[2]).toEqual(refused)
  })

  it("is checked exactly at a region's endpoint (/region/<r>)", async () => {
    const { results } = await botocore([
      { ...identity, endpoint: fake.stsEndpointFor('eu-west-1'), region: 'eu-west-1' },
      { ...identity, endpoint: fake.stsEndpointFor('eu-west-1'), region: 'eu-west-2' },
    ])
    expect(results[0]).toMatchObject({ ok: true })
    expect(results[1]).toEqual(refused)
  })

  it('is checked exactly behind AWS host names (regional and global), read from the Host header', async () => {
    const via = (host: string, region: string): Call => ({
      ...identity,
      endpoint: `http://${host}:${fake.port}`,
      connect_to: `127.0.0.1:${fake.port}`,
      region,
    })
    const { results } = await botocore([
      via('sts.eu-west-1.amazonaws.com', 'eu-west-1'),
      via('sts.eu-west-1.amazonaws.com', 'eu-west-2'),
      via('sts.amazonaws.com', 'us-east-1'),
      via('sts.amazonaws.com', 'eu-west-1'),
      via('sts.cn-north-1.amazonaws.com.cn', 'cn-north-1'),
    ])
    expect(results.map((r) => r.ok)).toEqual([true, false, true, false, true])
    expect(results[1]).toEqual(refused)
    expect(results[3]).toEqual(refused)
  })
})

describe('botocore: the payload hash', () => {
  it('signing STS with UNSIGNED-PAYLOAD (as botocore does for S3) is a signature mismatch', async () => {
    const { results } = await botocore([
      { operation: 'get_caller_identity', credentials: ALICE_KEY, unsigned_payload: true },
      { operation: 'get_caller_identity', credentials: ALICE_KEY },
    ])
    expect(results[0]).toEqual({
      ok: false,
      status: 403,
      error: { Type: 'Sender', ...referenceError('SignatureDoesNotMatch', 'The request signature') },
    })
    expect(results[1]).toMatchObject({ ok: true })
  })
})

describe('botocore: session policies', () => {
  it('a malformed Policy gets MalformedPolicyDocument (400) on both operations; a well-formed one gets credentials', async () => {
    const noResource = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*"}]}'
    const permit = '{"Version":"2012-10-17","Statement":[{"Effect":"Permit","Action":"*","Resource":"*"}]}'
    const allowAll = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}'
    const federation = (Policy: string): Call => ({
      operation: 'get_federation_token',
      params: { Name: 'alice', Policy },
      credentials: ALICE_KEY,
    })
    const { results } = await botocore([
      federation('{}'),
      federation('[]'),
      federation(noResource),
      federation(permit),
      federation('not json'),
      {
        operation: 'assume_role',
        params: { RoleArn: ROLES.readOnly, RoleSessionName: 'botocore', Policy: noResource },
        credentials: ALICE_KEY,
      },
      federation(allowAll),
      {
        operation: 'assume_role',
        params: { RoleArn: ROLES.readOnly, RoleSessionName: 'botocore', Policy: allowAll },
        credentials: ALICE_KEY,
      },
    ])
    const malformed = (Message: string) => ({
      ok: false,
      status: 400,
      error: { Type: 'Sender', Code: 'MalformedPolicyDocument', Message },
    })
    expect(results.slice(0, 6)).toEqual([
      malformed(POLICY_SYNTAX),
      malformed(POLICY_NOT_JSON),
      malformed(POLICY_NO_RESOURCES),
      malformed(POLICY_SYNTAX),
      malformed(POLICY_NOT_JSON),
      malformed(POLICY_NO_RESOURCES),
    ])
    // The reference envelope for a JSON failure, parsed by botocore from AWS-shaped XML, says the same.
    expect(referenceError('MalformedPolicyDocument', 'The policy')).toMatchObject({
      Code: 'MalformedPolicyDocument',
      Message: POLICY_NOT_JSON,
    })
    expect(results[6]).toMatchObject({
      ok: true,
      response: { FederatedUser: { Arn: 'arn:aws:sts::111111111111:federated-user/alice' } },
    })
    expect(results[7]).toMatchObject({ ok: true, response: { PackedPolicySize: expect.any(Number) } })
  })
})
