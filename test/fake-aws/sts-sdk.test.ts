// The real AWS SDK for JavaScript (v3) against the stand-in: all four operations, and AWS's errors.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  GetFederationTokenCommand,
  GetSessionTokenCommand,
} from '@aws-sdk/client-sts'
import { startFakeAws, manualClock, type FakeAws } from './index'
import { ALICE_KEY, ALICE_MFA, BOB_KEY, ALICE_INACTIVE_KEY, ROLES, testOrg, wrongTotp } from './test-org'
import { keysOf, sdkClient, stsFailure, type Keys } from './sts-client'
import { CHAINING_LIMIT, MFA_INVALID_CODE, MFA_NEEDS_BOTH, MFA_UNKNOWN_DEVICE, OVER_MAX_SESSION } from './sts/errors'

const ALLOW_ALL = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}'
const clock = manualClock(Date.now())
let fake: FakeAws
// The SDK signs with its own clock; tell it where the stand-in's moved clock is, as its skew correction would.
const sts = (keys: Keys, region?: string) => sdkClient(fake.url, keys, region, clock.now() - Date.now())
const mfa = () => ({ SerialNumber: ALICE_MFA.serial, TokenCode: fake.totp(ALICE_MFA.serial) })

beforeAll(async () => {
  fake = await startFakeAws({ fixture: testOrg, now: clock.now, timeScale: 0.01 })
})
afterAll(() => fake.close())
// Each test starts on a fresh 30-second TOTP step so codes from earlier tests are not "already used".
beforeEach(() => clock.advance(60_000))

async function mfaSession(): Promise<Keys> {
  const out = await sts(ALICE_KEY).send(new GetSessionTokenCommand({ DurationSeconds: 3600, ...mfa() }))
  return keysOf(out.Credentials)
}

describe('the four operations', () => {
  it('GetCallerIdentity with long-term keys names the IAM user', async () => {
    const out = await sts(ALICE_KEY).send(new GetCallerIdentityCommand({}))
    expect(out).toMatchObject({
      Account: '111111111111',
      Arn: 'arn:aws:iam::111111111111:user/alice',
      UserId: expect.stringMatching(/^AIDA[A-Z2-7]{17}$/),
    })
  })

  it('GetSessionToken with MFA returns working session credentials that still act as the user', async () => {
    const out = await sts(ALICE_KEY).send(new GetSessionTokenCommand({ DurationSeconds: 900, ...mfa() }))
    expect(out.Credentials).toMatchObject({
      AccessKeyId: expect.stringMatching(/^ASIA[A-Z2-7]{16}$/),
      SecretAccessKey: expect.stringMatching(/^.{40}$/),
    })
    expect(out.Credentials!.SessionToken).toMatch(/[+/=]/)
    expect(out.Credentials!.SessionToken!.length).toBeGreaterThan(1000) // AWS-sized, and it works below
    expect(out.Credentials!.Expiration!.getTime()).toBe(clock.now() + 900 * 1000 * 0.01)
    const who = await sts(keysOf(out.Credentials)).send(new GetCallerIdentityCommand({}))
    expect(who.Arn).toBe('arn:aws:iam::111111111111:user/alice')
  })

  it('AssumeRole with MFA returns an assumed-role session', async () => {
    const out = await sts(ALICE_KEY).send(
      new AssumeRoleCommand({ RoleArn: ROLES.admin, RoleSessionName: 'alice@example.com', ...mfa() }),
    )
    expect(out.AssumedRoleUser).toEqual({
      Arn: 'arn:aws:sts::123456789012:assumed-role/Admin/alice@example.com',
      AssumedRoleId: expect.stringMatching(/^AROA[A-Z2-7]{17}:alice@example\.com$/),
    })
    expect(out.Credentials!.Expiration!.getTime()).toBe(clock.now() + 3600 * 1000 * 0.01) // default 1 hour
    const who = await sts(keysOf(out.Credentials)).send(new GetCallerIdentityCommand({}))
    expect(who).toMatchObject({
      Account: '123456789012',
      Arn: out.AssumedRoleUser!.Arn,
      UserId: out.AssumedRoleUser!.AssumedRoleId,
    })
  })

  it('AssumeRole of a role with a path keeps the path out of the session ARN', async () => {
    const out = await sts(ALICE_KEY).send(new AssumeRoleCommand({ RoleArn: ROLES.pathed, RoleSessionName: 'p1' }))
    expect(out.AssumedRoleUser!.Arn).toBe('arn:aws:sts::123456789012:assumed-role/Pathed/p1')
  })

  it('GetFederationToken returns a federated user and records its session policy', async () => {
    const out = await sts(ALICE_KEY).send(
      new GetFederationTokenCommand({ Name: 'alice', Policy: ALLOW_ALL, DurationSeconds: 3600 }),
    )
    expect(out.FederatedUser).toEqual({
      Arn: 'arn:aws:sts::111111111111:federated-user/alice',
      FederatedUserId: '111111111111:alice',
    })
    expect(out.PackedPolicySize).toBeGreaterThan(0)
    const who = await sts(keysOf(out.Credentials)).send(new GetCallerIdentityCommand({}))
    expect(who).toMatchObject({ Arn: out.FederatedUser!.Arn, UserId: '111111111111:alice', Account: '111111111111' })
    expect(fake.state.credentials.find(out.Credentials!.AccessKeyId!)!.sessionPolicy).toBe('allow-all')
  })

  it('GetFederationToken without a policy issues an allow-nothing session', async () => {
    const out = await sts(ALICE_KEY).send(new GetFederationTokenCommand({ Name: 'nopolicy' }))
    expect(out.PackedPolicySize).toBeUndefined()
    expect(fake.state.credentials.find(out.Credentials!.AccessKeyId!)!.sessionPolicy).toBe('none')
    expect(out.Credentials!.Expiration!.getTime()).toBe(clock.now() + 43200 * 1000 * 0.01) // default 12 hours
  })

  it('records the region of the signing scope (any region is accepted)', async () => {
    const out = await sts(ALICE_KEY, 'ap-southeast-4').send(
      new GetFederationTokenCommand({ Name: 'regional', Policy: ALLOW_ALL }),
    )
    expect(fake.state.credentials.find(out.Credentials!.AccessKeyId!)!.region).toBe('ap-southeast-4')
  })
})

