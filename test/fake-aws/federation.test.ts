// The federation endpoint and the console over real HTTP: getSigninToken's rules, Action=login with its
// cookie and redirect, logout, the console pages, expiry, and "You must first log out".
import { request as httpRequest } from 'node:http'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { AssumeRoleCommand, GetFederationTokenCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts'
import { manualClock, startFakeAws, type FakeAws } from './index'
import { keysOf, sdkClient, type Keys } from './sts-client'
import { ALICE_KEY, ALICE_MFA, ROLES, testOrg } from './test-org'
import { CookieJar } from './cookie-jar'
import { SESSION_TOKEN_LENGTH, SIGNIN_TOKEN_LENGTH } from './ids'

const ALLOW_ALL = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}'
const clock = manualClock(Date.now())
let fake: FakeAws
const sts = (keys: Keys) => sdkClient(fake.url, keys, 'eu-west-1', clock.now() - Date.now())

beforeAll(async () => {
  fake = await startFakeAws({ fixture: testOrg, now: clock.now })
})
afterAll(() => fake.close())
beforeEach(() => clock.advance(60_000))

const roleCreds = async (roleArn = ROLES.readOnly, session = 'alice', caller: Keys = ALICE_KEY) =>
  keysOf((await sts(caller).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: session }))).Credentials)
const fedCreds = async (policy?: string) =>
  keysOf(
    (await sts(ALICE_KEY).send(new GetFederationTokenCommand({ Name: 'alice', ...(policy ? { Policy: policy } : {}) })))
      .Credentials,
  )
const mfaSessionCreds = async () =>
  keysOf(
    (
      await sts(ALICE_KEY).send(
        new GetSessionTokenCommand({ SerialNumber: ALICE_MFA.serial, TokenCode: fake.totp(ALICE_MFA.serial) }),
      )
    ).Credentials,
  )

const sessionJson = (k: Keys) =>
  JSON.stringify({ sessionId: k.accessKeyId, sessionKey: k.secretAccessKey, sessionToken: k.sessionToken })

function getSigninToken(
  keys: Keys,
  extra: Record<string, string> = {},
  method: 'GET' | 'POST' = 'GET',
): Promise<Response> {
  const params = new URLSearchParams({ Action: 'getSigninToken', ...extra, Session: sessionJson(keys) })
  return method === 'GET'
    ? fetch(`${fake.signinEndpoint}?${params}`)
    : fetch(fake.signinEndpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: params.toString(),
      })
}

async function signinToken(keys: Keys, extra: Record<string, string> = {}): Promise<string> {
  const response = await getSigninToken(keys, extra)
  expect(response.status).toBe(200)
  return ((await response.json()) as { SigninToken: string }).SigninToken
}

const loginUrl = (
  token: string,
  destination = fake.consoleUrl('eu-west-1'),
  issuer = 'https://rolecall.invalid/relogin',
) =>
  `${fake.signinEndpoint}?${new URLSearchParams({ Action: 'login', Issuer: issuer, Destination: destination, SigninToken: token })}`

/** GET with a Host header of our choosing (what a browser sends when the stand-in serves AWS's host names). */
function getWithHost(url: URL, host: string): Promise<{ status: number; location: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, headers: { host }, setHost: false },
      (res) => {
        res.resume()
        res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location }))
      },
    )
    req.on('error', reject)
    req.end()
  })
}

const whoami = async (jar: CookieJar) =>
  (await jar.fetch(`${fake.consoleBase}/__whoami`)).json() as Promise<Record<string, unknown>>

