// Debian's botocore (1.29, /usr/bin/python3) against the stand-in's IAM Identity Center: its sso-oidc and sso
// clients with endpoint_url, and its own SSO token and credential providers resolving profiles of DEMO_SSO_CONFIG.
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  DEMO_SSO_ACCOUNTS,
  DEMO_SSO_CHAIN_ROLE_ARN,
  DEMO_SSO_CONFIG,
  DEMO_SSO_START_URL,
  DEMO_SSO_USER,
} from './demo-org'
import { startFakeAws, type FakeAws } from './index'
import { ssoRoleName } from './sso/instance'

const SCRIPT = path.join(import.meta.dirname, 'botocore-sso-client.py')
// Each botocore run is a Python process (about a second on a shared machine).
vi.setConfig({ testTimeout: 60_000 })
type Result = {
  ok: boolean
  status?: number
  response?: Record<string, any>
  error?: { Code: string; Message: string }
  cache?: Record<string, Record<string, string>>
}
interface Call {
  service: 'sso-oidc' | 'sso' | 'sts'
  operation: string
  params?: Record<string, unknown>
  endpoint?: string
  region?: string
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }
  paginate?: Record<string, number>
}

let fake: FakeAws
let home: string
beforeAll(async () => {
  fake = await startFakeAws({ testApi: true })
  home = mkdtempSync(path.join(tmpdir(), 'fake-aws-botocore-sso-'))
})
afterAll(async () => {
  await fake.close()
  rmSync(home, { recursive: true, force: true })
})

function botocore(input: Record<string, unknown>, config = '/dev/null') {
  return new Promise<{ botocore: string; results: Result[] }>((resolve, reject) => {
    const child = execFile(
      '/usr/bin/python3',
      [SCRIPT],
      {
        // Nothing of this machine's ~/.aws or environment credentials may leak in: a HOME of the test's own.
        env: {
          PATH: '/usr/bin:/bin',
          AWS_CONFIG_FILE: config,
          AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
          HOME: home,
          NO_PROXY: '127.0.0.1',
        },
        timeout: 60_000,
      },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout)),
    )
    child.stdin!.end(JSON.stringify(input))
  })
}

const oidc = (operation: string, params: Record<string, unknown>): Call => ({
  service: 'sso-oidc',
  operation,
  params,
  endpoint: fake.oidcEndpoint,
})
const portal = (operation: string, params: Record<string, unknown>, paginate?: Record<string, number>): Call => ({
  service: 'sso',
  operation,
  params,
  endpoint: fake.portalEndpoint,
  ...(paginate ? { paginate } : {}),
})
const calls = async (...list: Call[]) => (await botocore({ calls: list })).results
const DEVICE = 'urn:ietf:params:oauth:grant-type:device_code'

async function registered(scopes?: string[]) {
  const [r] = await calls(
    oidc('register_client', { clientName: 'botocore', clientType: 'public', ...(scopes ? { scopes } : {}) }),
  )
  return { clientId: r!.response!.clientId as string, clientSecret: r!.response!.clientSecret as string }
}

/**
 * Tokens for the tests whose subject is what comes after login (the first test drives the login itself through
 * botocore): registered by botocore, then the device flow over plain HTTP, approved before the first poll.
 */
