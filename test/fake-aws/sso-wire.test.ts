// IAM Identity Center on the wire: the OIDC service, /authorize and the device page, host names and the demo's
// lines; statuses, headers and bodies (the portal API: sso-portal.test.ts).
import { createHash, randomBytes } from 'node:crypto'
import { request } from 'node:http'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { manualClock } from './clock'
import { describeDemo } from './cli'
import { DEMO_SSO_CONFIG, DEMO_SSO_PASSWORD, DEMO_SSO_START_URL, DEMO_SSO_USER } from './demo-org'
import { startFakeAws, type FakeAws } from './index'
import { deviceTokens, post, register } from './sso-test-client'
import { awsHostNames, awsHostOf } from './tls/aws-hosts'

const clock = manualClock(Date.now())
let fake: FakeAws
beforeAll(async () => {
  fake = await startFakeAws({ now: clock.now, testApi: true })
})
afterAll(() => fake.close())
beforeEach(() => {
  clock.advance(10_000)
  fake.sso.throttle(0)
  fake.sso.setAutoApprove(false)
})

describe('host names', () => {
  it('names the OIDC, portal and device hosts of every region in the certificate, and routes them', () => {
    const names = awsHostNames()
    for (const n of [
      'oidc.eu-west-1.amazonaws.com',
      'portal.sso.us-east-1.amazonaws.com',
      'device.sso.eu-west-1.amazonaws.com',
      'oidc.cn-north-1.amazonaws.com.cn',
      'portal.sso.us-gov-west-1.amazonaws.com',
    ])
      expect(names).toContain(n)
    expect(awsHostOf('oidc.eu-west-1.amazonaws.com')).toEqual({
      kind: 'sso',
      service: 'oidc',
      partition: 'aws',
      region: 'eu-west-1',
    })
    expect(awsHostOf('portal.sso.cn-north-1.amazonaws.com.cn:443')).toMatchObject({
      service: 'portal',
      partition: 'aws-cn',
    })
    expect(awsHostOf('oidc.cn-north-1.amazonaws.com')).toBeUndefined()
    expect(awsHostOf('oidc.moon-1.amazonaws.com')).toBeUndefined()
  })
})

