// The AWS SDK for JavaScript v3 (client-sso-oidc, client-sso) against the stand-in's IAM Identity Center: the
// authorisation code flow with PKCE after driving /authorize with fetch, the portal, and its error classes.
import { createHash, randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  CreateTokenCommand,
  InvalidGrantException,
  InvalidRedirectUriException,
  RegisterClientCommand,
  SSOOIDCClient,
} from '@aws-sdk/client-sso-oidc'
import {
  GetRoleCredentialsCommand,
  ListAccountRolesCommand,
  ListAccountsCommand,
  LogoutCommand,
  paginateListAccountRoles,
  SSOClient,
  TooManyRequestsException,
  UnauthorizedException,
} from '@aws-sdk/client-sso'
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts'
import { DEMO_SSO_ACCOUNTS, DEMO_SSO_PASSWORD, DEMO_SSO_START_URL, DEMO_SSO_USER } from './demo-org'
import { startFakeAws, type FakeAws } from './index'
import { sdkClient } from './sts-client'

let fake: FakeAws
let oidc: SSOOIDCClient
let portal: SSOClient
beforeAll(async () => {
  fake = await startFakeAws({ testApi: true })
  oidc = new SSOOIDCClient({ region: 'eu-west-1', endpoint: fake.oidcEndpoint, maxAttempts: 1 })
  portal = new SSOClient({ region: 'eu-west-1', endpoint: fake.portalEndpoint, maxAttempts: 1 })
})
afterAll(() => fake.close())

// Firefox's identity API (browser.identity.launchWebAuthFlow) redirects to http://127.0.0.1/mozoauth2/<hash>.
const REDIRECT = 'http://127.0.0.1/mozoauth2/0123456789abcdef'

async function registerCodeClient() {
  return oidc.send(
    new RegisterClientCommand({
      clientName: 'Rolecall',
      clientType: 'public',
      scopes: ['sso:account:access'],
      grantTypes: ['authorization_code', 'refresh_token'],
      redirectUris: [REDIRECT],
      issuerUrl: DEMO_SSO_START_URL,
    }),
  )
}

/** What a person does in the browser: /authorize, sign in as the demo user, Allow; returns the redirect. */
async function authorizeInBrowser(clientId: string, challenge: string, state: string): Promise<URL> {
  const params = {
    response_type: 'code',
    client_id: clientId,
    redirect_uri: REDIRECT,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    scopes: 'sso:account:access',
  }
  const page = await fetch(`${fake.oidcEndpoint}/authorize?${new URLSearchParams(params)}`, { redirect: 'manual' })
  expect(await page.text()).toContain('sso-signin-form')
  const form = (fields: Record<string, string>, cookie = '') =>
    fetch(`${fake.oidcEndpoint}/authorize`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: new URLSearchParams({ ...params, ...fields }),
    })
  const signedIn = await form({ step: 'signin', username: DEMO_SSO_USER, password: DEMO_SSO_PASSWORD })
  const cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!
  const allowed = await form({ step: 'consent', decision: 'allow' }, cookie)
  expect(allowed.status).toBe(302)
  return new URL(allowed.headers.get('location')!)
}

async function signedIn() {
  const client = await registerCodeClient()
  const verifier = randomBytes(32).toString('base64url')
  const challenge = createHash('sha256').update(verifier).digest('base64url')
  const back = await authorizeInBrowser(client.clientId!, challenge, 'st')
  const tokens = await oidc.send(
    new CreateTokenCommand({
      clientId: client.clientId,
      clientSecret: client.clientSecret,
      grantType: 'authorization_code',
      code: back.searchParams.get('code')!,
      codeVerifier: verifier,
      redirectUri: REDIRECT,
    }),
  )
  return { client, tokens, back, verifier }
}

