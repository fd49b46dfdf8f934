// Signing in to an Identity Center instance: one sign-in at a time per instance, by authorization code +
// PKCE (the default: the user approves in a browser page) or by device code (the user confirms a code shown in
// the popup and on the page Rolecall opens). Either way the tokens land in the vault and `done` runs with the
// logins that waited, which opens their consoles.
import { newOAuthState, newPkcePair } from '../../core/crypto'
import { authorizeUrl, readRedirect } from '../../core/sso/authorize'
import { pollDeviceToken } from '../../core/sso/device-poll'
import { SsoError } from '../../core/sso/errors'
import { instanceKey, type SsoInstance } from '../../core/sso/instance'
import { registrationUsable, type SsoRegistration } from '../../core/sso/tokens'
import { createTab } from '../../platform/tabs'
import type { WaitingLogin } from '../login/pending'
import { authorizeInWindow, openAuthorizeTab, redirectUriFor, sendAuthorizeTab } from './browser-authorize'
import {
  isLive,
  readSignIn,
  readSignIns,
  updateSignIn,
  type SignInMethod,
  type SignInProgress,
  type SsoSignInEntry,
} from './sign-in-state'
import { readRecord, saveSignIn, type SsoNetwork, type SsoVault } from './tokens'

export type { SignInMethod, SignInProgress }

/** Runs the logins that waited for the instance's sign-in. */
export type ResumeLogins = (logins: WaitingLogin[]) => Promise<void>

export interface SignInDeps {
  vault: SsoVault
  net: SsoNetwork
  resume: ResumeLogins
  /** Called once a sign-in is done: list the instance's accounts and roles. */
  discovered?: (instance: SsoInstance) => Promise<void>
}

/**
 * Starts a sign-in unless one is under way for the instance (then `login` joins it). Resolves once the user
 * has something to do (a page is open; for a device code, the code to confirm), not when they are done.
 */
export async function startSignIn(
  deps: SignInDeps,
  instance: SsoInstance,
  method: SignInMethod,
  login?: WaitingLogin,
): Promise<SignInProgress> {
  const now = deps.net.now()
  const joined = await updateSignIn(instance, (entry) => {
    if (!isLive(entry, now)) {
      const fresh: SsoSignInEntry = { instance, progress: { method, startedAt: now }, waiting: login ? [login] : [] }
      return { entry: fresh, result: undefined }
    }
    if (login && !entry.waiting.some((w) => w.profile === login.profile)) entry.waiting.push(login)
    return { entry, result: entry.progress }
  })
  if (joined) return joined
  try {
    return method === 'pkce' ? await startPkce(deps, instance) : await startDevice(deps, instance)
  } catch (error) {
    return fail(instance, error)
  }
}

/** Forgets a sign-in under way (a device poll notices and stops; a late redirect is ignored). */
export async function cancelSignIn(instance: SsoInstance): Promise<void> {
  await updateSignIn(instance, () => ({ entry: undefined, result: undefined }))
}

/** Chrome: a watched tab reached the redirect of the sign-in with this state. */
export async function redirectLanded(deps: SignInDeps, state: string, url: string): Promise<void> {
  const entry = Object.values(await readSignIns()).find((e) => e.pkce?.state === state)
  if (!entry?.pkce) return
  await finishPkce(deps, entry.instance, url).catch((error: unknown) => fail(entry.instance, error))
}

async function startPkce(deps: SignInDeps, instance: SsoInstance): Promise<SignInProgress> {
  const { vault, net } = deps
  const record = await readRecord(vault, instance)
  const redirectUri = redirectUriFor(record.registration?.redirectUri)
  const registration = await registrationFor(deps, instance, 'pkce', redirectUri)
  const pkce = await newPkcePair()
  const state = newOAuthState()
  const url = authorizeUrl({
    oidcEndpoint: net.endpoints(instance.region).oidc,
    clientId: registration.clientId,
    redirectUri,
    state,
    challenge: pkce.challenge,
  })
  const progress = await setPkce(instance, { state, verifier: pkce.verifier, redirectUri, registration })
  const window = authorizeInWindow(url)
  if (window) {
    void window.then((landed) => finishPkce(deps, instance, landed)).catch((error: unknown) => fail(instance, error))
  } else {
    const tabId = await openAuthorizeTab()
    await setPkce(instance, { state, verifier: pkce.verifier, redirectUri, registration, tabId })
    await sendAuthorizeTab(tabId, url)
  }
  return progress
}

