// Identity Center's OIDC service (RegisterClient, StartDeviceAuthorization, CreateToken) through the AWS SDK's
// own client: none of these calls is signed, so no credentials are configured. Every call has a deadline,
// and failures become SsoError with a sentence to show (src/core/sso/errors.ts).
import {
  CreateTokenCommand,
  RegisterClientCommand,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
} from '@aws-sdk/client-sso-oidc'
import { withDeadline } from './deadline'
import { SsoError, ssoErrorOf, ssoTimeout } from '../sso/errors'
import { SSO_SCOPE } from '../sso/authorize'
import type { SsoRegistration, SsoTokens } from '../sso/tokens'

export interface DeviceAuthorization {
  deviceCode: string
  userCode: string
  verificationUri: string
  verificationUriComplete: string
  /** Epoch ms. */
  expiresAt: number
  intervalSeconds?: number
}

export interface OidcApi {
  register(method: 'pkce' | 'device', issuerUrl: string, redirectUri?: string): Promise<SsoRegistration>
  startDevice(registration: SsoRegistration, startUrl: string): Promise<DeviceAuthorization>
  tokenFromDevice(registration: SsoRegistration, deviceCode: string): Promise<SsoTokens>
  tokenFromCode(registration: SsoRegistration, code: string, verifier: string): Promise<SsoTokens>
  refresh(registration: SsoRegistration, refreshToken: string): Promise<SsoTokens>
}

export interface OidcOptions {
  region: string
  /** Tests: the stand-in's OIDC address. Absent: AWS's own host for the region. */
  endpoint?: string
  timeoutMs?: number
  now?: () => number
}

/** The name Identity Center shows on its consent page. */
const CLIENT_NAME = 'Rolecall'

export function createSdkOidc(options: OidcOptions): OidcApi {
  const timeoutMs = options.timeoutMs ?? 10_000
  const now = options.now ?? Date.now

  async function send<T>(what: string, command: unknown): Promise<T> {
    const client = new SSOOIDCClient({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      // Polls and refreshes are retried by Rolecall itself; one SDK attempt keeps a code from being sent twice.
      maxAttempts: 1,
    })
    return withDeadline(
      timeoutMs,
      async (abortSignal) => (await client.send(command as never, { abortSignal })) as T,
      (error, timedOut) => (timedOut ? ssoTimeout(timeoutMs, what) : ssoErrorOf(error, what)),
      () => client.destroy(),
    )
  }

  function tokensOf(out: { accessToken?: string; expiresIn?: number; refreshToken?: string }, what: string): SsoTokens {
    if (!out.accessToken || typeof out.expiresIn !== 'number' || !(out.expiresIn > 0))
      throw new SsoError('failed', `Identity Center's answer while ${what} had no usable access token.`)
    return {
      accessToken: out.accessToken,
      expiresAt: now() + out.expiresIn * 1000,
      ...(out.refreshToken ? { refreshToken: out.refreshToken } : {}),
    }
  }

  /** CreateToken with one of the three grants, as the registered client. */
  async function createToken(
    registration: SsoRegistration,
    what: string,
    grant: {
      grantType: string
      deviceCode?: string
      code?: string
      codeVerifier?: string
      redirectUri?: string
      refreshToken?: string
    },
  ): Promise<SsoTokens> {
    const out = await send<Parameters<typeof tokensOf>[0]>(
      what,
      new CreateTokenCommand({ clientId: registration.clientId, clientSecret: registration.clientSecret, ...grant }),
    )
    return tokensOf(out, what)
  }

  return {
    async register(method, issuerUrl, redirectUri) {
      const out = await send<{ clientId?: string; clientSecret?: string; clientSecretExpiresAt?: number }>(
        'registering Rolecall',
        new RegisterClientCommand({
          clientName: CLIENT_NAME,
          clientType: 'public',
          // The scope is what makes refresh tokens come: without it every 8 hours means a new approval.
          scopes: [SSO_SCOPE],
          ...(method === 'pkce'
            ? { grantTypes: ['authorization_code', 'refresh_token'], redirectUris: [redirectUri ?? ''], issuerUrl }
            : { grantTypes: ['urn:ietf:params:oauth:grant-type:device_code', 'refresh_token'] }),
        }),
      )
      if (!out.clientId || !out.clientSecret || typeof out.clientSecretExpiresAt !== 'number')
        throw new SsoError('failed', "Identity Center's registration answer was incomplete. Try again.")
      return {
        clientId: out.clientId,
        clientSecret: out.clientSecret,
        expiresAt: out.clientSecretExpiresAt * 1000,
        ...(method === 'pkce' && redirectUri ? { redirectUri } : {}),
      }
    },

    async startDevice(registration, startUrl) {
      const out = await send<{
        deviceCode?: string
        userCode?: string
        verificationUri?: string
        verificationUriComplete?: string
        expiresIn?: number
        interval?: number
      }>(
        'starting the sign-in',
        new StartDeviceAuthorizationCommand({
          clientId: registration.clientId,
          clientSecret: registration.clientSecret,
          startUrl,
        }),
      )
      if (!out.deviceCode || !out.userCode || !out.verificationUriComplete || !out.verificationUri || !out.expiresIn)
        throw new SsoError('failed', "Identity Center's device authorisation answer was incomplete. Try again.")
      return {
        deviceCode: out.deviceCode,
        userCode: out.userCode,
        verificationUri: out.verificationUri,
        verificationUriComplete: out.verificationUriComplete,
        expiresAt: now() + out.expiresIn * 1000,
        ...(out.interval ? { intervalSeconds: out.interval } : {}),
      }
    },

    tokenFromDevice: (registration, deviceCode) =>
      createToken(registration, 'waiting for your approval', {
        grantType: 'urn:ietf:params:oauth:grant-type:device_code',
        deviceCode,
      }),

    tokenFromCode: (registration, code, verifier) =>
      createToken(registration, 'finishing the sign-in', {
        grantType: 'authorization_code',
        code,
        codeVerifier: verifier,
        redirectUri: registration.redirectUri,
      }),

    async refresh(registration, refreshToken) {
      const tokens = await createToken(registration, 'renewing your Identity Center session', {
        grantType: 'refresh_token',
        refreshToken,
      })
      // AWS may rotate the refresh token; when it does not send one, the old one stays valid.
      return { ...tokens, refreshToken: tokens.refreshToken ?? refreshToken }
    },
  }
}
