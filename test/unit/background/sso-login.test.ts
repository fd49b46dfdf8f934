// Issue 18 through the real background (login service, SSO service, vault) against the stand-in's Identity
// Center, Chrome's way: an SSO profile with no token starts one PKCE sign-in in a tab; the tab reaching the
// loopback redirect gives the code, the token lands in the vault and the waiting login opens. Then every open is
// exactly GetRoleCredentials + getSigninToken; a role chained from an SSO profile opens; an access token that
// ends is renewed with the refresh token (no approval); a portal session that ends asks once; the device code
// works as a choice; signing out revokes at the stand-in.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DEMO_SSO_CONFIG, DEMO_SSO_REGION, DEMO_SSO_START_URL } from '../../fake-aws/demo-org'
import { startFakeAws, type FakeAws } from '../../fake-aws/index'
import { freshVaultDb } from '../vault/helpers'
import { faultyRolecallDb } from '../resilience/faulty-db'

vi.mock('webextension-polyfill', async () => ({ default: (await import('../security/fake-browser')).fakeBrowser.api }))
const db = vi.hoisted(() => ({
  current: undefined as undefined | ReturnType<(typeof import('../resilience/faulty-db'))['faultyRolecallDb']>,
  aws: undefined as undefined | FakeAws,
}))
vi.mock('../../../src/background/db', () => ({ rolecallDb: () => db.current!.db() }))
// Node cannot reach AWS's host names: Identity Center calls go to the stand-in's loopback address instead.
vi.mock('../../../src/background/sso/endpoints', async (original) => ({
  ...(await original<typeof import('../../../src/background/sso/endpoints')>()),
  awsSsoEndpoints: (region: string) => ({
    oidc: db.aws!.oidcEndpointFor(region),
    portal: db.aws!.portalEndpointFor(region),
  }),
}))

const { fakeBrowser } = await import('../security/fake-browser')
const { demoLoginService } = await import('../login/demo-login-service')
const { writeStoredImport } = await import('../../../src/background/config/stored-import')
const { buildPreview } = await import('../../../src/core/config/import/preview')
const { profileList } = await import('../../../src/background/login/profile-list')
const { writeSettings } = await import('../../../src/background/settings')

let aws: FakeAws
let services: Awaited<ReturnType<typeof demoLoginService>>
let counter = 0
const instance = { startUrl: DEMO_SSO_START_URL, region: DEMO_SSO_REGION }

beforeEach(async () => {
  aws = await startFakeAws({ testApi: true })
  db.aws = aws
  db.current = faultyRolecallDb(`rolecall-sso-${process.pid}-${++counter}`)
  for (const area of Object.values(fakeBrowser.api.storage)) await area.clear()
  fakeBrowser.tabs.clear()
  fakeBrowser.opened.length = 0
  fakeBrowser.api.tabs.onUpdated.added.length = 0
  services = await demoLoginService(aws, (await freshVaultDb()).store)
  services.sso.watch()
  await writeStoredImport({
    version: 1,
    text: DEMO_SSO_CONFIG,
    importedAt: 2,
    rows: buildPreview(DEMO_SSO_CONFIG).rows,
  })
})
afterEach(() => aws.close())

/** Console tabs sent to the federation endpoint's Action=login (directly, or after Chrome's logout hop). */
const federationLogins = () => fakeBrowser.opened.filter((url) => decodeURIComponent(url).includes('Action=login'))

/** What a person does in the sign-in tab: sign in and allow (auto-approved here); the tab follows the redirect. */
async function approveInTab(): Promise<void> {
  const [tabId, tab] = [...fakeBrowser.tabs].find(([, t]) => t.url.includes('/authorize'))!
  aws.sso.setAutoApprove(true)
  const answer = await fetch(tab.url, { redirect: 'manual' })
  const redirect = answer.headers.get('location')!
  expect(redirect).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback\?/)
  fakeBrowser.api.tabs.onUpdated.fire(tabId, { url: redirect })
  await vi.waitFor(() => expect(federationLogins().length).toBeGreaterThan(0), { timeout: 5000 })
}

