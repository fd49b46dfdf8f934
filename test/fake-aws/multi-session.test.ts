// The console's multi-session support in the stand-in (multi-session.ts; what is documented and what is only
// modelled: README.md): one cookie jar holds up to 5 identities, each under its own /console/s/<account>-<8 hex>/
// path, with the opt-in cookie and the pages' awsc-session-data meta; the logout-then-login hop fails with HTTP
// 400; the 6th gets the limit page; the same identity again refreshes its own session; logout ends one or all.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { AssumeRoleCommand, GetFederationTokenCommand } from '@aws-sdk/client-sts'
import { manualClock, startFakeAws, type FakeAws } from './index'
import { keysOf, sdkClient, type Keys } from './sts-client'
import { ALICE_KEY, BOB_KEY, ROLES, testOrg } from './test-org'
import { CookieJar } from './cookie-jar'

const ALLOW_ALL = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}'
const clock = manualClock(Date.now())
let fake: FakeAws
const sts = (keys: Keys) => sdkClient(fake.url, keys, 'eu-west-1', clock.now() - Date.now())

beforeAll(async () => {
  fake = await startFakeAws({ fixture: testOrg, now: clock.now, multiSession: true })
})
afterAll(() => fake.close())
beforeEach(() => clock.advance(60_000))

const role = async (roleArn: string, session: string, extra: { ExternalId?: string; DurationSeconds?: number } = {}) =>
  keysOf(
    (await sts(ALICE_KEY).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: session, ...extra })))
      .Credentials,
  )
const federated = async (keys: Keys, name: string) =>
  keysOf((await sts(keys).send(new GetFederationTokenCommand({ Name: name, Policy: ALLOW_ALL }))).Credentials)

/** Five different identities: 3 roles, 2 federated users. */
const FIVE = [
  () => role(ROLES.readOnly, 'alice'),
  () => role(ROLES.pathed, 'alice'),
  () => role(ROLES.partner, 'alice', { ExternalId: 'ext-1' }),
  () => federated(ALICE_KEY, 'alice'),
  () => federated(BOB_KEY, 'bob'),
]

async function loginUrl(
  keys: Keys,
  destination = fake.consoleUrl('eu-west-1'),
  issuer = 'https://rolecall.invalid/relogin?profile=p',
): Promise<string> {
  const session = JSON.stringify({
    sessionId: keys.accessKeyId,
    sessionKey: keys.secretAccessKey,
    sessionToken: keys.sessionToken,
  })
  const response = await fetch(
    `${fake.signinEndpoint}?${new URLSearchParams({ Action: 'getSigninToken', Session: session })}`,
  )
  const { SigninToken } = (await response.json()) as { SigninToken: string }
  return `${fake.signinEndpoint}?${new URLSearchParams({ Action: 'login', Issuer: issuer, Destination: destination, SigninToken })}`
}

const json = async (jar: CookieJar, path: string) =>
  (await jar.fetch(`${fake.url}${path}`)).json() as Promise<Record<string, unknown>>
type Listed = { session: string; arn: string; sessionName: string; expired: boolean }
const listed = async (jar: CookieJar) => (await json(jar, '/console/__whoami')).sessions as Listed[]
/** The session id a login redirect put in the console path. */
const sessionIn = (location: string) => /\/console\/s\/([^/]+)\//.exec(new URL(location).pathname)?.[1]

async function fullJar(): Promise<{ jar: CookieJar; locations: string[] }> {
  const jar = new CookieJar()
  const locations: string[] = []
  for (const make of FIVE) {
    const response = await jar.fetch(await loginUrl(await make()))
    expect(response.status).toBe(302)
    locations.push(response.headers.get('location')!)
  }
  return { jar, locations }
}