describe('getSigninToken', () => {
  it('exchanges AssumeRole credentials (GET) for a sign-in token', async () => {
    const response = await getSigninToken(await roleCreds())
    expect(response.headers.get('content-type')).toBe('application/json')
    expect(Object.keys(await response.json())).toEqual(['SigninToken'])
  })

  it('deals in AWS-sized tokens: session and sign-in tokens of over 1,000 characters, and recognises only its own', async () => {
    const role = await roleCreds()
    expect(role.sessionToken!.length).toBeGreaterThanOrEqual(SESSION_TOKEN_LENGTH.min)
    expect(role.sessionToken!.length).toBeLessThanOrEqual(SESSION_TOKEN_LENGTH.max)
    expect(role.sessionToken).toMatch(/^IQoJb3JpZ2luX2Vj[A-Za-z0-9+/]+==$/)
    const token = await signinToken(role)
    expect(token.length).toBeGreaterThanOrEqual(SIGNIN_TOKEN_LENGTH.min)
    expect(token.length).toBeLessThanOrEqual(SIGNIN_TOKEN_LENGTH.max)
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/)
    // One character changed anywhere (here: the last) is another token, and so is the token cut short.
    const last = token.at(-1) === 'A' ? 'B' : 'A'
    expect((await new CookieJar().fetch(loginUrl(token.slice(0, -1) + last))).status).toBe(400)
    expect((await new CookieJar().fetch(loginUrl(token.slice(0, 1000)))).status).toBe(400)
    expect((await getSigninToken({ ...role, sessionToken: role.sessionToken!.slice(0, -3) + '==' })).status).toBe(400)
    expect((await new CookieJar().fetch(loginUrl(token))).status).toBe(302)
  })

  it('accepts a form POST and GetFederationToken credentials', async () => {
    expect((await getSigninToken(await fedCreds(ALLOW_ALL), {}, 'POST')).status).toBe(200)
  })

  it('refuses GetSessionToken credentials, long-term keys and wrong or expired secrets with HTTP 400', async () => {
    expect((await getSigninToken(await mfaSessionCreds())).status).toBe(400)
    expect((await getSigninToken(ALICE_KEY)).status).toBe(400)
    const role = await roleCreds()
    // Change the first character to one it is not: a random secret starts with 'x' one time in 64.
    const wrongSecret = (role.secretAccessKey.startsWith('x') ? 'y' : 'x') + role.secretAccessKey.slice(1)
    expect((await getSigninToken({ ...role, secretAccessKey: wrongSecret })).status).toBe(400)
    expect((await getSigninToken({ ...role, sessionToken: undefined })).status).toBe(400)
    expect((await fetch(`${fake.signinEndpoint}?Action=getSigninToken&Session=not-json`)).status).toBe(400)
    clock.advance(3600_000)
    expect((await getSigninToken(role)).status).toBe(400)
  })

  it('accepts SessionDuration only for a role assumed with long-term keys', async () => {
    expect((await getSigninToken(await roleCreds(), { SessionDuration: '43200' })).status).toBe(200)
    expect((await getSigninToken(await fedCreds(ALLOW_ALL), { SessionDuration: '3600' })).status).toBe(400)
    const viaMfaSession = await roleCreds(ROLES.admin, 'chained', await mfaSessionCreds())
    expect((await getSigninToken(viaMfaSession)).status).toBe(200)
    expect((await getSigninToken(viaMfaSession, { SessionDuration: '900' })).status).toBe(400)
    expect((await getSigninToken(await roleCreds(), { SessionDuration: '899' })).status).toBe(400)
    expect((await getSigninToken(await roleCreds(), { SessionDuration: '43201' })).status).toBe(400)
  })

  it('counts calls, refused ones included', async () => {
    fake.resetCounts()
    await getSigninToken(await roleCreds())
    await getSigninToken(ALICE_KEY)
    expect(fake.counts()).toMatchObject({ getSigninToken: 2, AssumeRole: 1 })
    expect(fake.failedCounts()).toMatchObject({ getSigninToken: 1 })
  })
})

