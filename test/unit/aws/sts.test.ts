// Real STS response bodies (../shared/cases/sts-responses.json, each checked against botocore's parser) served
// to the real SDK client: success values come out typed, and every error becomes the right user-facing failure.
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { describeFailure } from '../../../src/core/aws/error-messages'
import { AwsCallError, type FailureCode } from '../../../src/core/aws/errors'
import { createSdkSts, type StsApi } from '../../../src/core/aws/sts'
import { startStsTestServer, type StsTestServer } from './sts-server'

interface Case {
  operation: string
  http_status: number
  body: string
  botocore_parsed?: Record<string, any>
  botocore_parsed_error?: { Code: string; Message: string }
}
const cases = JSON.parse(readFileSync('../shared/cases/sts-responses.json', 'utf8')) as {
  success: Case[]
  errors: Case[]
}

const BASE = { accessKeyId: 'AKIAEXAMPLEEXAMPLE01', secretAccessKey: 'base/secret+KEY/0123456789abcdefghijklmn' }
const SESSION = {
  accessKeyId: 'ASIAEXAMPLEEXAMPLE02',
  secretAccessKey: 'session/secret+KEY/0123456789abcdefghij',
  sessionToken: 'FwoGZXIvYXdzEXAMPLE//TOKEN+value=',
}

let server: StsTestServer
let sts: StsApi
beforeAll(async () => {
  server = await startStsTestServer()
  sts = createSdkSts({ timeoutMs: 2000 })
})
afterAll(() => server.close())

const at = () => ({ region: 'eu-west-1', endpoint: server.endpoint })

async function callFor(operation: string): Promise<unknown> {
  switch (operation) {
    case 'AssumeRole':
      return sts.assumeRole(at(), SESSION, {
        roleArn: 'arn:aws:iam::123456789012:role/Admin',
        roleSessionName: 'alice',
        serialNumber: 'arn:aws:iam::111111111111:mfa/alice',
        tokenCode: '246810',
      })
    case 'GetSessionToken':
      return sts.getSessionToken(at(), BASE, {
        durationSeconds: 43200,
        serialNumber: 'arn:aws:iam::111111111111:mfa/alice',
        tokenCode: '135791',
      })
    case 'GetFederationToken':
      return sts.getFederationToken(at(), BASE, {
        name: 'alice',
        policy: '{"Version":"2012-10-17"}',
        durationSeconds: 3600,
      })
    default:
      return sts.getCallerIdentity(at(), BASE)
  }
}

async function failureOf(operation: string, context = {}) {
  const error = await callFor(operation).then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(AwsCallError)
  const facts = (error as AwsCallError).facts
  return {
    facts,
    failure: describeFailure(facts, { profile: 'prod-admin', baseProfile: 'alice', region: 'eu-west-1', ...context }),
  }
}

describe('STS success responses through the SDK', () => {
  it.each(cases.success.map((c) => [c.operation, c] as const))(
    '%s parses to the values botocore reads',
    async (operation, c) => {
      server.answer({ status: c.http_status, body: c.body })
      const result = (await callFor(operation)) as Record<string, any>
      const expected = c.botocore_parsed!
      if (expected.Credentials) {
        const credentials = result.credentials ?? result
        expect(credentials.accessKeyId).toBe(expected.Credentials.AccessKeyId)
        expect(credentials.secretAccessKey).toBe(expected.Credentials.SecretAccessKey)
        expect(credentials.sessionToken).toBe(expected.Credentials.SessionToken)
        expect(credentials.expiration.getTime()).toBe(Date.parse(expected.Credentials.Expiration.replace(' ', 'T')))
      }
      if (expected.AssumedRoleUser) expect(result.assumedRoleArn).toBe(expected.AssumedRoleUser.Arn)
      if (expected.FederatedUser) expect(result.federatedUserArn).toBe(expected.FederatedUser.Arn)
      if (operation === 'GetCallerIdentity')
        expect(result).toEqual({ account: expected.Account, arn: expected.Arn, userId: expected.UserId })
    },
  )

  it('sends the query-protocol parameters AWS expects, signed with the caller and its token', async () => {
    server.answer({ status: 200, body: cases.success[0]!.body })
    await sts.assumeRole(at(), SESSION, {
      roleArn: 'arn:aws:iam::123456789012:role/Admin',
      roleSessionName: 'alice@example.com',
      externalId: 'ext-1',
      durationSeconds: 3600,
      serialNumber: 'arn:aws:iam::111111111111:mfa/alice',
      tokenCode: '123456',
      sourceIdentity: 'alice',
      tags: { team: 'ops' },
      transitiveTagKeys: ['team'],
    })
    const { body, headers } = server.requests[0]!
    const params = new URLSearchParams(body)
    expect(params.get('Action')).toBe('AssumeRole')
    expect(params.get('Version')).toBe('2011-06-15')
    expect(params.get('RoleSessionName')).toBe('alice@example.com')
    expect(params.get('SerialNumber')).toBe('arn:aws:iam::111111111111:mfa/alice')
    expect(params.get('TokenCode')).toBe('123456')
    expect(params.get('ExternalId')).toBe('ext-1')
    expect(params.get('DurationSeconds')).toBe('3600')
    expect(params.get('SourceIdentity')).toBe('alice')
    expect(params.get('Tags.member.1.Key')).toBe('team')
    expect(params.get('TransitiveTagKeys.member.1')).toBe('team')
    expect(headers['x-amz-security-token']).toBe(SESSION.sessionToken)
    expect(String(headers.authorization)).toContain(`Credential=${SESSION.accessKeyId}/`)
    expect(String(headers.authorization)).toContain('/eu-west-1/sts/aws4_request')
  })

  it('sends no SerialNumber without a code, and no token header for base keys', async () => {
    server.answer({ status: 200, body: cases.success[1]!.body })
    await sts.getSessionToken(at(), BASE, { durationSeconds: 900 })
    const params = new URLSearchParams(server.requests[0]!.body)
    expect(params.has('SerialNumber')).toBe(false)
    expect(params.has('TokenCode')).toBe(false)
    expect(server.requests[0]!.headers['x-amz-security-token']).toBeUndefined()
  })
})