async function loggedIn(scopes: string[] | null = ['sso:account:access']) {
  const client = await registered(scopes ?? undefined)
  const post = async (p: string, body: Record<string, unknown>) =>
    (await (
      await fetch(`${fake.oidcEndpoint}${p}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    ).json()) as Record<string, any>
  const auth = await post('/device_authorization', { ...client, startUrl: DEMO_SSO_START_URL })
  expect(fake.sso.approve(auth.userCode as string)).toBe(true)
  const tokens = await post('/token', { ...client, grantType: DEVICE, deviceCode: auth.deviceCode })
  expect(tokens.accessToken).toEqual(expect.any(String))
  return { client, tokens }
}

describe('botocore sso-oidc', () => {
  it('registers, starts a device authorisation and polls to tokens; polling too fast is slow_down', async () => {
    const client = await registered(['sso:account:access'])
    const [auth] = await calls(oidc('start_device_authorization', { ...client, startUrl: DEMO_SSO_START_URL }))
    expect(auth).toMatchObject({
      ok: true,
      response: { userCode: expect.stringMatching(/^[A-Z]{4}-[A-Z]{4}$/), expiresIn: 600, interval: 1 },
    })
    const poll = oidc('create_token', { ...client, grantType: DEVICE, deviceCode: auth!.response!.deviceCode })
    const [pending, tooFast] = await calls(poll, poll)
    expect(pending).toMatchObject({ ok: false, status: 400, error: { Code: 'AuthorizationPendingException' } })
    expect(tooFast).toMatchObject({ ok: false, status: 400, error: { Code: 'SlowDownException' } })
    // The person approves (through the test API, as an e2e test would).
    const approved = await fetch(`${fake.url}/__test/sso/approve?user_code=${auth!.response!.userCode}`, {
      method: 'POST',
    })
    expect(approved.status).toBe(200)
    await new Promise((r) => setTimeout(r, 1000))
    const [tokens] = await calls(poll)
    expect(tokens).toMatchObject({
      ok: true,
      response: {
        accessToken: expect.any(String),
        tokenType: 'Bearer',
        expiresIn: 3600,
        refreshToken: expect.any(String),
      },
    })
  })

  it('parses expired_token, access_denied, invalid_grant and invalid_client as their exceptions', async () => {
    const client = await registered(['sso:account:access'])
    const [a] = await calls(oidc('start_device_authorization', { ...client, startUrl: DEMO_SSO_START_URL }))
    const device = fake.state.sso.devices.get(a!.response!.deviceCode)!
    device.status = 'denied'
    const [denied] = await calls(oidc('create_token', { ...client, grantType: DEVICE, deviceCode: device.deviceCode }))
    device.expiresAtMs = Date.now() - 1
    const [expired] = await calls(oidc('create_token', { ...client, grantType: DEVICE, deviceCode: device.deviceCode }))
    const [badGrant, badClient] = await calls(
      oidc('create_token', { ...client, grantType: 'refresh_token', refreshToken: 'not-a-token' }),
      oidc('create_token', { ...client, clientSecret: 'wrong', grantType: 'refresh_token', refreshToken: 'x' }),
    )
    expect([denied, expired, badGrant, badClient].map((r) => [r!.status, r!.error!.Code])).toEqual([
      [400, 'AccessDeniedException'],
      [400, 'ExpiredTokenException'],
      [400, 'InvalidGrantException'],
      [401, 'InvalidClientException'],
    ])
  })

  it('refreshes with the refresh_token grant; a registration without scopes gets no refresh token', async () => {
    const { client, tokens } = await loggedIn()
    const [refreshed] = await calls(
      oidc('create_token', { ...client, grantType: 'refresh_token', refreshToken: tokens.refreshToken }),
    )
    expect(refreshed).toMatchObject({ ok: true, response: { expiresIn: 3600, refreshToken: expect.any(String) } })
    const legacy = await loggedIn(null)
    expect(legacy.tokens.refreshToken).toBeUndefined()
    expect(legacy.tokens.expiresIn).toBeGreaterThan(3600)
  })
})

describe('botocore sso (portal)', () => {
  it('pages accounts and roles with its paginators, gets role credentials, logs out', async () => {
    const { tokens } = await loggedIn()
    const accessToken = tokens.accessToken as string
    const [accounts, roles, creds, missing] = await calls(
      portal('list_accounts', { accessToken }, { PageSize: 2 }),
      portal('list_account_roles', { accessToken, accountId: DEMO_SSO_ACCOUNTS.dev.id }, { PageSize: 1 }),
      portal('get_role_credentials', {
        accessToken,
        accountId: DEMO_SSO_ACCOUNTS.dev.id,
        roleName: 'AdministratorAccess',
      }),
      portal('get_role_credentials', {
        accessToken,
        accountId: DEMO_SSO_ACCOUNTS.prod.id,
        roleName: 'AdministratorAccess',
      }),
    )
    expect(accounts!.response!.pages.map((p: { accountList: unknown[] }) => p.accountList.length)).toEqual([2, 1])
    expect(
      roles!.response!.pages.flatMap((p: { roleList: Array<{ roleName: string }> }) =>
        p.roleList.map((r) => r.roleName),
      ),
    ).toEqual(['AdministratorAccess', 'ReadOnlyAccess', 'Billing'])
    const rc = creds!.response!.roleCredentials
    expect(rc.expiration).toBeGreaterThan(Date.now() + 3500_000)
    expect(rc.expiration).toBeLessThan(Date.now() + 3700_000)
    expect(missing).toMatchObject({
      ok: false,
      status: 403,
      error: { Code: 'ForbiddenException', Message: 'No access' },
    })

    const keys = { accessKeyId: rc.accessKeyId, secretAccessKey: rc.secretAccessKey, sessionToken: rc.sessionToken }
    const [who, chained] = await calls(
      { service: 'sts', operation: 'get_caller_identity', endpoint: fake.stsEndpoint, credentials: keys },
      {
        service: 'sts',
        operation: 'assume_role',
        endpoint: fake.stsEndpoint,
        credentials: keys,
        params: { RoleArn: DEMO_SSO_CHAIN_ROLE_ARN, RoleSessionName: 'chain' },
      },
    )
    expect(who!.response!.Arn).toBe(
      `arn:aws:sts::222222222222:assumed-role/${ssoRoleName('222222222222', 'AdministratorAccess')}/${DEMO_SSO_USER}`,
    )
    expect(chained!.response!.AssumedRoleUser.Arn).toBe('arn:aws:sts::666666666666:assumed-role/SsoDataAnalyst/chain')

    // The federation endpoint takes them: Rolecall's console sign-in.
    const session = JSON.stringify({
      sessionId: keys.accessKeyId,
      sessionKey: keys.secretAccessKey,
      sessionToken: keys.sessionToken,
    })
    const signin = await fetch(`${fake.signinEndpoint}?Action=getSigninToken&Session=${encodeURIComponent(session)}`)
    expect(await signin.json()).toEqual({ SigninToken: expect.any(String) })

    const [out, after] = await calls(portal('logout', { accessToken }), portal('list_accounts', { accessToken }))
    expect(out!.ok).toBe(true)
    expect(after).toMatchObject({
      ok: false,
      status: 401,
      error: { Code: 'UnauthorizedException', Message: 'Session token not found or invalid' },
    })
  })

  it('parses 429 as TooManyRequestsException', async () => {
    const { tokens } = await loggedIn()
    fake.sso.throttle(1)
    const [throttled] = await calls(portal('list_accounts', { accessToken: tokens.accessToken }))
    expect(throttled).toMatchObject({ ok: false, status: 429, error: { Code: 'TooManyRequestsException' } })
  })
})

describe("botocore's own SSO providers with DEMO_SSO_CONFIG", () => {
  it('refreshes an expired cached token once, then resolves SSO profiles through GetRoleCredentials', async () => {
    const { client, tokens } = await loggedIn()
    const cacheDir = path.join(home, '.aws', 'sso', 'cache')
    mkdirSync(cacheDir, { recursive: true })
    // What `aws sso login --sso-session demo` leaves behind, with the access token already expired.
    writeFileSync(
      path.join(cacheDir, `${createHash('sha1').update('demo').digest('hex')}.json`),
      JSON.stringify({
        startUrl: DEMO_SSO_START_URL,
        region: 'eu-west-1',
        accessToken: tokens.accessToken,
        expiresAt: new Date(Date.now() - 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        registrationExpiresAt: new Date(Date.now() + 86400_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        refreshToken: tokens.refreshToken,
      }),
    )
    const config = path.join(home, 'config')
    writeFileSync(config, DEMO_SSO_CONFIG)
    fake.resetCounts()
    const identity = (profile: string) =>
      botocore(
        {
          profile,
          stand_in: `127.0.0.1:${fake.port}`,
          calls: [{ service: 'sts', operation: 'get_caller_identity', region: 'us-east-1' }],
        },
        config,
      )
    const direct = (await identity('sso-dev-admin')).results[0]!
    expect(direct).toMatchObject({ ok: true, response: { Account: '222222222222' } })
    expect(direct.response!.Arn).toMatch(
      /assumed-role\/AWSReservedSSO_AdministratorAccess_[0-9a-f]{16}\/rolecall-demo$/,
    )
    // A second run finds the refreshed token in the cache: no second refresh.
    expect((await identity('sso-staging-readonly')).results[0]).toMatchObject({
      ok: true,
      response: { Account: '333333333333' },
    })
    // (botocore 1.29 cannot resolve sso-data, role_arn + source_profile on an sso_session profile: its
    // AssumeRole provider builds the source's SSO provider without a token provider, AttributeError
    // 'get_frozen_token'. The chain itself is checked above with botocore's assume_role.)
    const counts = fake.sso.counts()
    // The refresh happened once (the second run found the refreshed token in the cache); nobody approved anything.
    expect(counts.grants).toEqual({ device_code: 0, authorization_code: 0, refresh_token: 1 })
    expect(counts.approvals).toBe(0)
    expect(counts.calls.GetRoleCredentials).toBe(2)
    expect(counts.calls.CreateToken).toBe(1)
  })

  it('resolves the legacy profile (start URL in the profile) from a token without a refresh token', async () => {
    const { tokens } = await loggedIn(null)
    expect(tokens.refreshToken).toBeUndefined()
    // The legacy form's cache file is named by the SHA-1 of the start URL (docs/aws-protocol.md §7.1).
    writeFileSync(
      path.join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update(DEMO_SSO_START_URL).digest('hex')}.json`),
      JSON.stringify({
        startUrl: DEMO_SSO_START_URL,
        region: 'eu-west-1',
        accessToken: tokens.accessToken,
        expiresAt: new Date(Date.now() + tokens.expiresIn * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      }),
    )
    const config = path.join(home, 'config')
    writeFileSync(config, DEMO_SSO_CONFIG)
    const { results } = await botocore(
      {
        profile: 'sso-legacy',
        stand_in: `127.0.0.1:${fake.port}`,
        calls: [{ service: 'sts', operation: 'get_caller_identity', region: 'us-east-1' }],
      },
      config,
    )
    expect(results[0]).toMatchObject({ ok: true, response: { Account: DEMO_SSO_ACCOUNTS.staging.id } })
    expect(results[0]!.response!.Arn).toMatch(/AWSReservedSSO_AdministratorAccess_[0-9a-f]{16}\/rolecall-demo$/)
  })
})
