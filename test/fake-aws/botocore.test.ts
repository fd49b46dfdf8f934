// Debian's botocore (python3-botocore, /usr/bin/python3) makes live signed calls to the stand-in.
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CASES_DIR } from './conformance-vectors'
import { startFakeAws, type FakeAws } from './index'
import type { Keys } from './sts-client'
import { ALICE_KEY, ALICE_MFA, ROLES, testOrg, wrongTotp } from './test-org'

const SCRIPT = path.join(import.meta.dirname, 'botocore-client.py')
type Result = { ok: true; response: Record<string, any> } | { ok: false; status: number; error: { Type: string; Code: string; Message: string } }

let fake: FakeAws
beforeAll(async () => { fake = await startFakeAws({ fixture: testOrg }) })
afterAll(() => fake.close())

function botocore(calls: Array<{ operation: string; params?: Record<string, unknown>; credentials: Keys }>, region = 'eu-west-1') {
  return new Promise<{ botocore: string; results: Result[] }>((resolve, reject) => {
    const child = execFile('/usr/bin/python3', [SCRIPT], {
      // No ~/.aws files or environment credentials of this machine may leak into the run.
      env: { PATH: '/usr/bin:/bin', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null', HOME: '/nonexistent', NO_PROXY: '127.0.0.1' },
      timeout: 60_000,
    }, (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout))))
    child.stdin!.end(JSON.stringify({ endpoint: fake.url, region, calls }))
  })
}

const keysFrom = (r: Result | undefined): Keys => {
  if (!r?.ok) throw new Error(`call failed: ${JSON.stringify(r)}`)
  const c = r.response.Credentials as { AccessKeyId: string; SecretAccessKey: string; SessionToken: string }
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken }
}

const referenceError = (code: string, messageStart: string) => {
  const cases = JSON.parse(readFileSync(path.join(CASES_DIR, 'sts-responses.json'), 'utf8')) as { errors: Array<{ botocore_parsed_error: { Code: string; Message: string } }> }
  return cases.errors.find((c) => c.botocore_parsed_error.Code === code && c.botocore_parsed_error.Message.startsWith(messageStart))!.botocore_parsed_error
}

describe('botocore against the stand-in', () => {
  it('makes signed calls of all four operations that succeed', async () => {
    const first = await botocore([
      { operation: 'get_caller_identity', credentials: ALICE_KEY },
      { operation: 'get_session_token', params: { DurationSeconds: 900, SerialNumber: ALICE_MFA.serial, TokenCode: fake.totp(ALICE_MFA.serial) }, credentials: ALICE_KEY },
      { operation: 'assume_role', params: { RoleArn: ROLES.admin, RoleSessionName: 'botocore', SerialNumber: ALICE_MFA.serial, TokenCode: fake.totpNext(ALICE_MFA.serial) }, credentials: ALICE_KEY },
      { operation: 'get_federation_token', params: { Name: 'alice', Policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}' }, credentials: ALICE_KEY },
    ])
    expect(first.botocore).toMatch(/^1\./)
    const [identity, session, role, federated] = first.results
    expect(identity).toEqual({ ok: true, response: { UserId: expect.stringMatching(/^AIDA/), Account: '111111111111', Arn: 'arn:aws:iam::111111111111:user/alice' } })
    expect(role).toMatchObject({ ok: true, response: { AssumedRoleUser: { Arn: 'arn:aws:sts::123456789012:assumed-role/Admin/botocore' } } })
    expect(federated).toMatchObject({ ok: true, response: { FederatedUser: { Arn: 'arn:aws:sts::111111111111:federated-user/alice' } } })

    // The issued credentials work from botocore too (session token in X-Amz-Security-Token, signed).
    const second = await botocore([
      { operation: 'get_caller_identity', credentials: keysFrom(session) },
      { operation: 'get_caller_identity', credentials: keysFrom(role) },
      { operation: 'get_caller_identity', credentials: keysFrom(federated) },
    ], 'us-east-1')
    expect(second.results.map((r) => r.ok && r.response.Arn)).toEqual([
      'arn:aws:iam::111111111111:user/alice',
      'arn:aws:sts::123456789012:assumed-role/Admin/botocore',
      'arn:aws:sts::111111111111:federated-user/alice',
    ])
  })

  it('fails with SignatureDoesNotMatch when its secret is wrong', async () => {
    const { results } = await botocore([{ operation: 'get_caller_identity', credentials: { ...ALICE_KEY, secretAccessKey: ALICE_KEY.secretAccessKey.replace(/^w/, 'W') } }])
    expect(results[0]).toEqual({ ok: false, status: 403, error: { Type: 'Sender', ...referenceError('SignatureDoesNotMatch', 'The request signature') } })
  })

  it("parses the stand-in's errors exactly as it parsed AWS's", async () => {
    const session = keysFrom((await botocore([{ operation: 'get_session_token', credentials: ALICE_KEY }])).results[0])
    const { results } = await botocore([
      { operation: 'assume_role', params: { RoleArn: ROLES.admin, RoleSessionName: 'botocore', SerialNumber: ALICE_MFA.serial, TokenCode: wrongTotp(ALICE_MFA.secret, Date.now()) }, credentials: ALICE_KEY },
      { operation: 'assume_role', params: { RoleArn: ROLES.readOnly, RoleSessionName: 'botocore', DurationSeconds: 7200 }, credentials: session },
      { operation: 'get_federation_token', params: { Name: 'alice' }, credentials: session },
      { operation: 'get_caller_identity', credentials: { accessKeyId: 'AKIANOSUCHKEY0000000', secretAccessKey: ALICE_KEY.secretAccessKey } },
    ])
    expect(results[0]).toEqual({ ok: false, status: 403, error: { Type: 'Sender', ...referenceError('AccessDenied', 'MultiFactorAuthentication failed with invalid') } })
    expect(results[1]).toEqual({ ok: false, status: 400, error: { Type: 'Sender', ...referenceError('ValidationError', 'The requested DurationSeconds exceeds the 1 hour') } })
    expect(results[2]).toEqual({ ok: false, status: 403, error: { Type: 'Sender', ...referenceError('AccessDenied', 'Cannot call GetFederationToken') } })
    expect(results[3]).toEqual({ ok: false, status: 403, error: { Type: 'Sender', ...referenceError('InvalidClientTokenId', 'The security token') } })
  })
})