describe('OIDC', () => {
  it('registers a public client for 90 days, in seconds', async () => {
    const res = await post(`${fake.oidcEndpoint}/client/register`, {
      clientName: 'wire',
      clientType: 'public',
      scopes: ['sso:account:access'],
    })
    expect(res.headers.get('content-type')).toBe('application/json')
    const body = (await res.json()) as Record<string, number>
    expect(Object.keys(body).sort()).toEqual(['clientId', 'clientIdIssuedAt', 'clientSecret', 'clientSecretExpiresAt'])
    expect(body.clientIdIssuedAt).toBe(Math.floor(clock.now() / 1000))
    expect(body.clientSecretExpiresAt! - body.clientIdIssuedAt!).toBeCloseTo(90 * 86400, -1)
  })

  it('refuses a confidential client and a non-loopback redirect URI', async () => {
    const confidential = await post(`${fake.oidcEndpoint}/client/register`, {
      clientName: 'x',
      clientType: 'confidential',
    })
    expect(confidential.status).toBe(400)
    expect(confidential.headers.get('x-amzn-errortype')).toMatch(/^InvalidClientMetadataException:/)
    expect(await confidential.json()).toMatchObject({ error: 'invalid_client_metadata' })
    const remote = await post(`${fake.oidcEndpoint}/client/register`, {
      clientName: 'x',
      clientType: 'public',
      grantTypes: ['authorization_code'],
      redirectUris: ['https://example.com/cb'],
    })
    expect(remote.headers.get('x-amzn-errortype')).toMatch(/^InvalidRedirectUriException:/)
  })

  it('starts a device authorisation shaped as AWS answers it', async () => {
    const client = await register(fake)
    const res = await post(`${fake.oidcEndpoint}/device_authorization`, { ...client, startUrl: DEMO_SSO_START_URL })
    const body = (await res.json()) as Record<string, unknown>
    expect(body).toEqual({
      deviceCode: expect.any(String),
      userCode: expect.stringMatching(/^[A-Z]{4}-[A-Z]{4}$/),
      verificationUri: `${fake.url}/sso-device/eu-west-1/`,
      verificationUriComplete: `${fake.url}/sso-device/eu-west-1/?user_code=${String(body.userCode)}`,
      expiresIn: 600,
      interval: 1,
    })
  })

  it('on the real host name, points at device.sso.<region>.amazonaws.com', async () => {
    const client = await register(fake)
    // One service, two faces: a client registered at the loopback prefix is known on the host name too.
    const body = JSON.stringify({ ...client, startUrl: DEMO_SSO_START_URL })
    const answer = await new Promise<string>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: fake.port,
          method: 'POST',
          path: '/device_authorization',
          headers: { host: 'oidc.eu-west-1.amazonaws.com', 'content-type': 'application/json' },
        },
        (res) => {
          let text = ''
          res.on('data', (c: Buffer) => (text += c.toString()))
          res.on('end', () => resolve(text))
        },
      )
      req.on('error', reject)
      req.end(body)
    })
    expect(JSON.parse(answer)).toMatchObject({
      verificationUri: 'https://device.sso.eu-west-1.amazonaws.com/',
    })
  })

  it('polls: authorization_pending, slow_down, then tokens once; the device code is spent', async () => {
    const client = await register(fake)
    const auth = (await (
      await post(`${fake.oidcEndpoint}/device_authorization`, { ...client, startUrl: DEMO_SSO_START_URL })
    ).json()) as { deviceCode: string; userCode: string }
    const poll = () =>
      post(`${fake.oidcEndpoint}/token`, {
        ...client,
        grantType: 'urn:ietf:params:oauth:grant-type:device_code',
        deviceCode: auth.deviceCode,
      })
    const pending = await poll()
    expect(pending.status).toBe(400)
    expect(pending.headers.get('x-amzn-errortype')).toBe(
      'AuthorizationPendingException:http://internal.amazon.com/coral/com.amazonaws.sso.oidc/',
    )
    expect(await pending.json()).toEqual({
      error: 'authorization_pending',
      error_description: 'Authorization is still pending',
    })
    expect(await (await poll()).json()).toMatchObject({ error: 'slow_down' })
    const approve = await fetch(`${fake.url}/__test/sso/approve?user_code=${auth.userCode}`, { method: 'POST' })
    expect(approve.status).toBe(200)
    clock.advance(1000)
    const tokens = await poll()
    expect(await tokens.json()).toEqual({
      accessToken: expect.any(String),
      tokenType: 'Bearer',
      expiresIn: 3600,
      refreshToken: expect.any(String),
    })
    clock.advance(1000)
    expect(await (await poll()).json()).toMatchObject({ error: 'invalid_grant' })
  })

  it('expired_token after 10 minutes; access_denied when the user denies on the device page', async () => {
    const client = await register(fake)
    const start = async () =>
      (await (
        await post(`${fake.oidcEndpoint}/device_authorization`, { ...client, startUrl: DEMO_SSO_START_URL })
      ).json()) as { deviceCode: string; userCode: string }
    const poll = (deviceCode: string) =>
      post(`${fake.oidcEndpoint}/token`, {
        ...client,
        grantType: 'urn:ietf:params:oauth:grant-type:device_code',
        deviceCode,
      })
    const old = await start()
    clock.advance(600_000)
    expect(await (await poll(old.deviceCode)).json()).toMatchObject({ error: 'expired_token' })
    const denied = await start()
    const form = (fields: Record<string, string>, cookie = '') =>
      fetch(fake.deviceUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
        body: new URLSearchParams(fields),
      })
    const signin = await form({
      step: 'signin',
      user_code: denied.userCode,
      username: DEMO_SSO_USER,
      password: DEMO_SSO_PASSWORD,
    })
    expect(signin.status).toBe(200)
    const cookie = signin.headers.get('set-cookie')!.split(';')[0]!
    expect(await signin.text()).toContain('data-testid="sso-consent-page"')
    const deny = await form({ step: 'consent', user_code: denied.userCode, decision: 'deny' }, cookie)
    expect(await deny.text()).toContain('sso-denied')
    const res = await poll(denied.deviceCode)
    expect(res.headers.get('x-amzn-errortype')).toMatch(/^AccessDeniedException:/)
    expect(await res.json()).toMatchObject({ error: 'access_denied' })
  })

  it('refresh tokens only for sso:account:access; they stop with the portal session', async () => {
    const legacy = await deviceTokens(fake, await register(fake, {}))
    expect(legacy.refreshToken).toBeUndefined()
    expect(legacy.expiresIn).toBe(8 * 3600)
    const client = await register(fake)
    const tokens = await deviceTokens(fake, client)
    const refresh = () =>
      post(`${fake.oidcEndpoint}/token`, { ...client, grantType: 'refresh_token', refreshToken: tokens.refreshToken })
    expect((await refresh()).status).toBe(200)
    const before = fake.sso.counts().grants.refresh_token
    expect(before).toBeGreaterThan(0)
    await fetch(`${fake.url}/__test/sso/end-portal-sessions`, { method: 'POST' })
    const ended = await refresh()
    expect(ended.status).toBe(400)
    expect(await ended.json()).toMatchObject({ error: 'invalid_grant' })
  })

  it('an unknown client is invalid_client, HTTP 401', async () => {
    const res = await post(`${fake.oidcEndpoint}/token`, {
      clientId: 'x',
      clientSecret: 'y',
      grantType: 'refresh_token',
      refreshToken: 'z',
    })
    expect(res.status).toBe(401)
    expect(res.headers.get('x-amzn-errortype')).toMatch(/^InvalidClientException:/)
    expect(await res.json()).toMatchObject({ error: 'invalid_client' })
  })
})