async function setPkce(instance: SsoInstance, pkce: NonNullable<SsoSignInEntry['pkce']>): Promise<SignInProgress> {
  return updateSignIn(instance, (entry) => {
    if (!entry) throw new SsoError('failed', 'The Identity Center sign-in was cancelled.')
    return { entry: { ...entry, pkce }, result: entry.progress }
  })
}

async function finishPkce(deps: SignInDeps, instance: SsoInstance, landed: string): Promise<void> {
  const pkce = (await readSignIn(instance))?.pkce
  if (!pkce) return
  const result = readRedirect(landed, pkce.redirectUri, pkce.state)
  if (!result) throw new SsoError('failed', 'The Identity Center sign-in ended somewhere unexpected. Sign in again.')
  if ('error' in result) {
    if (result.error === 'access_denied')
      throw new SsoError('denied', 'You denied the sign-in. Sign in to Identity Center again to allow it.')
    throw new SsoError('failed', 'The Identity Center sign-in did not finish (no code came back). Sign in again.')
  }
  const tokens = await deps.net.oidc(instance.region).tokenFromCode(pkce.registration, result.code, pkce.verifier)
  await saveSignIn(deps.vault, instance, pkce.registration, tokens)
  await done(deps, instance)
}

async function startDevice(deps: SignInDeps, instance: SsoInstance): Promise<SignInProgress> {
  const { vault, net } = deps
  const registration = await registrationFor(deps, instance, 'device')
  const device = await net.oidc(instance.region).startDevice(registration, instance.startUrl)
  const shown = await updateSignIn(instance, (entry) => {
    if (!entry) throw new SsoError('failed', 'The Identity Center sign-in was cancelled.')
    const progress = { ...entry.progress, userCode: device.userCode, verificationUri: device.verificationUri }
    return { entry: { ...entry, progress }, result: progress }
  })
  await createTab(device.verificationUriComplete, { active: true })
  // The wait runs on in the background; the popup shows the code meanwhile.
  void (async () => {
    let stillWaiting = true
    const tokens = await pollDeviceToken({
      createToken: () => net.oidc(instance.region).tokenFromDevice(registration, device.deviceCode),
      sleep: async (ms) => {
        await new Promise((resolve) => setTimeout(resolve, ms))
        stillWaiting = (await readSignIn(instance))?.progress.startedAt === shown.startedAt
      },
      now: net.now,
      expiresAt: device.expiresAt,
      ...(device.intervalSeconds ? { intervalSeconds: device.intervalSeconds } : {}),
      cancelled: () => !stillWaiting,
    })
    await saveSignIn(vault, instance, registration, tokens)
    await done(deps, instance)
  })().catch((error: unknown) => fail(instance, error))
  return shown
}

async function done(deps: SignInDeps, instance: SsoInstance): Promise<void> {
  const waiting = await updateSignIn(instance, (entry) => ({ entry: undefined, result: entry?.waiting ?? [] }))
  await deps.resume(waiting)
  // Every account and role of the instance, for the popup (after the waiting consoles: they come first).
  await deps.discovered?.(instance)
}

async function fail(instance: SsoInstance, error: unknown): Promise<SignInProgress> {
  const message = messageOf(error)
  return updateSignIn<SignInProgress>(instance, (entry) => {
    if (!entry) return { entry: undefined, result: { method: 'pkce', startedAt: 0, error: message } }
    const progress = { ...entry.progress, error: message }
    const { pkce: _spent, ...rest } = entry
    return { entry: { ...rest, progress }, result: progress }
  })
}

/** The stored registration when it serves this method (and redirect), else a new one, kept in the vault. */
async function registrationFor(
  deps: SignInDeps,
  instance: SsoInstance,
  method: SignInMethod,
  redirectUri?: string,
): Promise<SsoRegistration> {
  const { vault, net } = deps
  const record = await readRecord(vault, instance)
  if (registrationUsable(record.registration, method, redirectUri, net.now())) return record.registration
  const registration = await net.oidc(instance.region).register(method, instance.startUrl, redirectUri)
  const { tokens: _old, ...rest } = record
  await vault.putSsoRecord(instanceKey(instance), { ...rest, registration })
  return registration
}

function messageOf(error: unknown): string {
  if (error instanceof SsoError) return error.message
  if (error instanceof Error && /^The Identity Center/.test(error.message)) return error.message
  return 'The Identity Center sign-in failed. Try again.'
}
