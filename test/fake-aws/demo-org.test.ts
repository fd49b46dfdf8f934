// The demo organisation works end to end through the real SDK: every profile in the config it prints can
// be signed into the console the way Rolecall does it, and the fixture rejects malformed input clearly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  GetFederationTokenCommand,
  GetSessionTokenCommand,
} from '@aws-sdk/client-sts'
import { startFakeAws, type FakeAws } from './index'
import {
  DEMO_ACCESS_KEY_ID,
  DEMO_AWS_CONFIG,
  DEMO_AWS_CREDENTIALS,
  DEMO_EXTERNAL_ID,
  DEMO_MFA_SERIAL,
  DEMO_PASSPHRASE,
  DEMO_PROFILES,
  DEMO_SECRET_ACCESS_KEY,
  DEMO_USER_ARN,
  demoOrg,
} from './demo-org'
import { IamModel } from './iam-model'
import { keysOf, sdkClient, type Keys } from './sts-client'
import { describeDemo, parseDemoArgs } from './cli'
import { CookieJar } from './cookie-jar'

const BASE: Keys = { accessKeyId: DEMO_ACCESS_KEY_ID, secretAccessKey: DEMO_SECRET_ACCESS_KEY }
let fake: FakeAws
beforeAll(async () => {
  fake = await startFakeAws({ timeScale: 0.01 })
})
afterAll(() => fake.close())

async function signIn(keys: Keys, jar: CookieJar): Promise<Record<string, unknown>> {
  const session = JSON.stringify({
    sessionId: keys.accessKeyId,
    sessionKey: keys.secretAccessKey,
    sessionToken: keys.sessionToken,
  })
  const { SigninToken } = (await (
    await fetch(`${fake.signinEndpoint}?Action=getSigninToken&Session=${encodeURIComponent(session)}`)
  ).json()) as { SigninToken: string }
  const login = `${fake.signinEndpoint}?Action=login&Issuer=demo&Destination=${encodeURIComponent(fake.consoleUrl('eu-west-1'))}&SigninToken=${encodeURIComponent(SigninToken)}`
  expect((await jar.fetch(login)).status).toBe(302)
  return (await jar.fetch(`${fake.consoleBase}/__whoami`)).json() as Promise<Record<string, unknown>>
}