describe('client-sso-oidc', () => {
  it('registers with redirect URIs and grant types, and refuses a non-loopback redirect', async () => {
    const client = await registerCodeClient()
    expect(client.clientSecretExpiresAt! - client.clientIdIssuedAt!).toBe(90 * 86400)
    const refused = oidc.send(
      new RegisterClientCommand({
        clientName: 'x',
        clientType: 'public',
        grantTypes: ['authorization_code'],
        redirectUris: ['https://rolecall.example/cb'],
      }),
    )
    await expect(refused).rejects.toBeInstanceOf(InvalidRedirectUriException)
  })

  it('exchanges the code with the PKCE verifier for refreshable tokens; a code works once', async () => {
    const { client, tokens, back, verifier } = await signedIn()
    expect(back.searchParams.get('state')).toBe('st')
    expect(tokens).toMatchObject({ tokenType: 'Bearer', expiresIn: 3600, refreshToken: expect.any(String) })
    const again = oidc.send(
      new CreateTokenCommand({
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        grantType: 'authorization_code',
        code: back.searchParams.get('code')!,
        codeVerifier: verifier,
        redirectUri: REDIRECT,
      }),
    )
    await expect(again).rejects.toBeInstanceOf(InvalidGrantException)
    const refreshed = await oidc.send(
      new CreateTokenCommand({
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        grantType: 'refresh_token',
        refreshToken: tokens.refreshToken,
      }),
    )
    expect(refreshed.accessToken).not.toBe(tokens.accessToken)
    expect(fake.sso.counts().grants).toMatchObject({ authorization_code: 1, refresh_token: 1 })
  })

  it('a wrong verifier is InvalidGrantException', async () => {
    const client = await registerCodeClient()
    const challenge = createHash('sha256').update('right'.repeat(10)).digest('base64url')
    const back = await authorizeInBrowser(client.clientId!, challenge, 'st2')
    const wrong = oidc.send(
      new CreateTokenCommand({
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        grantType: 'authorization_code',
        code: back.searchParams.get('code')!,
        codeVerifier: 'wrong'.repeat(10),
        redirectUri: REDIRECT,
      }),
    )
    await expect(wrong).rejects.toMatchObject({ name: 'InvalidGrantException', error: 'invalid_grant' })
  })
})

describe('client-sso', () => {
  it('lists, pages, gets credentials STS accepts, and logs out', async () => {
    const { tokens } = await signedIn()
    const accessToken = tokens.accessToken!
    const accounts = await portal.send(new ListAccountsCommand({ accessToken }))
    expect(accounts.accountList!.map((a) => a.accountId)).toEqual(Object.values(DEMO_SSO_ACCOUNTS).map((a) => a.id))
    const roles: string[] = []
    for await (const page of paginateListAccountRoles(
      { client: portal, pageSize: 1 },
      { accessToken, accountId: DEMO_SSO_ACCOUNTS.staging.id },
    ))
      roles.push(...page.roleList!.map((r) => r.roleName!))
    expect(roles).toEqual(['AdministratorAccess', 'ReadOnlyAccess', 'PowerUserAccess'])
    const { roleCredentials } = await portal.send(
      new GetRoleCredentialsCommand({
        accessToken,
        accountId: DEMO_SSO_ACCOUNTS.staging.id,
        roleName: 'ReadOnlyAccess',
      }),
    )
    const who = await sdkClient(fake.url, {
      accessKeyId: roleCredentials!.accessKeyId!,
      secretAccessKey: roleCredentials!.secretAccessKey!,
      sessionToken: roleCredentials!.sessionToken!,
    }).send(new GetCallerIdentityCommand({}))
    expect(who.Arn).toMatch(
      /^arn:aws:sts::333333333333:assumed-role\/AWSReservedSSO_ReadOnlyAccess_[0-9a-f]{16}\/rolecall-demo$/,
    )
    await portal.send(new LogoutCommand({ accessToken }))
    await expect(portal.send(new ListAccountsCommand({ accessToken }))).rejects.toBeInstanceOf(UnauthorizedException)
  })

  it('TooManyRequestsException while throttled; UnauthorizedException once tokens expire', async () => {
    const { tokens } = await signedIn()
    const accessToken = tokens.accessToken!
    fake.sso.throttle(1)
    await expect(
      portal.send(new ListAccountRolesCommand({ accessToken, accountId: DEMO_SSO_ACCOUNTS.dev.id })),
    ).rejects.toBeInstanceOf(TooManyRequestsException)
    fake.sso.expireAccessTokens()
    await expect(portal.send(new ListAccountsCommand({ accessToken }))).rejects.toMatchObject({
      name: 'UnauthorizedException',
      message: 'Session token not found or invalid',
      $metadata: { httpStatusCode: 401 },
    })
  })
})
