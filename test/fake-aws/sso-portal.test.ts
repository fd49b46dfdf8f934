// IAM Identity Center's portal API on the wire (service "sso"): listing and paging, role credentials, logout,
// 401/403/429, and the SSO test API's switches.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { manualClock } from './clock'
import { DEMO_SSO_ACCOUNTS } from './demo-org'
import { startFakeAws, type FakeAws } from './index'
import { deviceTokens, register } from './sso-test-client'

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

describe('portal', () => {
  const get = (path: string, token: string) =>
    fetch(`${fake.portalEndpoint}${path}`, { headers: { 'x-amz-sso_bearer_token': token } })

  it('lists accounts and roles, mints credentials in epoch milliseconds, and logs out', async () => {
    const { accessToken } = await deviceTokens(fake, await register(fake))
    const accounts = (await (await get('/assignment/accounts', accessToken)).json()) as {
      accountList: Array<{ accountId: string }>
    }
    expect(accounts.accountList.map((a) => a.accountId)).toEqual(Object.values(DEMO_SSO_ACCOUNTS).map((a) => a.id))
    expect(accounts.accountList[0]).toEqual({
      accountId: '222222222222',
      accountName: 'rolecall-dev',
      emailAddress: 'aws+rolecall-dev@example.com',
    })
    const paged = (await (await get('/assignment/roles?account_id=222222222222&max_result=2', accessToken)).json()) as {
      roleList: unknown[]
      nextToken: string
    }
    expect(paged.roleList).toEqual([
      { roleName: 'AdministratorAccess', accountId: '222222222222' },
      { roleName: 'ReadOnlyAccess', accountId: '222222222222' },
    ])
    const rest = (await (
      await get(`/assignment/roles?account_id=222222222222&next_token=${paged.nextToken}`, accessToken)
    ).json()) as Record<string, unknown>
    expect(rest).toEqual({ roleList: [{ roleName: 'Billing', accountId: '222222222222' }] })
    const creds = await get('/federation/credentials?account_id=222222222222&role_name=Billing', accessToken)
    const { roleCredentials } = (await creds.json()) as { roleCredentials: { expiration: number; accessKeyId: string } }
    expect(roleCredentials.expiration).toBe(Math.floor((clock.now() + 4 * 3600 * 1000) / 1000) * 1000)
    expect(roleCredentials.accessKeyId).toMatch(/^ASIA/)
    // The federation endpoint takes them, SessionDuration included: they are not role chaining.
    const rc = roleCredentials as unknown as Record<string, string>
    const session = JSON.stringify({
      sessionId: rc.accessKeyId,
      sessionKey: rc.secretAccessKey,
      sessionToken: rc.sessionToken,
    })
    const signin = await fetch(
      `${fake.signinEndpoint}?Action=getSigninToken&SessionDuration=43200&Session=${encodeURIComponent(session)}`,
    )
    expect(signin.status).toBe(200)
    const forbidden = await get(
      '/federation/credentials?account_id=222222222222&role_name=PowerUserAccess',
      accessToken,
    )
    expect(forbidden.status).toBe(403)
    expect(forbidden.headers.get('x-amzn-errortype')).toMatch(/^ForbiddenException:/)
    expect(await forbidden.json()).toEqual({ message: 'No access' })
    const out = await fetch(`${fake.portalEndpoint}/logout`, {
      method: 'POST',
      headers: { 'x-amz-sso_bearer_token': accessToken },
    })
    expect(out.status).toBe(200)
    expect(await out.text()).toBe('')
    const after = await get('/assignment/accounts', accessToken)
    expect(after.status).toBe(401)
    expect(await after.json()).toEqual({ message: 'Session token not found or invalid' })
  })

  it('answers 429 while throttled and 401 once tokens expire', async () => {
    const { accessToken } = await deviceTokens(fake, await register(fake))
    await fetch(`${fake.url}/__test/sso/throttle?count=1`, { method: 'POST' })
    const throttled = await get('/assignment/accounts', accessToken)
    expect(throttled.status).toBe(429)
    expect(throttled.headers.get('x-amzn-errortype')).toMatch(/^TooManyRequestsException:/)
    expect((await get('/assignment/accounts', accessToken)).status).toBe(200)
    await fetch(`${fake.url}/__test/sso/expire-access-tokens`, { method: 'POST' })
    expect((await get('/assignment/accounts', accessToken)).status).toBe(401)
  })

  it('pages a thousand generated accounts, 20 to a page by default', async () => {
    const { accessToken } = await deviceTokens(fake, await register(fake))
    await fetch(`${fake.url}/__test/sso/accounts?count=1000&roles=3`, { method: 'POST' })
    try {
      let next: string | undefined
      let pages = 0
      let total = 0
      do {
        const res = (await (
          await get(`/assignment/accounts?max_result=100${next ? `&next_token=${next}` : ''}`, accessToken)
        ).json()) as { accountList: unknown[]; nextToken?: string }
        total += res.accountList.length
        next = res.nextToken
        pages += 1
      } while (next)
      expect([pages, total]).toEqual([10, 1000])
      const first = (await (await get('/assignment/accounts', accessToken)).json()) as { accountList: unknown[] }
      expect(first.accountList).toHaveLength(20)
    } finally {
      fake.state.sso.accounts = fake.state.sso.fixture.accounts
    }
    const counts = (await (await fetch(`${fake.url}/__test/sso/counts`)).json()) as { calls: Record<string, number> }
    expect(counts.calls.ListAccounts).toBeGreaterThan(10)
  })
})

describe('the SSO test API over HTTP', () => {
  it('switches auto-approve, resets counts, and refuses bad input', async () => {
    const on = await fetch(`${fake.url}/__test/sso/auto-approve?enabled=true`, { method: 'POST' })
    expect(await on.json()).toEqual({ autoApprove: true })
    expect((await fetch(`${fake.url}/__test/sso/auto-approve?enabled=yes`, { method: 'POST' })).status).toBe(400)
    expect((await fetch(`${fake.url}/__test/sso/throttle?count=-1`, { method: 'POST' })).status).toBe(400)
    expect((await fetch(`${fake.url}/__test/sso/approve?user_code=NONE-NONE`, { method: 'POST' })).status).toBe(404)
    const reset = (await (await fetch(`${fake.url}/__test/sso/counts/reset`, { method: 'POST' })).json()) as {
      calls: Record<string, number>
      grants: Record<string, number>
      approvals: number
    }
    expect(Object.values(reset.calls).every((n) => n === 0)).toBe(true)
    expect(reset).toMatchObject({ grants: { device_code: 0, authorization_code: 0, refresh_token: 0 }, approvals: 0 })
  })
})