describe('/authorize (authorisation code with PKCE)', () => {
  const verifier = randomBytes(32).toString('base64url')
  const challenge = createHash('sha256').update(verifier).digest('base64url')
  const redirectUri = 'http://127.0.0.1/mozoauth2/abc123'

  async function codeClient() {
    return register(fake, {
      scopes: ['sso:account:access'],
      grantTypes: ['authorization_code', 'refresh_token'],
      redirectUris: [redirectUri],
      issuerUrl: DEMO_SSO_START_URL,
    })
  }
  const authorizeUrl = (clientId: string, uri = redirectUri) =>
    `${fake.oidcEndpoint}/authorize?${new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: uri, state: 's1', code_challenge: challenge, code_challenge_method: 'S256', scopes: 'sso:account:access' })}`

  it('signs in, asks consent, redirects with a code the token endpoint takes with the verifier', async () => {
    const client = await codeClient()
    const first = await fetch(authorizeUrl(client.clientId), { redirect: 'manual' })
    expect(await first.text()).toContain('data-testid="sso-signin-page"')
    const carry = {
      response_type: 'code',
      client_id: client.clientId,
      redirect_uri: redirectUri,
      state: 's1',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    }
    const form = (fields: Record<string, string>, cookie = '') =>
      fetch(`${fake.oidcEndpoint}/authorize`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
        body: new URLSearchParams({ ...carry, ...fields }),
      })
    expect((await form({ step: 'signin', username: DEMO_SSO_USER, password: 'wrong' })).status).toBe(401)
    const signedIn = await form({ step: 'signin', username: DEMO_SSO_USER, password: DEMO_SSO_PASSWORD })
    const cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!
    const allowed = await form({ step: 'consent', decision: 'allow' }, cookie)
    expect(allowed.status).toBe(302)
    const back = new URL(allowed.headers.get('location')!)
    expect(back.origin + back.pathname).toBe(redirectUri)
    expect(back.searchParams.get('state')).toBe('s1')
    const token = (body: Record<string, string>) =>
      post(`${fake.oidcEndpoint}/token`, {
        ...client,
        grantType: 'authorization_code',
        code: back.searchParams.get('code'),
        redirectUri,
        codeVerifier: verifier,
        ...body,
      })
    expect(await (await token({ codeVerifier: 'wrong'.padEnd(43, 'x') })).json()).toMatchObject({
      error: 'invalid_grant',
    })

    // The cookie means the next /authorize asks consent only; deny sends access_denied back.
    const again = await fetch(authorizeUrl(client.clientId), { redirect: 'manual', headers: { cookie } })
    expect(await again.text()).toContain('data-testid="sso-consent-page"')
    const denied = await form({ step: 'consent', decision: 'deny' }, cookie)
    expect(new URL(denied.headers.get('location')!).searchParams.get('error')).toBe('access_denied')

    fake.sso.setAutoApprove(true)
    const auto = await fetch(authorizeUrl(client.clientId, 'http://127.0.0.1:4321/mozoauth2/abc123'), {
      redirect: 'manual',
    })
    expect(auto.status).toBe(302)
    const code = new URL(auto.headers.get('location')!).searchParams.get('code')!
    const ok = await post(`${fake.oidcEndpoint}/token`, {
      ...client,
      grantType: 'authorization_code',
      code,
      redirectUri: 'http://127.0.0.1:4321/mozoauth2/abc123',
      codeVerifier: verifier,
    })
    expect(await ok.json()).toMatchObject({ tokenType: 'Bearer', refreshToken: expect.any(String) })
  })

  it('shows an error page (no redirect) for an unregistered redirect URI', async () => {
    const client = await codeClient()
    const res = await fetch(authorizeUrl(client.clientId, 'http://127.0.0.1/elsewhere'), { redirect: 'manual' })
    expect(res.status).toBe(400)
  })
})

