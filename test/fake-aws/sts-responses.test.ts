// ../shared/cases/sts-responses.json: for each AWS error there, the stand-in, driven into the same situation,
// answers with the same status, envelope and Type/Code/Message; its success bodies have the same shapes.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CASES_DIR } from './conformance-vectors'
import { manualClock, startFakeAws, type FakeAws } from './index'
import { rawStsCall, type Keys } from './sts-client'
import { ALICE_KEY, ALICE_MFA, BOB_KEY, ROLES, testOrg, wrongTotp } from './test-org'
import { child, outline, parseXml } from './xml-tree'
import { STS_NAMESPACE } from './xml'

interface ResponseCase {
  operation: string
  http_status: number
  body: string
  botocore_parsed_error?: { Type: string; Code: string; Message: string }
}
const cases = JSON.parse(readFileSync(path.join(CASES_DIR, 'sts-responses.json'), 'utf8')) as {
  success: ResponseCase[]
  errors: ResponseCase[]
}

const clock = manualClock(Date.now())
let fake: FakeAws
const call = (params: Record<string, string>, keys: Keys = ALICE_KEY, region?: string) =>
  rawStsCall(fake.url, params, keys, { ...(region ? { region } : {}), signingDate: new Date(clock.now()) })
const code = () => fake.totp(ALICE_MFA.serial)
const wrongCode = () => wrongTotp(ALICE_MFA.secret, clock.now())

async function issued(params: Record<string, string>): Promise<Keys> {
  const credentials = child(parseXml((await call(params)).body), `${params.Action}Result`, 'Credentials')!
  const get = (name: string) => child(credentials, name)!.text
  return { accessKeyId: get('AccessKeyId'), secretAccessKey: get('SecretAccessKey'), sessionToken: get('SessionToken') }
}

/** How to bring the stand-in to each error of the case file, keyed by code and the start of the message. */
const scenarios: Array<{ code: string; message: RegExp; run: () => Promise<{ status: number; body: string }> }> = [
  {
    code: 'AccessDenied',
    message: /^MultiFactorAuthentication failed with invalid/,
    run: () =>
      call({
        Action: 'AssumeRole',
        RoleArn: ROLES.admin,
        RoleSessionName: 'alice',
        SerialNumber: ALICE_MFA.serial,
        TokenCode: wrongCode(),
      }),
  },
  {
    code: 'AccessDenied',
    message: /^MultiFactorAuthentication failed, unable to validate/,
    run: () => call({ Action: 'GetSessionToken', SerialNumber: ALICE_MFA.serial, TokenCode: '123456' }, BOB_KEY),
  },
  {
    code: 'AccessDenied',
    message: /^MultiFactorAuthentication failed, must provide both/,
    run: () =>
      call({ Action: 'AssumeRole', RoleArn: ROLES.admin, RoleSessionName: 'alice', SerialNumber: ALICE_MFA.serial }),
  },
  {
    code: 'AccessDenied',
    message: /^User: .* is not authorized to perform: sts:AssumeRole/,
    run: () => call({ Action: 'AssumeRole', RoleArn: ROLES.admin, RoleSessionName: 'alice' }),
  },
  {
    code: 'AccessDenied',
    message: /^Cannot call GetSessionToken/,
    run: async () => call({ Action: 'GetSessionToken' }, await issued({ Action: 'GetSessionToken' })),
  },
  {
    code: 'AccessDenied',
    message: /^Cannot call GetFederationToken/,
    run: async () => call({ Action: 'GetFederationToken', Name: 'alice' }, await issued({ Action: 'GetSessionToken' })),
  },
  {
    code: 'ValidationError',
    message: /role chaining/,
    run: async () =>
      call(
        { Action: 'AssumeRole', RoleArn: ROLES.readOnly, RoleSessionName: 'alice', DurationSeconds: '7200' },
        await issued({ Action: 'GetSessionToken' }),
      ),
  },
  {
    code: 'ValidationError',
    message: /MaxSessionDuration/,
    run: () =>
      call({ Action: 'AssumeRole', RoleArn: ROLES.readOnly, RoleSessionName: 'alice', DurationSeconds: '7200' }),
  },
  {
    code: 'ValidationError',
    message: /^1 validation error detected: Value 'x' at 'roleSessionName'/,
    run: () => call({ Action: 'AssumeRole', RoleArn: ROLES.readOnly, RoleSessionName: 'x' }),
  },
  {
    code: 'ExpiredToken',
    message: /expired/,
    run: async () => {
      const keys = await issued({ Action: 'GetSessionToken', DurationSeconds: '900' })
      clock.advance(901_000)
      return call({ Action: 'AssumeRole', RoleArn: ROLES.readOnly, RoleSessionName: 'alice' }, keys)
    },
  },
  {
    code: 'InvalidClientTokenId',
    message: /invalid/,
    run: () =>
      call(
        { Action: 'GetCallerIdentity' },
        { accessKeyId: 'AKIANOSUCHKEY0000000', secretAccessKey: ALICE_KEY.secretAccessKey },
      ),
  },
  {
    code: 'SignatureDoesNotMatch',
    message: /^The request signature/,
    run: () =>
      call(
        { Action: 'GetCallerIdentity' },
        { ...ALICE_KEY, secretAccessKey: 'x' + ALICE_KEY.secretAccessKey.slice(1) },
      ),
  },
  {
    code: 'SignatureDoesNotMatch',
    message: /^Signature expired/,
    run: () => {
      // The case's own instants: signed at 12:36:00, received at 12:46:00.
      clock.set('2015-08-30T12:46:00Z')
      return rawStsCall(fake.url, { Action: 'GetCallerIdentity' }, ALICE_KEY, {
        signingDate: new Date('2015-08-30T12:36:00Z'),
      })
    },
  },
  {
    code: 'RegionDisabledException',
    message: /./,
    run: () => call({ Action: 'AssumeRole', RoleArn: ROLES.readOnly, RoleSessionName: 'bob' }, BOB_KEY, 'ap-east-1'),
  },
  // Text that is not a JSON object at all (ansible amazon.aws's integration test sends exactly this to AWS).
  {
    code: 'MalformedPolicyDocument',
    message: /./,
    run: () => call({ Action: 'GetFederationToken', Name: 'alice', Policy: 'invalid policy' }),
  },
  {
    code: 'PackedPolicyTooLarge',
    message: /./,
    run: () => {
      const tags = Object.fromEntries(
        Array.from({ length: 10 }, (_, i) => [
          [`Tags.member.${i + 1}.Key`, `k${i}`.padEnd(128, 'k')],
          [`Tags.member.${i + 1}.Value`, 'v'.repeat(256)],
        ]).flat(),
      )
      return call({ Action: 'AssumeRole', RoleArn: ROLES.readOnly, RoleSessionName: 'alice', ...tags })
    },
  },
  {
    code: 'MissingAuthenticationToken',
    message: /./,
    run: async () => {
      const response = await fetch(fake.url + '/', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'Action=GetCallerIdentity&Version=2011-06-15',
      })
      return { status: response.status, body: await response.text() }
    },
  },
]