describe('login and the console', () => {
  it('sets the console cookie, redirects to Destination, and the console shows the identity and the page asked for', async () => {
    const jar = new CookieJar()
    const destination = fake.consoleUrl('eu-west-1', '/ec2/home#Instances:')
    const response = await jar.fetch(
      loginUrl(await signinToken(await roleCreds(ROLES.readOnly, 'alice@example.com')), destination),
    )
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe(destination)
    expect(jar.size).toBe(1)
    const page = await (await jar.fetch(destination)).text()
    expect(page).toContain('data-testid="account">123456789012<')
    expect(page).toContain('data-testid="role-name">ReadOnly<')
    expect(page).toContain('data-testid="session-name">alice@example.com<')
    expect(page).toContain('data-testid="requested-path">/console/ec2/home?region=eu-west-1<')
    expect(page).toContain('data-testid="region">eu-west-1<')
    expect(await whoami(jar)).toMatchObject({
      signedIn: true,
      expired: false,
      account: '123456789012',
      roleName: 'ReadOnly',
      sessionName: 'alice@example.com',
      arn: 'arn:aws:sts::123456789012:assumed-role/ReadOnly/alice@example.com',
      issuer: 'https://rolecall.invalid/relogin',
      permissions: 'role',
    })
  })

  it('a sign-in token works once', async () => {
    const token = await signinToken(await roleCreds())
    expect((await new CookieJar().fetch(loginUrl(token))).status).toBe(302)
    expect((await new CookieJar().fetch(loginUrl(token))).status).toBe(400)
  })

  it('a sign-in token lasts 15 minutes', async () => {
    const token = await signinToken(await roleCreds())
    const late = await signinToken(await roleCreds())
    clock.advance(15 * 60_000 - 1)
    expect((await new CookieJar().fetch(loginUrl(token))).status).toBe(302)
    clock.advance(1)
    expect((await new CookieJar().fetch(loginUrl(late))).status).toBe(400)
  })

  it('only sends the browser on to console pages', async () => {
    const token = await signinToken(await roleCreds())
    expect((await new CookieJar().fetch(loginUrl(token, 'https://evil.example/'))).status).toBe(400)
    expect((await new CookieJar().fetch(loginUrl(token, `${fake.url}/federation`))).status).toBe(400)
  })

  it('sends the browser on to a real console host of any partition (regional, bare, multi-session)', async () => {
    const real = [
      'https://console.aws.amazon.com/',
      'https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1',
      'https://us-east-1.console.aws.amazon.com/ec2/home?region=us-east-1#Instances:',
      'https://123456789012-abcd1234.eu-west-1.console.aws.amazon.com/s3/home',
      'https://console.amazonaws.cn/',
      'https://cn-north-1.console.amazonaws.cn/console/home',
      'https://console.amazonaws-us-gov.com/',
      'https://us-gov-west-1.console.amazonaws-us-gov.com/iam/home',
    ]
    for (const destination of real) {
      const jar = new CookieJar()
      const response = await jar.fetch(loginUrl(await signinToken(await roleCreds()), destination))
      expect([response.status, response.headers.get('location')], destination).toEqual([302, destination])
      expect(await whoami(jar)).toMatchObject({ signedIn: true, roleName: 'ReadOnly' })
    }
  })

  it('refuses look-alikes of console hosts, and keeps the token for a corrected URL', async () => {
    const token = await signinToken(await roleCreds())
    for (const destination of [
      'http://console.aws.amazon.com/',
      'https://console.aws.amazon.com.evil.example/',
      'https://evilconsole.aws.amazon.com/',
      'https://moon-1.console.aws.amazon.com/',
      'https://cn-north-1.console.aws.amazon.com/',
      'https://eu-west-1.console.amazonaws.cn/',
      'https://a.b.eu-west-1.console.aws.amazon.com/',
      'https://user:pw@console.aws.amazon.com/',
      'https://signin.aws.amazon.com/federation',
      'javascript:alert(1)',
    ]) {
      const response = await new CookieJar().fetch(loginUrl(token, destination))
      expect(response.status, destination).toBe(400)
      expect(await response.text()).toContain('data-testid="signin-error"')
    }
    expect((await new CookieJar().fetch(loginUrl(token, 'https://console.aws.amazon.com/'))).status).toBe(302)
  })

  it('behind a sign-in host name, takes only console hosts of that partition', async () => {
    const at = async (signinHost: string, destination: string) => {
      const url = new URL(loginUrl(await signinToken(await roleCreds()), destination))
      return (await getWithHost(url, signinHost)).status
    }
    expect(await at('signin.aws.amazon.com', 'https://eu-west-1.console.aws.amazon.com/')).toBe(302)
    expect(await at('us-east-1.signin.aws.amazon.com', 'https://console.aws.amazon.com/')).toBe(302)
    expect(await at('signin.aws.amazon.com', 'https://console.amazonaws.cn/')).toBe(400)
    expect(await at('signin.amazonaws.cn', 'https://cn-north-1.console.amazonaws.cn/')).toBe(302)
    expect(await at('signin.amazonaws.cn', 'https://console.aws.amazon.com/')).toBe(400)
    expect(await at('signin.amazonaws-us-gov.com', 'https://console.amazonaws-us-gov.com/')).toBe(302)
    expect(await at('signin.amazonaws-us-gov.com', 'https://eu-west-1.console.aws.amazon.com/')).toBe(400)
  })

  it('a federated user without a session policy sees "no permissions"', async () => {
    const jar = new CookieJar()
    await jar.fetch(loginUrl(await signinToken(await fedCreds())))
    const page = await (await jar.fetch(fake.consoleUrl('us-east-1'))).text()
    expect(page).toContain('data-permissions="none"')
    expect(page).toContain('No permissions')
    expect(await whoami(jar)).toMatchObject({
      principalType: 'federated-user',
      federatedUser: 'alice',
      permissions: 'none',
    })
  })

  it('without a cookie the console says "not signed in"', async () => {
    const page = await (await new CookieJar().fetch(fake.consoleUrl('eu-west-1'))).text()
    expect(page).toContain('data-testid="not-signed-in"')
    expect(await whoami(new CookieJar())).toEqual({ signedIn: false })
  })

  it('logout clears the session and follows redirect_uri', async () => {
    const jar = new CookieJar()
    await jar.fetch(loginUrl(await signinToken(await roleCreds())))
    const response = await jar.fetch(
      `${fake.logoutUrl}&redirect_uri=${encodeURIComponent(fake.consoleUrl('eu-west-1'))}`,
    )
    expect([response.status, response.headers.get('location')]).toEqual([302, fake.consoleUrl('eu-west-1')])
    expect(jar.size).toBe(0)
    expect(await whoami(jar)).toEqual({ signedIn: false })
  })

  it('each cookie jar holds its own identity', async () => {
    const a = new CookieJar()
    const b = new CookieJar()
    await a.fetch(loginUrl(await signinToken(await roleCreds(ROLES.readOnly, 'in-a'))))
    await b.fetch(loginUrl(await signinToken(await fedCreds(ALLOW_ALL))))
    expect(await whoami(a)).toMatchObject({ roleName: 'ReadOnly', sessionName: 'in-a' })
    expect(await whoami(b)).toMatchObject({ federatedUser: 'alice', permissions: 'allow-all' })
  })
})