// What each observed/illustrative error of the cases must become (classification typed here; the bodies and
// codes come from the shared cases).
function expectedCode(c: Case): FailureCode {
  const { Code, Message } = c.botocore_parsed_error!
  if (/invalid MFA one time pass code|unable to validate MFA code/.test(Message)) return 'mfa-code-rejected'
  if (/must provide both MFA serial/.test(Message)) return 'mfa-not-configured'
  if (/with session credentials/.test(Message)) return 'needs-long-term-key'
  if (Code === 'AccessDenied' && c.operation === 'AssumeRole') return 'role-trust-denied'
  if (/DurationSeconds exceeds/.test(Message)) return 'duration-too-long'
  if (/^Signature expired/.test(Message)) return 'clock-skew'
  const byCode: Record<string, FailureCode> = {
    ValidationError: 'invalid-parameter',
    ExpiredToken: 'expired-credentials',
    InvalidClientTokenId: 'invalid-key-id',
    SignatureDoesNotMatch: 'signature-mismatch',
    RegionDisabledException: 'region-disabled',
    MalformedPolicyDocument: 'invalid-parameter',
    PackedPolicyTooLarge: 'invalid-parameter',
    MissingAuthenticationToken: 'signature-mismatch',
  }
  return byCode[Code]!
}