describe('MFA', () => {
  it('refuses a wrong code, a reused code, and accepts one step of drift', async () => {
    const wrong = wrongTotp(ALICE_MFA.secret, clock.now())
    expect(
      await stsFailure(
        sts(ALICE_KEY).send(new GetSessionTokenCommand({ SerialNumber: ALICE_MFA.serial, TokenCode: wrong })),
      ),
    ).toEqual({ name: 'AccessDenied', message: MFA_INVALID_CODE, status: 403 })
    const code = fake.totp(ALICE_MFA.serial)
    await sts(ALICE_KEY).send(new GetSessionTokenCommand({ SerialNumber: ALICE_MFA.serial, TokenCode: code }))
    expect(
      await stsFailure(
        sts(ALICE_KEY).send(
          new AssumeRoleCommand({
            RoleArn: ROLES.admin,
            RoleSessionName: 'sess',
            SerialNumber: ALICE_MFA.serial,
            TokenCode: code,
          }),
        ),
      ),
    ).toEqual({ name: 'AccessDenied', message: MFA_INVALID_CODE, status: 403 })
    // The next step's code is still fresh, and a code read 30 s ago is still accepted once.
    const next = fake.totpNext(ALICE_MFA.serial)
    await sts(ALICE_KEY).send(new GetSessionTokenCommand({ SerialNumber: ALICE_MFA.serial, TokenCode: next }))
    clock.advance(60_000)
    const previous = fake.totp(ALICE_MFA.serial)
    clock.advance(30_000)
    await expect(
      sts(ALICE_KEY).send(new GetSessionTokenCommand({ SerialNumber: ALICE_MFA.serial, TokenCode: previous })),
    ).resolves.toBeDefined()
    const stale = fake.totp(ALICE_MFA.serial)
    clock.advance(60_000)
    expect(
      (
        await stsFailure(
          sts(ALICE_KEY).send(new GetSessionTokenCommand({ SerialNumber: ALICE_MFA.serial, TokenCode: stale })),
        )
      ).message,
    ).toBe(MFA_INVALID_CODE)
  })

  it('needs both serial and code', async () => {
    expect(
      await stsFailure(
        sts(ALICE_KEY).send(
          new AssumeRoleCommand({ RoleArn: ROLES.admin, RoleSessionName: 'sess', SerialNumber: ALICE_MFA.serial }),
        ),
      ),
    ).toEqual({ name: 'AccessDenied', message: MFA_NEEDS_BOTH, status: 403 })
  })

  it("refuses a device that is not the caller's", async () => {
    expect(await stsFailure(sts(BOB_KEY).send(new GetSessionTokenCommand(mfa())))).toEqual({
      name: 'AccessDenied',
      message: MFA_UNKNOWN_DEVICE,
      status: 403,
    })
    expect(
      (
        await stsFailure(
          sts(ALICE_KEY).send(
            new GetSessionTokenCommand({ SerialNumber: 'arn:aws:iam::111111111111:mfa/nobody', TokenCode: '123456' }),
          ),
        )
      ).message,
    ).toBe(MFA_UNKNOWN_DEVICE)
  })

  it('a role whose trust requires MFA refuses a caller without it', async () => {
    expect(
      await stsFailure(sts(ALICE_KEY).send(new AssumeRoleCommand({ RoleArn: ROLES.admin, RoleSessionName: 'sess' }))),
    ).toEqual({
      name: 'AccessDenied',
      status: 403,
      message:
        'User: arn:aws:iam::111111111111:user/alice is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/Admin',
    })
  })

  it('an MFA session (GetSessionToken with MFA) satisfies the trust; one without MFA does not', async () => {
    const withMfa = await mfaSession()
    await expect(
      sts(withMfa).send(new AssumeRoleCommand({ RoleArn: ROLES.admin, RoleSessionName: 'via-mfa-session' })),
    ).resolves.toBeDefined()
    const plain = keysOf((await sts(ALICE_KEY).send(new GetSessionTokenCommand({}))).Credentials)
    expect(
      (await stsFailure(sts(plain).send(new AssumeRoleCommand({ RoleArn: ROLES.admin, RoleSessionName: 'sess' }))))
        .name,
    ).toBe('AccessDenied')
  })

  it('a role session carries no MFA into the next role (aws-vault #720)', async () => {
    const admin = keysOf(
      (
        await sts(ALICE_KEY).send(
          new AssumeRoleCommand({ RoleArn: ROLES.admin, RoleSessionName: 'admin-session', ...mfa() }),
        )
      ).Credentials,
    )
    await expect(
      sts(admin).send(new AssumeRoleCommand({ RoleArn: ROLES.chained, RoleSessionName: 'chain' })),
    ).resolves.toBeDefined()
    expect(
      (
        await stsFailure(
          sts(admin).send(new AssumeRoleCommand({ RoleArn: ROLES.chainedMfa, RoleSessionName: 'chain' })),
        )
      ).message,
    ).toMatch(/^User: arn:aws:sts::123456789012:assumed-role\/Admin\/admin-session is not authorized/)
  })
})