beforeAll(async () => {
  fake = await startFakeAws({ fixture: testOrg, now: clock.now })
})
afterAll(() => fake.close())

describe.each(
  cases.errors.map(
    (c) =>
      [`${c.operation} ${c.botocore_parsed_error!.Code}: ${c.botocore_parsed_error!.Message.slice(0, 60)}`, c] as const,
  ),
)('%s', (_, expected) => {
  it('is answered with the same status, envelope and Type/Code/Message', async () => {
    const want = expected.botocore_parsed_error!
    const scenario = scenarios.find((s) => s.code === want.Code && s.message.test(want.Message))
    expect(scenario, 'a scenario for this case').toBeDefined()
    clock.set(Date.now())
    clock.advance(90_000) // a fresh TOTP step
    const got = await scenario!.run()
    const doc = parseXml(got.body)
    const reference = parseXml(expected.body)
    expect(got.status).toBe(expected.http_status)
    expect(outline(doc)).toBe(outline(reference))
    expect(doc.attributes).toEqual({ xmlns: STS_NAMESPACE })
    expect({
      Type: child(doc, 'Error', 'Type')!.text,
      Code: child(doc, 'Error', 'Code')!.text,
      Message: child(doc, 'Error', 'Message')!.text,
    }).toEqual(want)
    expect(child(doc, 'RequestId')!.text).toMatch(/^[0-9a-f-]{36}$/)
  })
})

describe('success bodies', () => {
  const requests: Record<string, () => Promise<{ status: number; body: string }>> = {
    AssumeRole: () =>
      call({
        Action: 'AssumeRole',
        RoleArn: ROLES.admin,
        RoleSessionName: 'alice@example.com',
        SerialNumber: ALICE_MFA.serial,
        TokenCode: code(),
        SourceIdentity: 'alice',
        Policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
      }),
    GetSessionToken: () => call({ Action: 'GetSessionToken' }),
    GetFederationToken: () =>
      call({
        Action: 'GetFederationToken',
        Name: 'alice',
        Policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
      }),
    GetCallerIdentity: () => call({ Action: 'GetCallerIdentity' }),
  }
  it.each(cases.success.map((c) => [c.operation, c] as const))(
    '%s has the shape of the reference',
    async (operation, expected) => {
      clock.set(Date.now())
      clock.advance(90_000)
      const got = await requests[operation]!()
      expect(got.status).toBe(200)
      expect(outline(parseXml(got.body))).toBe(outline(parseXml(expected.body)))
      expect(parseXml(got.body).attributes).toEqual({ xmlns: STS_NAMESPACE })
    },
  )
})
