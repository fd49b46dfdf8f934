// The pure parts of Identity Center sign-in: PKCE, the authorize request and its redirect, the device code
// wait as the AWS CLI does it, when a token is used, renewed or needs the user, and which instances are valid.
import { describe, expect, it } from 'vitest'
import { newOAuthState, newPkcePair, pkceChallenge } from '../../../src/core/crypto'
import { authorizeUrl, readRedirect } from '../../../src/core/sso/authorize'
import { pollDeviceToken } from '../../../src/core/sso/device-poll'
import { SsoError } from '../../../src/core/sso/errors'
import { ssoHosts } from '../../../src/core/aws/partition'
import { instanceProblem } from '../../../src/core/sso/instance'
import { ACCESS_TOKEN_MARGIN_MS, registrationUsable, tokenAction } from '../../../src/core/sso/tokens'

describe('PKCE', () => {
  it("matches RFC 7636's own example (appendix B)", async () => {
    expect(await pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    )
  })

  it('makes a fresh 43-character verifier and an unguessable state each time', async () => {
    const [a, b] = [await newPkcePair(), await newPkcePair()]
    expect(a.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(a.verifier).not.toBe(b.verifier)
    expect(a.challenge).toBe(await pkceChallenge(a.verifier))
    expect(newOAuthState()).not.toBe(newOAuthState())
  })
})

describe('the authorize request and its redirect', () => {
  const redirectUri = 'http://127.0.0.1:51234/oauth/callback'

  it("asks for a code with the S256 challenge and the refresh token's scope, under the endpoint's path", () => {
    const url = new URL(
      authorizeUrl({
        oidcEndpoint: 'http://127.0.0.1:4599/sso-oidc/eu-west-1/',
        clientId: 'client',
        redirectUri,
        state: 'st',
        challenge: 'ch',
      }),
    )
    expect(url.pathname).toBe('/sso-oidc/eu-west-1/authorize')
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'client',
      redirect_uri: redirectUri,
      state: 'st',
      code_challenge_method: 'S256',
      scopes: 'sso:account:access',
      code_challenge: 'ch',
    })
  })

  it('reads the code, refuses another state, reports a denial, and ignores other pages', () => {
    expect(readRedirect(`${redirectUri}?code=abc&state=st`, redirectUri, 'st')).toEqual({ code: 'abc' })
    expect(readRedirect(`${redirectUri}?code=abc&state=forged`, redirectUri, 'st')).toEqual({
      error: 'state-mismatch',
    })
    expect(readRedirect(`${redirectUri}?error=access_denied&state=st`, redirectUri, 'st')).toEqual({
      error: 'access_denied',
    })
    expect(readRedirect('https://oidc.eu-west-1.amazonaws.com/authorize?x=1', redirectUri, 'st')).toBeUndefined()
    expect(readRedirect('http://127.0.0.1:51234/elsewhere?code=abc&state=st', redirectUri, 'st')).toBeUndefined()
  })
})

describe('the device code wait', () => {
  function fakeClock(answers: Array<string | 'token'>) {
    let now = 0
    const slept: number[] = []
    let calls = 0
    return {
      slept,
      calls: () => calls,
      poll: {
        now: () => now,
        sleep: async (ms: number) => {
          slept.push(ms)
          now += ms
        },
        expiresAt: 600_000,
        intervalSeconds: 1,
        createToken: async () => {
          const answer = answers[calls++]
          if (answer === 'token') return 'TOKEN'
          throw Object.assign(new Error(answer), { error: answer })
        },
      },
    }
  }

  it('keeps waiting while pending, and slows down by 5 s each time it is told to', async () => {
    const clock = fakeClock(['authorization_pending', 'slow_down', 'authorization_pending', 'slow_down', 'token'])
    expect(await pollDeviceToken(clock.poll)).toBe('TOKEN')
    expect(clock.slept).toEqual([1000, 1000, 6000, 6000, 11_000])
  })

  it.each([
    ['expired_token', 'expired', /expired/],
    ['access_denied', 'denied', /denied/],
  ])('%s ends the wait with a message', async (answer, code, message) => {
    const clock = fakeClock(['authorization_pending', answer])
    const error = await pollDeviceToken(clock.poll).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SsoError)
    expect(error).toMatchObject({ code, message: expect.stringMatching(message) })
    expect(clock.calls()).toBe(2)
  })

  it('stops on its own when the code has expired, without another call', async () => {
    const clock = fakeClock(Array(1000).fill('authorization_pending'))
    const error = await pollDeviceToken({ ...clock.poll, expiresAt: 3500 }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'expired' })
    expect(clock.calls()).toBe(3)
  })
})

describe('tokens and registrations', () => {
  const now = 1_000_000_000
  it('uses a live token, renews one about to end when it can, else asks the user', () => {
    expect(tokenAction(undefined, now)).toBe('sign-in')
    expect(tokenAction({ accessToken: 'a', expiresAt: now + 3600_000 }, now)).toBe('use')
    expect(tokenAction({ accessToken: 'a', expiresAt: now + ACCESS_TOKEN_MARGIN_MS - 1, refreshToken: 'r' }, now)).toBe(
      'refresh',
    )
    expect(tokenAction({ accessToken: 'a', expiresAt: now - 1 }, now)).toBe('sign-in')
  })

  it('reuses a registration for its own method and redirect until a day before it ends', () => {
    const reg = {
      clientId: 'c',
      clientSecret: 's',
      expiresAt: now + 90 * 86_400_000,
      redirectUri: 'http://127.0.0.1/x',
    }
    expect(registrationUsable(reg, 'pkce', 'http://127.0.0.1/x', now)).toBe(true)
    expect(registrationUsable(reg, 'pkce', 'http://127.0.0.1/y', now)).toBe(false)
    // Each client holds only its own grants: the PKCE one cannot start a device authorisation.
    expect(registrationUsable(reg, 'device', undefined, now)).toBe(false)
    const { redirectUri: _none, ...device } = reg
    expect(registrationUsable(device, 'device', undefined, now)).toBe(true)
    expect(registrationUsable(device, 'pkce', 'http://127.0.0.1/x', now)).toBe(false)
    expect(registrationUsable({ ...device, expiresAt: now + 3600_000 }, 'device', undefined, now)).toBe(false)
  })
})

describe('instances', () => {
  it('accepts an https start URL and a region, and says what is wrong otherwise', () => {
    expect(instanceProblem({ startUrl: 'https://d-1234567890.awsapps.com/start', region: 'eu-west-1' })).toBeUndefined()
    expect(instanceProblem({ startUrl: 'http://d-1.awsapps.com/start', region: 'eu-west-1' })).toMatch(/https/)
    expect(instanceProblem({ startUrl: 'https://u:p@d-1.awsapps.com/start', region: 'eu-west-1' })).toMatch(/password/)
    expect(instanceProblem({ startUrl: 'not a url', region: 'eu-west-1' })).toMatch(/not a URL/)
    expect(instanceProblem({ startUrl: 'https://d-1.awsapps.com/start', region: 'Ireland' })).toMatch(/region/)
  })

  it('reaches AWS at the region’s own oidc and portal hosts, China under .cn', () => {
    expect(ssoHosts('eu-west-1')).toEqual({
      oidc: 'oidc.eu-west-1.amazonaws.com',
      portal: 'portal.sso.eu-west-1.amazonaws.com',
    })
    expect(ssoHosts('cn-north-1').portal).toBe('portal.sso.cn-north-1.amazonaws.com.cn')
  })
})