describe('trust and durations', () => {
  it('checks the external id', async () => {
    expect(
      (
        await stsFailure(
          sts(ALICE_KEY).send(new AssumeRoleCommand({ RoleArn: ROLES.partner, RoleSessionName: 'sess' })),
        )
      ).name,
    ).toBe('AccessDenied')
    expect(
      (
        await stsFailure(
          sts(ALICE_KEY).send(
            new AssumeRoleCommand({ RoleArn: ROLES.partner, RoleSessionName: 'sess', ExternalId: 'ext-2' }),
          ),
        )
      ).name,
    ).toBe('AccessDenied')
    await expect(
      sts(ALICE_KEY).send(
        new AssumeRoleCommand({ RoleArn: ROLES.partner, RoleSessionName: 'sess', ExternalId: 'ext-1' }),
      ),
    ).resolves.toBeDefined()
  })

  it('refuses an unknown role like an untrusted one', async () => {
    expect(
      (
        await stsFailure(
          sts(ALICE_KEY).send(
            new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::123456789012:role/Nope', RoleSessionName: 'sess' }),
          ),
        )
      ).message,
    ).toBe(
      'User: arn:aws:iam::111111111111:user/alice is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/Nope',
    )
  })

  it('caps role chaining at 1 hour, also from an MFA session', async () => {
    const session = await mfaSession()
    expect(
      await stsFailure(
        sts(session).send(
          new AssumeRoleCommand({ RoleArn: ROLES.admin, RoleSessionName: 'sess', DurationSeconds: 3601 }),
        ),
      ),
    ).toEqual({ name: 'ValidationError', message: CHAINING_LIMIT, status: 400 })
    const admin = keysOf(
      (
        await sts(session).send(
          new AssumeRoleCommand({ RoleArn: ROLES.admin, RoleSessionName: 'sess', DurationSeconds: 3600 }),
        )
      ).Credentials,
    )
    expect(
      (
        await stsFailure(
          sts(admin).send(
            new AssumeRoleCommand({ RoleArn: ROLES.chained, RoleSessionName: 'sess', DurationSeconds: 7200 }),
          ),
        )
      ).message,
    ).toBe(CHAINING_LIMIT)
  })

  it("enforces the role's MaxSessionDuration", async () => {
    expect(
      await stsFailure(
        sts(ALICE_KEY).send(
          new AssumeRoleCommand({ RoleArn: ROLES.readOnly, RoleSessionName: 'sess', DurationSeconds: 3601 }),
        ),
      ),
    ).toEqual({ name: 'ValidationError', message: OVER_MAX_SESSION, status: 400 })
    await expect(
      sts(ALICE_KEY).send(
        new AssumeRoleCommand({ RoleArn: ROLES.admin, RoleSessionName: 'sess', DurationSeconds: 43200, ...mfa() }),
      ),
    ).resolves.toBeDefined()
  })

  it('validates durations in AWS units whatever the time scale', async () => {
    const failure = await stsFailure(
      sts(ALICE_KEY).send(
        new AssumeRoleCommand({ RoleArn: ROLES.readOnly, RoleSessionName: 'sess', DurationSeconds: 899 }),
      ),
    )
    expect(failure).toEqual({
      name: 'ValidationError',
      status: 400,
      message:
        "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
    })
    expect(
      (await stsFailure(sts(ALICE_KEY).send(new GetSessionTokenCommand({ DurationSeconds: 129601 })))).message,
    ).toMatch(/Member must have value less than or equal to 129600$/)
  })

  it('checks name shapes and lengths, listing every problem', async () => {
    expect(
      (await stsFailure(sts(ALICE_KEY).send(new AssumeRoleCommand({ RoleArn: ROLES.readOnly, RoleSessionName: 'x' }))))
        .message,
    ).toBe(
      "1 validation error detected: Value 'x' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2",
    )
    expect(
      (
        await stsFailure(
          sts(ALICE_KEY).send(
            new AssumeRoleCommand({ RoleArn: ROLES.readOnly, RoleSessionName: 'has space', DurationSeconds: 100 }),
          ),
        )
      ).message,
    ).toBe(
      "2 validation errors detected: Value 'has space' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*; Value '100' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
    )
    expect(
      (
        await stsFailure(
          sts(ALICE_KEY).send(new GetFederationTokenCommand({ Name: 'a-name-that-is-longer-than-32-chars' })),
        )
      ).message,
    ).toBe(
      "1 validation error detected: Value 'a-name-that-is-longer-than-32-chars' at 'name' failed to satisfy constraint: Member must have length less than or equal to 32",
    )
    await expect(
      sts(ALICE_KEY).send(
        new AssumeRoleCommand({ RoleArn: ROLES.readOnly, RoleSessionName: 'botocore-session-1440938160' }),
      ),
    ).resolves.toBeDefined()
  })
})