describe('STS error responses through the SDK', () => {
  it.each(
    cases.errors.map(
      (c) =>
        [
          `${c.operation} ${c.botocore_parsed_error!.Code}: ${c.botocore_parsed_error!.Message.slice(0, 50)}`,
          c,
        ] as const,
    ),
  )('%s', async (_, c) => {
    server.answer({ status: c.http_status, body: c.body })
    const { facts, failure } = await failureOf(c.operation, {
      mfaSerial: c.operation === 'GetCallerIdentity' ? undefined : 'arn:aws:iam::111111111111:mfa/alice',
      roleArn: 'arn:aws:iam::123456789012:role/Admin',
      caller: 'base-keys',
    })
    expect(facts.kind).toBe('aws-error')
    expect(facts.stsCode).toBe(c.botocore_parsed_error!.Code)
    expect(facts.httpStatus).toBe(c.http_status)
    expect(facts.awsMessage?.trim()).toBe(c.botocore_parsed_error!.Message.trim())
    expect(facts.host).toBe(new URL(server.endpoint).host)
    expect(failure.code).toBe(expectedCode(c))
    expect(failure.stsCode).toBe(c.botocore_parsed_error!.Code)
    expect(failure.needsNewMfaCode === true).toBe(failure.code === 'mfa-code-rejected')
    for (const secret of [BASE.secretAccessKey, SESSION.secretAccessKey, SESSION.sessionToken])
      expect(failure.message).not.toContain(secret)
    expect(failure.message.length).toBeGreaterThan(40)
  })

  it('turns the role-trust denial of a call without MFA into a hint to add mfa_serial', async () => {
    const denial = cases.errors.find((c) => /not authorized to perform: sts:AssumeRole/.test(c.body))!
    server.answer({ status: denial.http_status, body: denial.body })
    const { failure } = await failureOf('AssumeRole', {
      roleArn: 'arn:aws:iam::123456789012:role/Admin',
      hopProfile: 'prod-admin',
      caller: 'mfa-session',
    })
    expect(failure.message).toContain('arn:aws:iam::123456789012:role/Admin')
    expect(failure.message).toContain('trust policy')
    expect(failure.message).toContain('add mfa_serial')
  })

  it('says GetFederationToken cannot carry MFA when a policy denies it', async () => {
    server.answer({
      status: 403,
      body: '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: arn:aws:iam::123456789012:user/alice is not authorized to perform: sts:GetFederationToken on resource: arn:aws:sts::123456789012:federated-user/alice with an explicit deny</Message></Error><RequestId>1</RequestId></ErrorResponse>',
    })
    const { failure } = await failureOf('GetFederationToken')
    expect(failure.code).toBe('federation-needs-mfa')
    expect(failure.message).toMatch(/cannot carry MFA/)
    expect(failure.message).toMatch(/role profile with mfa_serial/)
  })

  it('gives the clock skew in minutes, behind or ahead', async () => {
    const skew = cases.errors.find((c) => /Signature expired/.test(c.body))!
    server.answer({ status: skew.http_status, body: skew.body })
    expect((await failureOf('GetCallerIdentity')).failure.message).toMatch(/about 10 minutes behind AWS's clock/)
    server.answer({
      status: 403,
      body: skew.body.replace(
        /Signature expired: .*?<\/Message>/,
        'Signature not yet current: 20150830T130000Z is still later than 20150830T125100Z (20150830T124600Z + 5 min.)</Message>',
      ),
    })
    expect((await failureOf('GetCallerIdentity')).failure.message).toMatch(/about 14 minutes ahead of AWS's clock/)
  })

  it('retries an HTTP 500 once for calls without MFA, then says it is on AWS side', async () => {
    server.answer({ status: 500, body: 'Internal Server Error' })
    const { facts, failure } = await failureOf('GetCallerIdentity')
    expect(server.requests).toHaveLength(2)
    expect(facts).toMatchObject({ kind: 'http', httpStatus: 500 })
    expect(failure).toMatchObject({ code: 'aws-server-error', retryable: true })
  })

  it('never retries a call that carries an MFA code (a replayed code would be refused)', async () => {
    server.answer({
      status: 500,
      body: '<ErrorResponse><Error><Type>Receiver</Type><Code>InternalFailure</Code><Message>oops</Message></Error></ErrorResponse>',
    })
    const { failure } = await failureOf('GetSessionToken')
    expect(server.requests).toHaveLength(1)
    expect(failure.code).toBe('aws-server-error')
  })

  it('reports a cut-off answer without quoting it (it may hold credentials)', async () => {
    const body = cases.success[1]!.body
    server.answer({ status: 200, body: body.slice(0, body.indexOf('</SecretAccessKey>') + 5) })
    const { facts, failure } = await failureOf('GetSessionToken')
    expect(facts.kind).toBe('bad-response')
    expect(facts.awsMessage).toBeUndefined()
    expect(failure.code).toBe('bad-response')
    expect(failure.message).not.toContain('wJalrXUtnFEMI')
  })

  it('reports a cut-off error body as an unreadable answer', async () => {
    server.answer({ status: 400, body: cases.errors[0]!.body.slice(0, 120) })
    const { facts, failure } = await failureOf('GetCallerIdentity')
    expect(facts).toMatchObject({ kind: 'http', httpStatus: 400 })
    expect(failure.code).toBe('bad-response')
  })

  it('treats a well-formed answer without credentials as unreadable', async () => {
    server.answer({
      status: 200,
      body: '<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult></AssumeRoleResult></AssumeRoleResponse>',
    })
    expect((await failureOf('AssumeRole')).failure.code).toBe('bad-response')
  })

  it('reports a timeout with its length', async () => {
    const slow = createSdkSts({ timeoutMs: 300 })
    server.answer({ status: 200, body: '', hang: true })
    const error = (await slow.getCallerIdentity(at(), BASE).catch((e: unknown) => e)) as AwsCallError
    expect(error.facts.kind).toBe('timeout')
    expect(describeFailure(error.facts).message).toMatch(/did not answer/)
  })

  it('reports a refused connection as the network being down', async () => {
    const closed = await startStsTestServer()
    const endpoint = closed.endpoint
    await closed.close()
    const error = (await sts
      .getCallerIdentity({ region: 'us-east-1', endpoint }, BASE)
      .catch((e: unknown) => e)) as AwsCallError
    expect(error.facts.kind).toBe('network')
    const failure = describeFailure(error.facts)
    expect(failure).toMatchObject({ code: 'network', retryable: true })
    expect(failure.message).toContain(new URL(endpoint).host)
  })
})
