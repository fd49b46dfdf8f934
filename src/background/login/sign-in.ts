// The AWS side of a login: from a profile to its one-time console sign-in URL, through the login core's plan
// (src/core/login/run.ts). Nothing here touches a tab.
import { runLogin } from '../../core/login/run'
import { issuerUrl, mfaNeededForLogin } from '../../core/login/sessions'
import { callsSts, loginTarget, mfaSessionDeviceOf } from '../../core/login/plan'
import type { LoginResult } from '../../core/login/ports'
import type { PreviewRow } from '../../core/config/import/preview'
import { LoginError, toRolecallFailure } from '../../core/aws/errors'
import { SsoError } from '../../core/sso/errors'
import { RolecallFailure } from '../../shared/protocol'
import { readSettings, trustedEndpoints } from '../settings'
import type { VaultService } from '../vault'
import { newIssuerToken, requireEndpointPermissions, requireStsPermission } from './endpoint-checks'
import { loginPorts, NeedsMfaCode, type ProvidedCode } from './ports'
import { type LoginInput, loginInput, preferencesFor } from './subject'

export interface LoginRun {
  /** The console page to land on (a tab being signed in again goes back to its last page). */
  destination?: string
  /** Log the console's current identity out and sign in, in one hop (the cookie-jar policy decides). */
  switchIdentity?: boolean
  code?: ProvidedCode
  /** The profile's login input, when the caller has just read it (Chrome's open reads it to decide on the jar). */
  input?: LoginInput
}

export interface SignedIn {
  result: LoginResult
  /** The profile's stored row: what its console tab is named and coloured by. */
  row: PreviewRow
  /** The per-login value in this login's Issuer link; stored with the tracked session it opens. */
  issuerToken: string
}

/** Throws NeedsMfaCode, before any AWS call, when a code is needed and none was given. */
export async function signIn(vault: VaultService, profile: string, run: LoginRun = {}): Promise<SignedIn> {
  const { row, subject } = run.input ?? (await loginInput(profile, vault))
  const settings = await readSettings()
  // Where credentials go: only endpoints the user saved with the passphrase, on hosts still granted.
  const endpoints = await trustedEndpoints(settings, vault)
  await requireEndpointPermissions(endpoints)
  const preferences = preferencesFor(profile, { ...settings, endpoints })
  if (callsSts(subject)) await requireStsPermission(profile, loginTarget(subject, preferences))
  // Ask for the code before any AWS call: a login that stops half-way for it would repeat those calls.
  const device = mfaSessionDeviceOf(subject)
  const cached = device ? await vault.getCachedSession(device) : undefined
  const needed = mfaNeededForLogin(
    subject,
    Date.now(),
    device && cached ? { mfaSerial: device, expiresAt: Date.parse(cached.expiration) } : undefined,
    preferences,
  )
  if (needed && run.code?.deviceSerial !== needed) throw new NeedsMfaCode(needed)
  try {
    const issuerToken = newIssuerToken()
    const result = await runLogin(
      {
        subject,
        preferences,
        issuer: issuerUrl(profile, issuerToken),
        ...(run.destination ? { destination: run.destination } : {}),
        ...(run.switchIdentity ? { switchIdentity: true } : {}),
      },
      loginPorts(vault, run.code),
    )
    if (result.learned && subject.kind !== 'sso') await vault.setKeyMeta(subject.base.profile, result.learned)
    return { result, row, issuerToken }
  } catch (error) {
    if (error instanceof LoginError) throw toRolecallFailure(error.failure)
    // Identity Center's refusals already say what to do (no such assignment, throttled, unreachable).
    if (error instanceof SsoError)
      throw new RolecallFailure(error.code === 'network' ? 'network' : 'aws', error.message, { sso: error.code })
    throw error
  }
}