describe('who may call what', () => {
  it('session credentials cannot call GetFederationToken or GetSessionToken', async () => {
    const session = await mfaSession()
    expect(
      await stsFailure(sts(session).send(new GetFederationTokenCommand({ Name: 'alice', Policy: ALLOW_ALL }))),
    ).toEqual({ name: 'AccessDenied', message: 'Cannot call GetFederationToken with session credentials', status: 403 })
    expect(await stsFailure(sts(session).send(new GetSessionTokenCommand({})))).toEqual({
      name: 'AccessDenied',
      message: 'Cannot call GetSessionToken with session credentials',
      status: 403,
    })
    const role = keysOf(
      (await sts(ALICE_KEY).send(new AssumeRoleCommand({ RoleArn: ROLES.readOnly, RoleSessionName: 'sess' })))
        .Credentials,
    )
    expect((await stsFailure(sts(role).send(new GetFederationTokenCommand({ Name: 'alice' })))).message).toBe(
      'Cannot call GetFederationToken with session credentials',
    )
    expect((await stsFailure(sts(role).send(new GetSessionTokenCommand({})))).message).toBe(
      'Cannot call GetSessionToken with session credentials',
    )
  })

  it('federated users may call nothing but GetCallerIdentity', async () => {
    const fed = keysOf(
      (await sts(ALICE_KEY).send(new GetFederationTokenCommand({ Name: 'fed', Policy: ALLOW_ALL }))).Credentials,
    )
    expect(
      (await stsFailure(sts(fed).send(new AssumeRoleCommand({ RoleArn: ROLES.readOnly, RoleSessionName: 'sess' }))))
        .message,
    ).toBe(
      'User: arn:aws:sts::111111111111:federated-user/fed is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/ReadOnly',
    )
    expect((await stsFailure(sts(fed).send(new GetSessionTokenCommand({})))).name).toBe('AccessDenied')
  })
})

