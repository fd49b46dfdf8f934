// The console's multi-session support as the stand-in models it (multi-session.ts, unverified against AWS):
// one cookie jar holds up to 5 identities, each under its own /console/s/<n>/ path; the 6th gets the limit
// page; the same identity again refreshes its own session; logout ends one session or all.
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

beforeAll(async () => { fake = await startFakeAws({ fixture: testOrg, now: clock.now, multiSession: true }) })
afterAll(() => fake.close())
beforeEach(() => clock.advance(60_000))

const role = async (roleArn: string, session: string, extra: { ExternalId?: string; DurationSeconds?: number } = {}) =>
  keysOf((await sts(ALICE_KEY).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: session, ...extra }))).Credentials)
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

async function loginUrl(keys: Keys, destination = fake.consoleUrl('eu-west-1'), issuer = 'https://rolecall.invalid/relogin?profile=p'): Promise<string> {
  const session = JSON.stringify({ sessionId: keys.accessKeyId, sessionKey: keys.secretAccessKey, sessionToken: keys.sessionToken })
  const response = await fetch(`${fake.signinEndpoint}?${new URLSearchParams({ Action: 'getSigninToken', Session: session })}`)
  const { SigninToken } = (await response.json()) as { SigninToken: string }
  return `${fake.signinEndpoint}?${new URLSearchParams({ Action: 'login', Issuer: issuer, Destination: destination, SigninToken })}`
}

