// The session-policy grammar: what AWS accepts as the Policy of AssumeRole/GetFederationToken, and the
// MalformedPolicyDocument message for each way to break it — directly and through the AWS SDK.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AssumeRoleCommand, GetFederationTokenCommand } from '@aws-sdk/client-sts'
import { startFakeAws, type FakeAws } from './index'
import {
  POLICY_LEGACY,
  POLICY_NO_ACTIONS,
  POLICY_NO_RESOURCES,
  POLICY_NOT_JSON,
  POLICY_PRINCIPAL,
  POLICY_SID_UNIQUE,
  POLICY_SYNTAX,
  sessionPolicyProblem,
} from './sts/session-policy'
import { sdkClient, stsFailure } from './sts-client'
import { ALICE_KEY, ROLES, testOrg } from './test-org'

const statement = (s: Record<string, unknown>) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', ...s }] })
const without = (key: string) => {
  const s: Record<string, unknown> = { Effect: 'Allow', Action: '*', Resource: '*' }
  delete s[key]
  return JSON.stringify({ Version: '2012-10-17', Statement: [s] })
}

export const WELL_FORMED: Array<[string, string]> = [
  [
    'allow-all (aws-vault, granted, Rolecall)',
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
  ],
  [
    'one statement as an object, no Version',
    '{"Statement":{"Effect":"Deny","Action":["s3:*","ec2:*"],"Resource":["arn:aws:s3:::b","arn:aws:s3:::b/*"]}}',
  ],
  [
    'Version 2008-10-17, Id, Sid, Condition',
    JSON.stringify({
      Version: '2008-10-17',
      Id: 'p1',
      Statement: [
        {
          Sid: 'A',
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: '*',
          Condition: { Bool: { 'aws:SecureTransport': 'true' }, NumericLessThan: { 's3:max-keys': 10 } },
        },
      ],
    }),
  ],
  [
    'NotAction and NotResource',
    statement({ Action: undefined, NotAction: 'iam:*', Resource: undefined, NotResource: 'arn:aws:iam::*:*' }),
  ],
  ['whitespace before the object', '  \n{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}'],
  [
    'two statements with different Sids',
    JSON.stringify({
      Statement: [
        { Sid: 'a', Effect: 'Allow', Action: '*', Resource: '*' },
        { Sid: 'b', Effect: 'Deny', Action: 'iam:*', Resource: '*' },
      ],
    }),
  ],
]

export const MALFORMED: Array<[string, string, string]> = [
  ['not JSON at all', 'invalid policy', POLICY_NOT_JSON],
  ['a closing brace', '}', POLICY_NOT_JSON],
  ['a JSON array', '[]', POLICY_NOT_JSON],
  ['a JSON string', '"x"', POLICY_NOT_JSON],
  ['an object that is not JSON', "{'json':'but not what AWS wants}", POLICY_SYNTAX],
  ['an empty object', '{}', POLICY_SYNTAX],
  ['an empty Statement list', '{"Version":"2012-10-17","Statement":[]}', POLICY_SYNTAX],
  ['a Statement that is a string', '{"Statement":"x"}', POLICY_SYNTAX],
  ['a statement that is not an object', '{"Statement":["x"]}', POLICY_SYNTAX],
  ['an unknown Version', statement({}).replace('2012-10-17', '2024-01-01'), POLICY_SYNTAX],
  [
    'an unknown top-level element',
    JSON.stringify({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }], Extra: 1 }),
    POLICY_SYNTAX,
  ],
  ['an unknown statement element', statement({ Effects: 'Allow' }), POLICY_SYNTAX],
  ['no Effect', without('Effect'), POLICY_SYNTAX],
  ['Effect: Permit', statement({ Effect: 'Permit' }), POLICY_SYNTAX],
  ['Effect as a list', statement({ Effect: ['Allow'] }), POLICY_SYNTAX],
  ['Action and NotAction', statement({ NotAction: 's3:*' }), POLICY_SYNTAX],
  ['Resource and NotResource', statement({ NotResource: 'arn:aws:s3:::b' }), POLICY_SYNTAX],
  ['an Action that is a number', statement({ Action: 5 }), POLICY_SYNTAX],
  ['a Resource list holding an object', statement({ Resource: [{}] }), POLICY_SYNTAX],
  ['a Condition that is a string', statement({ Condition: 'x' }), POLICY_SYNTAX],
  ['a Condition block that is a list', statement({ Condition: { StringEquals: ['x'] } }), POLICY_SYNTAX],
  ['a Sid that is a number', statement({ Sid: 1 }), POLICY_SYNTAX],
  ['Effect in the wrong case', statement({ Effect: 'allow' }), POLICY_LEGACY],
  [
    'the same Sid twice',
    JSON.stringify({
      Statement: [
        { Sid: 'a', Effect: 'Allow', Action: '*', Resource: '*' },
        { Sid: 'a', Effect: 'Deny', Action: 'iam:*', Resource: '*' },
      ],
    }),
    POLICY_SID_UNIQUE,
  ],
  ['a Principal', statement({ Principal: { AWS: '*' } }), POLICY_PRINCIPAL],
  ['a NotPrincipal', statement({ NotPrincipal: '*' }), POLICY_PRINCIPAL],
  ['no Action', without('Action'), POLICY_NO_ACTIONS],
  ['an empty Action list', statement({ Action: [] }), POLICY_NO_ACTIONS],
  ['no Resource', without('Resource'), POLICY_NO_RESOURCES],
  ['an empty Resource list', statement({ Resource: [] }), POLICY_NO_RESOURCES],
]

describe('the grammar', () => {
  it.each(WELL_FORMED)('accepts %s', (_name, text) => {
    expect(sessionPolicyProblem(text)).toBeUndefined()
  })

  it.each(MALFORMED)('refuses %s', (_name, text, message) => {
    expect(sessionPolicyProblem(text)).toMatchObject({
      code: 'MalformedPolicyDocument',
      status: 400,
      message,
      type: 'Sender',
    })
  })
})

describe('through the AWS SDK for JavaScript', () => {
  let fake: FakeAws
  beforeAll(async () => {
    fake = await startFakeAws({ fixture: testOrg })
  })
  afterAll(() => fake.close())

  it('AssumeRole and GetFederationToken refuse each malformed Policy with MalformedPolicyDocument', async () => {
    const sts = sdkClient(fake.url, ALICE_KEY)
    for (const [name, Policy, message] of MALFORMED) {
      expect(await stsFailure(sts.send(new GetFederationTokenCommand({ Name: 'alice', Policy }))), name).toEqual({
        name: 'MalformedPolicyDocumentException',
        message,
        status: 400,
      })
    }
    expect(
      await stsFailure(
        sts.send(new AssumeRoleCommand({ RoleArn: ROLES.readOnly, RoleSessionName: 'pp', Policy: '{}' })),
      ),
    ).toEqual({ name: 'MalformedPolicyDocumentException', message: POLICY_SYNTAX, status: 400 })
    expect(fake.state.credentials.all()).toHaveLength(0)
  })

  it('and issue credentials for each well-formed one', async () => {
    const sts = sdkClient(fake.url, ALICE_KEY)
    for (const [name, Policy] of WELL_FORMED) {
      const out = await sts.send(new GetFederationTokenCommand({ Name: 'alice', Policy }))
      expect(out.PackedPolicySize, name).toBeGreaterThan(0)
    }
    await expect(
      sts.send(new AssumeRoleCommand({ RoleArn: ROLES.readOnly, RoleSessionName: 'pp', Policy: WELL_FORMED[2]![1] })),
    ).resolves.toBeDefined()
  })
})