describe('demo organisation', () => {
  it('is the default fixture, with one user, one MFA device and roles in five accounts', () => {
    const model = new IamModel(demoOrg)
    expect(model.allDevices().map((d) => [d.serial, d.owner.arn])).toEqual([[DEMO_MFA_SERIAL, DEMO_USER_ARN]])
    expect(new Set(model.allRoles().map((r) => r.accountId)).size).toBe(5)
    expect(DEMO_PASSPHRASE).toBe('correct horse battery staple')
  })

  it('prints a config whose role ARNs are the fixture roles, and keys for its base profile', () => {
    const arns = [...DEMO_AWS_CONFIG.matchAll(/^role_arn = (.+)$/gm)].map((m) => m[1])
    const model = new IamModel(demoOrg)
    expect(arns.length).toBe(5)
    for (const arn of arns) expect(model.role(arn!), arn).toBeDefined()
    const profiles = [...DEMO_AWS_CONFIG.matchAll(/^\[profile (.+)\]$/gm)].map((m) => m[1])
    expect(profiles).toEqual(Object.keys(DEMO_PROFILES))
    expect(DEMO_AWS_CREDENTIALS).toContain(`aws_access_key_id = ${DEMO_ACCESS_KEY_ID}`)
    const text = describeDemo(fake)
    for (const needle of [
      fake.url,
      DEMO_PASSPHRASE,
      DEMO_MFA_SERIAL,
      DEMO_AWS_CONFIG.trimEnd(),
      DEMO_SECRET_ACCESS_KEY,
    ])
      expect(text).toContain(needle)
  })

  it('signs every profile into the console the way Rolecall does (MFA session, roles, chain, federation)', async () => {
    const sts = (k: Keys) => sdkClient(fake.url, k)
    const mfa = keysOf(
      (
        await sts(BASE).send(
          new GetSessionTokenCommand({ SerialNumber: DEMO_MFA_SERIAL, TokenCode: fake.totp(DEMO_MFA_SERIAL) }),
        )
      ).Credentials,
    )
    const seen: Record<string, unknown> = {}
    for (const [name, p] of Object.entries(DEMO_PROFILES)) {
      if (p.kind !== 'role') continue
      const out = await sts(mfa).send(
        new AssumeRoleCommand({
          RoleArn: p.roleArn,
          RoleSessionName: 'demo-user',
          ...(name === 'security' ? { ExternalId: DEMO_EXTERNAL_ID } : {}),
        }),
      )
      seen[name] = (await signIn(keysOf(out.Credentials), new CookieJar())).account
    }
    const dev = keysOf(
      (await sts(mfa).send(new AssumeRoleCommand({ RoleArn: DEMO_PROFILES.dev.roleArn, RoleSessionName: 'demo-user' })))
        .Credentials,
    )
    const data = keysOf(
      (
        await sts(dev).send(
          new AssumeRoleCommand({ RoleArn: DEMO_PROFILES.data.roleArn, RoleSessionName: 'demo-user' }),
        )
      ).Credentials,
    )
    seen.data = (await signIn(data, new CookieJar())).account
    const user = await sts(BASE).send(new GetCallerIdentityCommand({}))
    const fed = await sts(BASE).send(
      new GetFederationTokenCommand({
        Name: user.Arn!.split('/').at(-1)!,
        Policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
      }),
    )
    seen.identity = (await signIn(keysOf(fed.Credentials), new CookieJar())).account
    expect(seen).toEqual(Object.fromEntries(Object.entries(DEMO_PROFILES).map(([n, p]) => [n, p.account])))
  })

  it('the chained role cannot be assumed by the user directly, and the MFA roles not without MFA', async () => {
    const sts = sdkClient(fake.url, BASE)
    await expect(
      sts.send(new AssumeRoleCommand({ RoleArn: DEMO_PROFILES.data.roleArn, RoleSessionName: 'demo-user' })),
    ).rejects.toThrow(/not authorized/)
    await expect(
      sts.send(new AssumeRoleCommand({ RoleArn: DEMO_PROFILES.prod.roleArn, RoleSessionName: 'demo-user' })),
    ).rejects.toThrow(/not authorized/)
  })
})

describe('fixture validation', () => {
  it.each([
    [{ accounts: [{ id: '12345' }] }, /account id must be 12 digits/],
    [
      {
        accounts: [
          {
            id: '111111111111',
            users: [
              { name: 'u', accessKeys: [{ accessKeyId: 'ASIAXXXXXXXXXXXXXXXX', secretAccessKey: 'x'.repeat(40) }] },
            ],
          },
        ],
      },
      /not a long-term access key id/,
    ],
    [
      {
        accounts: [
          {
            id: '111111111111',
            users: [{ name: 'u', accessKeys: [{ accessKeyId: 'AKIAXXXXXXXXXXXXXXXX', secretAccessKey: 'short' }] }],
          },
        ],
      },
      /must be 40 characters/,
    ],
    [
      {
        accounts: [
          {
            id: '111111111111',
            users: [{ name: 'u', accessKeys: [], mfaDevices: [{ name: 'u', secret: 'not base32!' }] }],
          },
        ],
      },
      /must be base32/,
    ],
    [
      { accounts: [{ id: '111111111111', roles: [{ name: 'R', maxSessionDuration: 100, trust: [] }] }] },
      /maxSessionDuration must be 3600\.\.43200/,
    ],
  ])('rejects %j', (fixture, message) => {
    expect(() => new IamModel(fixture)).toThrow(message)
  })
})

describe('cli arguments', () => {
  it('reads --port, --time-scale and --test-api, and refuses anything else', () => {
    expect(parseDemoArgs(['--port', '8123', '--time-scale', '0.01', '--test-api'])).toEqual({
      port: 8123,
      timeScale: 0.01,
      testApi: true,
    })
    expect(() => parseDemoArgs(['--time-scale', '0'])).toThrow(/positive/)
    expect(() => parseDemoArgs(['--bogus'])).toThrow(/unknown option --bogus/)
  })
})