const json = async (jar: CookieJar, path: string) => (await jar.fetch(`${fake.url}${path}`)).json() as Promise<Record<string, unknown>>
type Listed = { session: number; arn: string; sessionName: string; expired: boolean }
const listed = async (jar: CookieJar) => (await json(jar, '/console/__whoami')).sessions as Listed[]

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
      const post = (enabled: string) => fetch(`${other.url}/__test/multi-session?enabled=${enabled}`, { method: 'POST' })
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
    expect(locations).toEqual([1, 2, 3, 4, 5].map((n) => `${fake.url}/console/s/${n}/console/home?region=eu-west-1`))
    expect(jar.size).toBe(1)
    const sessions = await listed(jar)
    expect(sessions.map((s) => [s.session, s.arn])).toEqual([
      [1, 'arn:aws:sts::123456789012:assumed-role/ReadOnly/alice'],
      [2, 'arn:aws:sts::123456789012:assumed-role/Pathed/alice'],
      [3, 'arn:aws:sts::123456789012:assumed-role/Partner/alice'],
      [4, 'arn:aws:sts::111111111111:federated-user/alice'],
      [5, 'arn:aws:sts::123456789012:federated-user/bob'],
    ])
    // Each session's pages show its own identity; none shows "You must first log out".
    for (const [i, location] of locations.entries()) {
      const page = await (await jar.fetch(location)).text()
      expect(page).toContain(`data-arn="${sessions[i]!.arn}"`)
      expect(page).toContain(`data-console-session="${i + 1}"`)
      expect(page).not.toContain('must-log-out')
    }
    expect(await json(jar, '/console/s/3/__whoami')).toMatchObject({ session: 3, roleName: 'Partner' })
    // The bare console address asks which session.
    const chooser = await (await jar.fetch(fake.consoleUrl('eu-west-1', '/ec2/home'))).text()
    expect(chooser).toContain('data-testid="session-chooser"')
    expect(chooser).toContain('href="/console/s/4/ec2/home?region=eu-west-1"')
  })

  it('a 6th identity gets the limit page and the token stays unspent; after signing out of one it fits', async () => {
    const { jar } = await fullJar()
    const sameRole = await loginUrl(await role(ROLES.readOnly, 'same-role-again'))
    // The same role under another session name is no new identity: it refreshes session 1 in place.
    expect((await jar.fetch(sameRole)).headers.get('location')).toBe(`${fake.url}/console/s/1/console/home?region=eu-west-1`)
    expect((await listed(jar))[0]).toMatchObject({ session: 1, sessionName: 'same-role-again' })

    const sixth = await loginUrl(await federated(BOB_KEY, 'bob-two'))
    const refused = await jar.fetch(sixth)
    expect(refused.status).toBe(200)
    const page = await refused.text()
    expect(page).toContain('data-testid="session-limit"')
    expect(page.match(/data-testid="held-session"/g)).toHaveLength(5)
    expect(await listed(jar)).toHaveLength(5)

    await jar.fetch(`${fake.logoutUrl}&session=2`)
    expect((await listed(jar)).map((s) => s.session)).toEqual([1, 3, 4, 5])
    const joined = await jar.fetch(sixth)
    expect(joined.headers.get('location')).toBe(`${fake.url}/console/s/2/console/home?region=eu-west-1`)
    expect((await listed(jar)).find((s) => s.session === 2)).toMatchObject({ arn: 'arn:aws:sts::123456789012:federated-user/bob-two' })
  })

  it('an expired session frees its place, and its pages link to its own Issuer', async () => {
    const jar = new CookieJar()
    const short = await role(ROLES.readOnly, 'short', { DurationSeconds: 900 })
    await jar.fetch(await loginUrl(short, fake.consoleUrl('eu-west-1'), 'https://rolecall.invalid/relogin?profile=short'))
    for (const make of FIVE.slice(1)) await jar.fetch(await loginUrl(await make()))
    clock.advance(900_000)
    const { response, urls } = await jar.follow(`${fake.url}/console/s/1/s3/home`)
    expect(urls.at(-1)).toBe(`${fake.url}/session-expired?session=1`)
    expect(await response.text()).toContain('href="https://rolecall.invalid/relogin?profile=short"')
    // Still listed (expired) until another identity needs its place.
    expect((await listed(jar))[0]).toMatchObject({ session: 1, expired: true })
    const sixth = await jar.fetch(await loginUrl(await federated(BOB_KEY, 'carol')))
    expect(sixth.headers.get('location')).toBe(`${fake.url}/console/s/1/console/home?region=eu-west-1`)
  })

  it('a Destination on another session\'s path lands on the signing identity\'s own', async () => {
    const { jar } = await fullJar()
    const again = await loginUrl(await role(ROLES.pathed, 'refresh'), `${fake.url}/console/s/4/ec2/home?region=eu-west-1#Instances:`)
    expect((await jar.fetch(again)).headers.get('location')).toBe(`${fake.url}/console/s/2/ec2/home?region=eu-west-1#Instances:`)
  })

  it('logout without a session number ends every session and clears the cookie', async () => {
    const { jar } = await fullJar()
    const response = await jar.fetch(`${fake.logoutUrl}&redirect_uri=${encodeURIComponent(fake.consoleUrl('eu-west-1'))}`)
    expect([response.status, response.headers.get('location')]).toEqual([302, fake.consoleUrl('eu-west-1')])
    expect(jar.size).toBe(0)
    expect(await json(jar, '/console/__whoami')).toEqual({ signedIn: false })
    // A logout-then-login in one hop starts a fresh jar with the new identity as session 1.
    const { urls } = await jar.follow(`${fake.logoutUrl}&redirect_uri=${encodeURIComponent(await loginUrl(await federated(BOB_KEY, 'fresh')))}`)
    expect(urls.at(-1)).toBe(`${fake.url}/console/s/1/console/home?region=eu-west-1`)
    expect((await listed(jar)).map((s) => s.arn)).toEqual(['arn:aws:sts::123456789012:federated-user/fresh'])
  })

  it('a jar signed in before multi-session was turned on keeps that session as session 1', async () => {
    fake.setMultiSession(false)
    const jar = new CookieJar()
    try {
      await jar.fetch(await loginUrl(await role(ROLES.readOnly, 'before')))
      fake.setMultiSession(true)
      expect((await jar.fetch(await loginUrl(await role(ROLES.pathed, 'after')))).headers.get('location')).toContain('/console/s/2/')
      expect((await listed(jar)).map((s) => s.sessionName)).toEqual(['before', 'after'])
    } finally {
      fake.setMultiSession(true)
    }
  })
})