describe('Identity Center logins in the background', () => {
  it('PKCE in a watched tab, then 2 calls per open, a chained role, a silent refresh, and sign-out', async () => {
    const first = await services.login.open('sso-dev-admin', { newTab: true, replace: true })
    expect(first).toMatchObject({ status: 'needs-sso', method: 'pkce', startUrl: DEMO_SSO_START_URL })
    await approveInTab()
    expect(fakeBrowser.tabs.size).toBeGreaterThan(0)
    expect([...fakeBrowser.tabs.values()].some((t) => t.url.includes('/oauth/callback'))).toBe(false)
    const afterSignIn = aws.sso.counts()
    expect(afterSignIn.grants).toMatchObject({ authorization_code: 1, refresh_token: 0 })
    expect(afterSignIn.calls.GetRoleCredentials).toBe(1)

    // A live token: exactly GetRoleCredentials and getSigninToken.
    aws.resetCounts()
    const second = await services.login.open('sso-staging-readonly', { newTab: true, replace: true })
    expect(second.status).toBe('opened')
    const counts = aws.sso.counts()
    expect(counts.calls.GetRoleCredentials).toBe(1)
    expect(counts.calls.CreateToken).toBe(0)
    expect(aws.counts()).toMatchObject({ getSigninToken: 1 })

    // Opened again in Chrome's one jar, which holds its identity: no logout hop, the same 2 calls.
    aws.resetCounts()
    expect((await services.login.open('sso-staging-readonly', { newTab: true, replace: false })).status).toBe('opened')
    expect(aws.counts()).toMatchObject({ getSigninToken: 1, logout: 0 })
    expect(aws.sso.counts().calls.GetRoleCredentials).toBe(1)

    expect((await services.login.open('sso-data', { newTab: true, replace: true })).status).toBe('opened')

    // The access token ends: renewed with the refresh token, no approval.
    aws.sso.expireAccessTokens()
    const approvals = aws.sso.counts().approvals
    expect((await services.login.open('sso-prod-billing', { newTab: true, replace: true })).status).toBe('opened')
    expect(aws.sso.counts().grants.refresh_token).toBe(1)
    expect(aws.sso.counts().approvals).toBe(approvals)

    const [state] = await services.sso.instances()
    expect(state).toMatchObject({ ...instance, renews: true, profiles: 5 })
    expect(state!.signedInUntil).toBeGreaterThan(Date.now())

    await services.sso.signOut(instance)
    expect(aws.sso.counts().calls.Logout).toBe(1)
    expect((await services.sso.instances())[0]!.signedInUntil).toBeUndefined()
    expect((await services.login.open('sso-dev-admin', { newTab: true, replace: true })).status).toBe('needs-sso')
  })

  it('a portal session that ends asks once; every login waiting on it opens after one approval', async () => {
    await services.login.open('sso-dev-admin', { newTab: true, replace: true })
    await approveInTab()
    aws.sso.endPortalSessions()
    aws.sso.expireAccessTokens()
    fakeBrowser.opened.length = 0
    const a = await services.login.open('sso-staging-readonly', { newTab: true, replace: true })
    const b = await services.login.open('sso-prod-billing', { newTab: true, replace: true })
    expect([a.status, b.status]).toEqual(['needs-sso', 'needs-sso'])
    expect(fakeBrowser.opened.filter((u) => u.includes('/authorize'))).toHaveLength(1)
    await approveInTab()
    await vi.waitFor(() => expect(federationLogins()).toHaveLength(2), { timeout: 5000 })
  })

  it('the device code: the code to confirm, approved at the stand-in, then signed in', async () => {
    const progress = await services.sso.signIn(instance, 'device')
    expect(progress.userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/)
    expect(fakeBrowser.opened.at(-1)).toContain(`user_code=${progress.userCode}`)
    expect(aws.sso.approve(progress.userCode!)).toBe(true)
    await vi.waitFor(async () => expect((await services.sso.instances())[0]!.signedInUntil).toBeDefined(), {
      timeout: 10_000,
      interval: 200,
    })
    expect(aws.sso.counts().grants.device_code).toBe(1)
    expect((await services.login.open('sso-dev-admin', { newTab: true, replace: true })).status).toBe('opened')
  })

  it('lists every account and role after a sign-in; a discovered role opens like a config profile', async () => {
    await services.login.open('sso-dev-admin', { newTab: true, replace: true })
    await approveInTab()
    await vi.waitFor(async () => expect((await services.sso.instances())[0]!.roles).toBe(9), { timeout: 5000 })
    const names = (await profileList()).map((p) => p.name)
    // The 9 assignments less the 4 an imported profile already opens (the config's name wins).
    expect(names.filter((n) => n.includes('/')).sort()).toEqual([
      'rolecall-dev/Billing',
      'rolecall-dev/ReadOnlyAccess',
      'rolecall-prod/ReadOnlyAccess',
      'rolecall-prod/ViewOnlyAccess',
      'rolecall-staging/PowerUserAccess',
    ])
    expect((await profileList()).find((p) => p.name === 'rolecall-prod/ViewOnlyAccess')).toMatchObject({
      kind: 'sso',
      accountId: '444444444444',
      roleName: 'ViewOnlyAccess',
    })
    expect((await services.login.open('rolecall-prod/ViewOnlyAccess', { newTab: true, replace: true })).status).toBe(
      'opened',
    )
  })

  it('1,000 accounts × 3 roles list completely, through pagination and throttling', async () => {
    await services.sso.signIn(instance, 'device').then((p) => aws.sso.approve(p.userCode!))
    await vi.waitFor(async () => expect((await services.sso.instances())[0]!.signedInUntil).toBeDefined(), {
      timeout: 10_000,
      interval: 200,
    })
    aws.sso.setGeneratedAccounts(1000, 3)
    aws.sso.throttle(3)
    expect(await services.sso.discover(instance)).toEqual({ accounts: 1000, roles: 3000 })
    // Throttled answers (429) were retried with backoff rather than ending the listing.
    expect(aws.sso.counts().failures.ListAccountRoles + aws.sso.counts().failures.ListAccounts).toBeGreaterThanOrEqual(
      3,
    )
    expect((await profileList()).length).toBeGreaterThanOrEqual(3000)
  }, 60_000)

  it('with "sign in with a code" set, a login starts the device code and says the code to confirm', async () => {
    await writeSettings({ ssoSignInMethod: 'device' })
    const outcome = await services.login.open('sso-dev-admin', { newTab: true, replace: true })
    expect(outcome).toMatchObject({
      status: 'needs-sso',
      method: 'device',
      userCode: expect.stringMatching(/^[A-Z]{4}-[A-Z]{4}$/),
    })
    const code = (outcome as { userCode: string }).userCode
    expect(aws.sso.approve(code)).toBe(true)
    await vi.waitFor(() => expect(federationLogins().length).toBe(1), { timeout: 10_000, interval: 200 })
  })
})