describe('credentials', () => {
  it('expire on the scaled clock', async () => {
    const role = keysOf(
      (
        await sts(ALICE_KEY).send(
          new AssumeRoleCommand({ RoleArn: ROLES.readOnly, RoleSessionName: 'sess', DurationSeconds: 900 }),
        )
      ).Credentials,
    )
    clock.advance(900 * 1000 * 0.01 - 1)
    await expect(sts(role).send(new GetCallerIdentityCommand({}))).resolves.toBeDefined()
    clock.advance(1)
    expect(await stsFailure(sts(role).send(new GetCallerIdentityCommand({})))).toEqual({
      name: 'ExpiredToken',
      message: 'The security token included in the request is expired',
      status: 400,
    })
  })

  it('unknown, inactive and token-less keys are invalid', async () => {
    const invalid = {
      name: 'InvalidClientTokenId',
      message: 'The security token included in the request is invalid.',
      status: 403,
    }
    expect(
      await stsFailure(
        sts({ accessKeyId: 'AKIANOSUCHKEY0000000', secretAccessKey: ALICE_KEY.secretAccessKey }).send(
          new GetCallerIdentityCommand({}),
        ),
      ),
    ).toEqual(invalid)
    expect(await stsFailure(sts(ALICE_INACTIVE_KEY).send(new GetCallerIdentityCommand({})))).toEqual(invalid)
    const session = await mfaSession()
    expect(
      await stsFailure(
        sts({ accessKeyId: session.accessKeyId, secretAccessKey: session.secretAccessKey }).send(
          new GetCallerIdentityCommand({}),
        ),
      ),
    ).toEqual(invalid)
    expect(
      await stsFailure(
        sts({ ...session, sessionToken: session.sessionToken + 'x' }).send(new GetCallerIdentityCommand({})),
      ),
    ).toEqual(invalid)
  })

  it('a wrong secret fails the signature', async () => {
    expect(
      await stsFailure(
        sts({ ...ALICE_KEY, secretAccessKey: ALICE_KEY.secretAccessKey.replace(/^./, 'x') }).send(
          new GetCallerIdentityCommand({}),
        ),
      ),
    ).toMatchObject({
      name: 'SignatureDoesNotMatch',
      status: 403,
      message: expect.stringMatching(/^The request signature we calculated does not match/),
    })
  })

  it('STS deactivated in a region answers RegionDisabledException', async () => {
    expect((await stsFailure(sts(BOB_KEY, 'ap-east-1').send(new GetSessionTokenCommand({})))).name).toBe(
      'RegionDisabledException',
    )
    await expect(sts(BOB_KEY, 'eu-west-1').send(new GetSessionTokenCommand({}))).resolves.toBeDefined()
  })
})
