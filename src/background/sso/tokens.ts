// The user's Identity Center access token for an instance: used while it lives, renewed with the refresh
// token shortly before it ends (no user action), and, when the portal session itself has ended, a
// NeedsSsoSignIn that the login service turns into one sign-in for every profile waiting on it.
import { createSdkOidc, type OidcApi } from '../../core/aws/sso-oidc'
import { createSdkPortal, type PortalApi } from '../../core/aws/sso-portal'
import type { TemporaryCredentials } from '../../core/aws/sts'
import { SsoError } from '../../core/sso/errors'
import { instanceKey, type SsoInstance } from '../../core/sso/instance'
import { tokenAction, type SsoRegistration, type SsoTokens } from '../../core/sso/tokens'
import type { SsoRole } from '../../core/login/subject'
import type { SsoRecord } from '../../core/vault'
import { withLock } from '../locks'
import type { VaultService } from '../vault'
import { awsSsoEndpoints, type SsoEndpoints } from './endpoints'

/** Thrown when no access token can be had without the user: the caller starts a sign-in for the instance. */
export class NeedsSsoSignIn extends Error {
  constructor(
    readonly instance: SsoInstance,
    readonly reason: string,
  ) {
    super(reason)
    this.name = 'NeedsSsoSignIn'
  }
}

export type SsoVault = Pick<VaultService, 'getSsoRecord' | 'putSsoRecord' | 'deleteSsoRecord' | 'listSsoKeys' | 'state'>

/** What the token functions reach the network with; the default is AWS's hosts, tests pass the stand-in's. */
export interface SsoNetwork {
  endpoints(region: string): SsoEndpoints
  oidc(region: string): OidcApi
  portal(region: string): PortalApi
  now(): number
}

export function awsNetwork(endpoints: (region: string) => SsoEndpoints = awsSsoEndpoints): SsoNetwork {
  return {
    endpoints,
    oidc: (region) => createSdkOidc({ region, endpoint: endpoints(region).oidc }),
    portal: (region) => createSdkPortal({ region, endpoint: endpoints(region).portal }),
    now: () => Date.now(),
  }
}

export async function readRecord(vault: SsoVault, instance: SsoInstance): Promise<SsoRecord> {
  return (await vault.getSsoRecord(instanceKey(instance))) ?? { instance: { ...instance } }
}

/** Keeps a new registration and tokens, leaving the rest of the record as it was. */
export async function saveSignIn(
  vault: SsoVault,
  instance: SsoInstance,
  registration: SsoRegistration,
  tokens: SsoTokens,
): Promise<void> {
  await vault.putSsoRecord(instanceKey(instance), { instance: { ...instance }, registration, tokens })
}

/** A live access token for the instance, renewing it first when it is about to end. */
export async function accessToken(vault: SsoVault, net: SsoNetwork, instance: SsoInstance): Promise<string> {
  const key = instanceKey(instance)
  const record = await readRecord(vault, instance)
  const action = tokenAction(record.tokens, net.now())
  if (action === 'use') return record.tokens!.accessToken
  if (action === 'sign-in' || !record.registration)
    throw new NeedsSsoSignIn(instance, `Sign in to Identity Center (${instance.startUrl}) to open this profile.`)
  // One refresh per instance at a time: concurrent logins wait for it and use its token.
  return withLock(`sso:${key}`, async () => {
    const again = await readRecord(vault, instance)
    if (tokenAction(again.tokens, net.now()) === 'use') return again.tokens!.accessToken
    const { registration, tokens } = again
    if (!registration || !tokens?.refreshToken)
      throw new NeedsSsoSignIn(instance, `Sign in to Identity Center (${instance.startUrl}) again.`)
    try {
      const renewed = await net.oidc(instance.region).refresh(registration, tokens.refreshToken)
      await vault.putSsoRecord(key, { ...again, tokens: renewed })
      return renewed.accessToken
    } catch (error) {
      if (error instanceof SsoError && error.code === 'sign-in-needed') {
        // The portal session ended: the tokens are dead; the registration may serve the next sign-in.
        const { tokens: _dead, ...rest } = again
        await vault.putSsoRecord(key, rest)
        throw new NeedsSsoSignIn(instance, error.message)
      }
      throw error
    }
  })
}

/** The login port: the portal's credentials for a role, with a live token (a dead one means: sign in). */
export async function roleCredentials(vault: SsoVault, net: SsoNetwork, role: SsoRole): Promise<TemporaryCredentials> {
  const instance = { startUrl: role.startUrl, region: role.ssoRegion }
  const call = async () =>
    net.portal(instance.region).roleCredentials(await accessToken(vault, net, instance), role.accountId, role.roleName)
  try {
    return await call()
  } catch (error) {
    if (!(error instanceof SsoError) || error.code !== 'sign-in-needed') throw error
    // The portal refused a token Rolecall thought live (ended early, revoked): mark it spent, so the next
    // attempt renews it with the refresh token, once; without one (or if that fails) the user signs in.
    const record = await readRecord(vault, instance)
    if (!record.tokens) throw new NeedsSsoSignIn(instance, error.message)
    await vault.putSsoRecord(instanceKey(instance), { ...record, tokens: { ...record.tokens, expiresAt: 0 } })
    return call()
  }
}

/** Signs out at the portal (best effort: the tokens are forgotten either way) and forgets the tokens. */
export async function signOut(vault: SsoVault, net: SsoNetwork, instance: SsoInstance): Promise<void> {
  const record = await readRecord(vault, instance)
  try {
    if (record.tokens && record.tokens.expiresAt > net.now())
      await net.portal(instance.region).logout(record.tokens.accessToken)
  } finally {
    const { tokens: _gone, ...rest } = record
    await vault.putSsoRecord(instanceKey(instance), rest)
  }
}
