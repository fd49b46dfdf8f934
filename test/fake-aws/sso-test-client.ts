// A small IAM Identity Center client over plain HTTP for the stand-in's own wire tests: register, then the device
// flow approved before the first poll.
import { expect } from 'vitest'
import { DEMO_SSO_START_URL } from './demo-org'
import type { FakeAws } from './index'

export const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })

export interface RegisteredClient {
  clientId: string
  clientSecret: string
}

export async function register(
  fake: FakeAws,
  extra: Record<string, unknown> = { scopes: ['sso:account:access'] },
): Promise<RegisteredClient> {
  const res = await post(`${fake.oidcEndpoint}/client/register`, { clientName: 'wire', clientType: 'public', ...extra })
  expect(res.status).toBe(200)
  return (await res.json()) as RegisteredClient
}

export async function deviceTokens(fake: FakeAws, client: RegisteredClient) {
  const auth = (await (
    await post(`${fake.oidcEndpoint}/device_authorization`, { ...client, startUrl: DEMO_SSO_START_URL })
  ).json()) as { deviceCode: string; userCode: string }
  expect(fake.sso.approve(auth.userCode)).toBe(true)
  const res = await post(`${fake.oidcEndpoint}/token`, {
    ...client,
    grantType: 'urn:ietf:params:oauth:grant-type:device_code',
    deviceCode: auth.deviceCode,
  })
  expect(res.status).toBe(200)
  return (await res.json()) as { accessToken: string; refreshToken?: string; expiresIn: number }
}