describe('the demo', () => {
  it('prints the endpoints as "<Label>: <value>" lines botocore can use as endpoint_url', () => {
    const text = describeDemo(fake)
    const line = (label: string) => new RegExp(`^ *${label}: (\\S+)$`, 'm').exec(text)?.[1]
    expect(line('OIDC endpoint')).toBe(`${fake.url}/sso-oidc/eu-west-1`)
    expect(line('Portal endpoint')).toBe(`${fake.url}/sso-portal/eu-west-1`)
    expect(line('STS endpoint')).toBe(fake.url)
    expect(line('Sign-in endpoint')).toBe(`${fake.url}/federation`)
    expect(line('Start URL')).toBe(DEMO_SSO_START_URL)
    expect(line('Identity Center region')).toBe('eu-west-1')
    expect(text).toContain(DEMO_SSO_CONFIG.trimEnd())
  })

  it('has an sso-session, three profiles on it, a legacy profile and a chained one', () => {
    expect(DEMO_SSO_CONFIG).toMatch(
      /^\[sso-session demo\]\nsso_start_url = https:\/\/d-[0-9a-f]{10}\.awsapps\.com\/start\n/m,
    )
    expect(DEMO_SSO_CONFIG.match(/^sso_session = demo$/gm)).toHaveLength(3)
    expect(DEMO_SSO_CONFIG.match(/^sso_registration_scopes = sso:account:access$/gm)).toHaveLength(1)
    expect(DEMO_SSO_CONFIG).toMatch(/\[profile sso-legacy\]\nsso_start_url = /)
    expect(DEMO_SSO_CONFIG).toMatch(/\[profile sso-data\]\nsource_profile = sso-dev-admin\nrole_arn = /)
  })

  it('serves the device page: a code form, then sign-in', async () => {
    const blank = await fetch(fake.deviceUrl)
    expect(await blank.text()).toContain('data-testid="sso-code-page"')
    const client = await register(fake)
    const auth = (await (
      await post(`${fake.oidcEndpoint}/device_authorization`, { ...client, startUrl: DEMO_SSO_START_URL })
    ).json()) as { userCode: string; verificationUriComplete: string }
    expect(await (await fetch(auth.verificationUriComplete)).text()).toContain(auth.userCode)
    const next = await fetch(fake.deviceUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ step: 'code', user_code: auth.userCode.toLowerCase() }),
    })
    expect(await next.text()).toContain('data-testid="sso-signin-page"')
    const wrong = await fetch(fake.deviceUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ step: 'code', user_code: 'XXXX-XXXX' }),
    })
    expect(wrong.status).toBe(400)
  })

  it('a registration expires after 90 days: invalid_client', async () => {
    const client = await register(fake)
    clock.advance(90 * 86400 * 1000)
    const res = await post(`${fake.oidcEndpoint}/device_authorization`, { ...client, startUrl: DEMO_SSO_START_URL })
    expect(res.status).toBe(401)
  })
})

describe('the time scale', () => {
  it('shortens tokens and sessions, not the device code a person has to approve', async () => {
    const scaled = await startFakeAws({ timeScale: 0.01 })
    try {
      const call = async (path: string, body: Record<string, unknown>) =>
        (await (await post(`${scaled.oidcEndpoint}${path}`, body)).json()) as Record<string, any>
      const client = await call('/client/register', {
        clientName: 'scaled',
        clientType: 'public',
        scopes: ['sso:account:access'],
      })
      expect(client.clientSecretExpiresAt - client.clientIdIssuedAt).toBe(Math.round(90 * 864))
      const ids = { clientId: client.clientId, clientSecret: client.clientSecret }
      const auth = await call('/device_authorization', { ...ids, startUrl: DEMO_SSO_START_URL })
      expect(auth.expiresIn).toBe(600)
      scaled.sso.approve(auth.userCode)
      const tokens = await call('/token', {
        ...ids,
        grantType: 'urn:ietf:params:oauth:grant-type:device_code',
        deviceCode: auth.deviceCode,
      })
      expect(tokens.expiresIn).toBe(36)
    } finally {
      await scaled.close()
    }
  })
})