describe('expiry', () => {
  it('the console session lasts as long as the credentials, then shows "session expired" linking to the Issuer', async () => {
    const jar = new CookieJar()
    const out = await sts(ALICE_KEY).send(
      new AssumeRoleCommand({ RoleArn: ROLES.readOnly, RoleSessionName: 'exp', DurationSeconds: 900 }),
    )
    await jar.fetch(
      loginUrl(
        await signinToken(keysOf(out.Credentials)),
        fake.consoleUrl('eu-west-1'),
        'https://rolecall.invalid/relogin?profile=a&b=1',
      ),
    )
    expect((await whoami(jar)).expiresAtMs).toBe(out.Credentials!.Expiration!.getTime())
    clock.set(out.Credentials!.Expiration!.getTime() - 1)
    expect((await jar.fetch(fake.consoleUrl('eu-west-1', '/s3/home'))).status).toBe(200)
    clock.advance(1)
    const { response, urls } = await jar.follow(fake.consoleUrl('eu-west-1', '/s3/home'))
    expect(urls.at(-1)).toBe(`${fake.url}/session-expired`)
    const page = await response.text()
    expect(page).toContain('data-testid="session-expired"')
    expect(page).toContain('href="https://rolecall.invalid/relogin?profile=a&amp;b=1"')
    expect(page).not.toContain('/s3/home')
    expect(await whoami(jar)).toMatchObject({ signedIn: true, expired: true })
  })

  it('SessionDuration sets the console session length', async () => {
    const jar = new CookieJar()
    await jar.fetch(loginUrl(await signinToken(await roleCreds(), { SessionDuration: '7200' })))
    expect((await whoami(jar)).expiresAtMs).toBe(clock.now() + 7200_000)
  })

  it('escapes the Issuer and refuses to link a script URL', async () => {
    const jar = new CookieJar()
    await jar.fetch(
      loginUrl(
        await signinToken(await roleCreds()),
        fake.consoleUrl('eu-west-1'),
        'javascript:alert(1)//"><script>x</script>',
      ),
    )
    fake.expireConsoleSessions()
    const page = await (await jar.follow(fake.consoleUrl('eu-west-1'))).response.text()
    expect(page).not.toContain('<script>x')
    expect(page).not.toContain('data-testid="issuer-link"')
  })
})

describe('"You must first log out"', () => {
  it('appears when the jar holds a live session of another identity, and the same URL works after logging out', async () => {
    const jar = new CookieJar()
    await jar.fetch(loginUrl(await signinToken(await roleCreds(ROLES.readOnly, 'first'))))
    const second = loginUrl(await signinToken(await roleCreds(ROLES.pathed, 'second')))
    const refused = await jar.fetch(second)
    expect(refused.status).toBe(200)
    const page = await refused.text()
    expect(page).toContain('data-testid="must-log-out"')
    expect(await whoami(jar)).toMatchObject({ roleName: 'ReadOnly', sessionName: 'first' })
    const logoutHref = /data-testid="logout-link" href="([^"]+)"/.exec(page)![1]!.replace(/&amp;/g, '&')
    const { urls } = await jar.follow(new URL(logoutHref, fake.url).href)
    expect(urls).toContain(second)
    expect(await whoami(jar)).toMatchObject({ roleName: 'Pathed', sessionName: 'second' })
  })

  it('does not appear for the same role (a refresh replaces the session) or over an expired session', async () => {
    const jar = new CookieJar()
    await jar.fetch(loginUrl(await signinToken(await roleCreds(ROLES.readOnly, 'one'))))
    expect((await jar.fetch(loginUrl(await signinToken(await roleCreds(ROLES.readOnly, 'two'))))).status).toBe(302)
    expect(await whoami(jar)).toMatchObject({ sessionName: 'two' })
    fake.expireConsoleSessions()
    expect((await jar.fetch(loginUrl(await signinToken(await fedCreds(ALLOW_ALL))))).status).toBe(302)
    expect(await whoami(jar)).toMatchObject({ principalType: 'federated-user', expired: false })
  })
})