describe('multi-session (modelled)', () => {
  it('is off unless asked for, and the test API turns it on and off', async () => {
    const other = await startFakeAws({ fixture: testOrg, testApi: true })
    try {
      expect(other.multiSession()).toBe(false)
      const post = (enabled: string) =>
        fetch(`${other.url}/__test/multi-session?enabled=${enabled}`, { method: 'POST' })
      expect(await (await post('true')).json()).toEqual({ multiSession: true })
      expect(other.multiSession()).toBe(true)
      expect((await post('maybe')).status).toBe(400)
      expect(await (await fetch(`${other.url}/__test/multi-session`)).json()).toEqual({ multiSession: true })
      other.setMultiSession(false)
      expect(await (await post('false')).json()).toEqual({ multiSession: false })
    } finally {
      await other.close()
    }
  })

  it('one jar holds 5 identities side by side, each page under its own session path', async () => {
    const { jar, locations } = await fullJar()
    const ids = locations.map(sessionIn)
    // Like AWS's session hosts: <account>-<8 characters>, one per identity.
    expect(ids.map((id) => id?.slice(0, 12))).toEqual([
      '123456789012',
      '123456789012',
      '123456789012',
      '111111111111',
      '123456789012',
    ])
    expect(ids.every((id) => /^\d{12}-[0-9a-f]{8}$/.test(id ?? ''))).toBe(true)
    expect(new Set(ids).size).toBe(5)
    expect(locations).toEqual(ids.map((id) => `${fake.url}/console/s/${id}/console/home?region=eu-west-1`))
    // The jar's cookie, and the opt-in cookie a browser with multi-session turned on holds.
    expect(jar.size).toBe(2)
    expect(jar.get('aws-prism-opt-in')).toBe('true')
    const sessions = await listed(jar)
    expect(sessions.map((s) => [s.session, s.arn])).toEqual([
      [ids[0], 'arn:aws:sts::123456789012:assumed-role/ReadOnly/alice'],
      [ids[1], 'arn:aws:sts::123456789012:assumed-role/Pathed/alice'],
      [ids[2], 'arn:aws:sts::123456789012:assumed-role/Partner/alice'],
      [ids[3], 'arn:aws:sts::111111111111:federated-user/alice'],
      [ids[4], 'arn:aws:sts::123456789012:federated-user/bob'],
    ])
    // Each session's pages show its own identity; none shows "You must first log out".
    for (const [i, location] of locations.entries()) {
      const page = await (await jar.fetch(location)).text()
      expect(page).toContain(`data-arn="${sessions[i]!.arn}"`)
      expect(page).toContain(`data-console-session="${ids[i]}"`)
      expect(page).not.toContain('must-log-out')
    }
    expect(await json(jar, `/console/s/${ids[2]}/__whoami`)).toMatchObject({ session: ids[2], roleName: 'Partner' })
    // The bare console address asks which session; a path of no session in the jar is "not signed in".
    const chooser = await (await jar.fetch(fake.consoleUrl('eu-west-1', '/ec2/home'))).text()
    expect(chooser).toContain('data-testid="session-chooser"')
    expect(chooser).toContain(`href="/console/s/${ids[3]}/ec2/home?region=eu-west-1"`)
    expect(await (await jar.fetch(`${fake.url}/console/s/999999999999-00000000/ec2/home`)).text()).toContain(
      'data-testid="not-signed-in"',
    )
  })

  it("a Destination on a real console host goes to the session's own host there, as AWS does", async () => {
    const jar = new CookieJar()
    const first = await jar.fetch(
      await loginUrl(
        await role(ROLES.readOnly, 'alice'),
        'https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#Instances:',
      ),
    )
    const host = new URL(first.headers.get('location')!)
    expect(host.hostname).toMatch(/^123456789012-[0-9a-f]{8}\.eu-west-1\.console\.aws\.amazon\.com$/)
    expect(host.pathname + host.search + host.hash).toBe('/ec2/home?region=eu-west-1#Instances:')
    const id = host.hostname.split('.')[0]!
    expect((await listed(jar)).map((s) => s.session)).toEqual([id])
    // The bare host takes the page's region, else the partition's home region; another session's host becomes this one's.
    const bare = await jar.fetch(
      await loginUrl(
        await role(ROLES.readOnly, 'alice'),
        'https://console.aws.amazon.com/s3/home?region=ap-southeast-2',
      ),
    )
    expect(new URL(bare.headers.get('location')!).hostname).toBe(`${id}.ap-southeast-2.console.aws.amazon.com`)
    const home = await jar.fetch(await loginUrl(await role(ROLES.readOnly, 'alice'), 'https://console.aws.amazon.com/'))
    expect(home.headers.get('location')).toBe(`https://${id}.us-east-1.console.aws.amazon.com/`)
    const moved = await jar.fetch(
      await loginUrl(
        await role(ROLES.readOnly, 'alice'),
        'https://111111111111-abcdef12.eu-west-2.console.aws.amazon.com/iam/home',
      ),
    )
    expect(moved.headers.get('location')).toBe(`https://${id}.eu-west-2.console.aws.amazon.com/iam/home`)
  })

  it('a 6th identity gets the limit page and the token stays unspent; after signing out of one it fits', async () => {
    const { jar, locations } = await fullJar()
    const sameRole = await loginUrl(await role(ROLES.readOnly, 'same-role-again'))
    // The same role under another session name is no new identity: it refreshes its own session in place.
    expect((await jar.fetch(sameRole)).headers.get('location')).toBe(locations[0])
    expect((await listed(jar))[0]).toMatchObject({ session: sessionIn(locations[0]!), sessionName: 'same-role-again' })
    expect(await listed(jar)).toHaveLength(5)

    const sixth = await loginUrl(await federated(BOB_KEY, 'bob-two'))
    const refused = await jar.fetch(sixth)
    expect(refused.status).toBe(200)
    const page = await refused.text()
    expect(page).toContain('data-testid="session-limit"')
    expect(page.match(/data-testid="held-session"/g)).toHaveLength(5)
    expect(await listed(jar)).toHaveLength(5)

    const pathed = sessionIn(locations[1]!)
    await jar.fetch(`${fake.logoutUrl}&session=${pathed}`)
    expect((await listed(jar)).map((s) => s.session)).not.toContain(pathed)
    expect(await (await jar.fetch(locations[1]!)).text()).toContain('data-testid="not-signed-in"')
    const joined = await jar.fetch(sixth)
    expect(joined.status).toBe(302)
    const bobTwo = sessionIn(joined.headers.get('location')!)
    expect(await json(jar, `/console/s/${bobTwo}/__whoami`)).toMatchObject({
      arn: 'arn:aws:sts::123456789012:federated-user/bob-two',
    })
    expect(await listed(jar)).toHaveLength(5)
  })

  it('an expired session does not count toward the limit, and its pages link to its own Issuer', async () => {
    const jar = new CookieJar()
    const short = await role(ROLES.readOnly, 'short', { DurationSeconds: 900 })
    const first = (
      await jar.fetch(
        await loginUrl(short, fake.consoleUrl('eu-west-1'), 'https://rolecall.invalid/relogin?profile=short'),
      )
    ).headers.get('location')!
    for (const make of FIVE.slice(1)) await jar.fetch(await loginUrl(await make()))
    clock.advance(900_000)
    const { response, urls } = await jar.follow(first.replace('/console/home', '/s3/home'))
    expect(urls.at(-1)).toBe(`${fake.url}/session-expired?session=${sessionIn(first)}`)
    expect(await response.text()).toContain('href="https://rolecall.invalid/relogin?profile=short"')
    expect((await jar.fetch(await loginUrl(await federated(BOB_KEY, 'carol')))).status).toBe(302)
    const sessions = await listed(jar)
    expect(sessions).toHaveLength(6)
    expect(sessions.filter((s) => !s.expired)).toHaveLength(5)
    expect(sessions[0]).toMatchObject({ sessionName: 'short', expired: true })
  })

  it("a Destination on another session's path lands on the signing identity's own", async () => {
    const { jar, locations } = await fullJar()
    const again = await loginUrl(
      await role(ROLES.pathed, 'refresh'),
      `${fake.url}/console/s/${sessionIn(locations[3]!)}/ec2/home?region=eu-west-1#Instances:`,
    )
    expect((await jar.fetch(again)).headers.get('location')).toBe(
      `${fake.url}/console/s/${sessionIn(locations[1]!)}/ec2/home?region=eu-west-1#Instances:`,
    )
  })

  it('logout without a session id ends every session and clears the cookie', async () => {
    const { jar, locations } = await fullJar()
    const response = await jar.fetch(fake.logoutUrl)
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('You have signed out of every session.')
    // The opt-in stays: multi-session is the browser's setting, not a session's.
    expect([jar.size, jar.get('aws-prism-opt-in')]).toEqual([1, 'true'])
    expect(await json(jar, '/console/__whoami')).toEqual({ signedIn: false })
    for (const location of locations)
      expect(await (await jar.fetch(location)).text()).toContain('data-testid="not-signed-in"')
    // A plain login afterwards starts a fresh jar with the new identity alone.
    await jar.follow(await loginUrl(await federated(BOB_KEY, 'fresh')))
    expect((await listed(jar)).map((s) => s.arn)).toEqual(['arn:aws:sts::123456789012:federated-user/fresh'])
  })

  it('the logout-then-login hop fails with HTTP 400 and changes nothing (documented: README.md)', async () => {
    const { jar } = await fullJar()
    const before = await listed(jar)
    fake.resetCounts()
    const login = await loginUrl(await federated(BOB_KEY, 'hop'))
    const response = await jar.fetch(`${fake.logoutUrl}&redirect_uri=${encodeURIComponent(login)}`)
    expect(response.status).toBe(400)
    expect(await response.text()).toContain('data-testid="logout-hop-refused"')
    expect(fake.counts().logout).toBe(1)
    expect(fake.failedCounts().logout).toBe(1)
    expect(await listed(jar)).toEqual(before)
    // The sign-in URL was not spent: a plain login with it would still work (here: the limit page, 5 are held).
    expect(fake.counts().login).toBe(0)
  })

  it('console pages carry the awsc-session-data meta: prismModeEnabled and the session label', async () => {
    const { jar, locations } = await fullJar()
    const text = await (await jar.fetch(locations[0]!)).text()
    const content = /<meta name="awsc-session-data" content="([^"]*)"/.exec(text)?.[1]
    const data = JSON.parse(content!.replaceAll('&quot;', '"')) as Record<string, unknown>
    expect(data).toMatchObject({ prismModeEnabled: true, signInEndpoint: new URL(fake.url).host })
    expect(locations[0]).toContain(`/console/s/${String(data.sessionDifferentiator)}/`)
  })

  it('a jar signed in before multi-session was turned on keeps that session', async () => {
    fake.setMultiSession(false)
    const jar = new CookieJar()
    try {
      await jar.fetch(await loginUrl(await role(ROLES.readOnly, 'before')))
      fake.setMultiSession(true)
      expect((await jar.fetch(await loginUrl(await role(ROLES.pathed, 'after')))).status).toBe(302)
      expect((await listed(jar)).map((s) => s.sessionName)).toEqual(['before', 'after'])
    } finally {
      fake.setMultiSession(true)
    }
  })
})
