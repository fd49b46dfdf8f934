// The Identity Center sign-ins under way, in storage.session (the worker may stop while the user signs in):
// one entry per instance, read and written under one lock.
import type { SsoInstance } from '../../core/sso/instance'
import { instanceKey } from '../../core/sso/instance'
import type { SsoRegistration } from '../../core/sso/tokens'
import type { WaitingLogin } from '../login/pending'
import { withLock } from '../locks'
import { storageSession } from '../storage-keys'

export type SignInMethod = 'pkce' | 'device'

/** What the popup and options page show while a sign-in runs. No secret: the user code is shown on purpose. */
export interface SignInProgress {
  method: SignInMethod
  startedAt: number
  userCode?: string
  verificationUri?: string
  /** Set when the attempt failed: what to do. */
  error?: string
}

export interface SsoSignInEntry {
  instance: SsoInstance
  progress: SignInProgress
  /** Logins to run once the sign-in is done. */
  waiting: WaitingLogin[]
  /** Authorization code + PKCE in a tab Rolecall opened (Chrome): what the redirect must match and redeem. */
  pkce?: { state: string; verifier: string; redirectUri: string; tabId?: number; registration: SsoRegistration }
}

/** A sign-in nobody finished in this long is over (Identity Center's own pages expire well before). */
export const SIGN_IN_GIVE_UP_MS = 10 * 60_000

export async function readSignIns(): Promise<Record<string, SsoSignInEntry>> {
  return (await storageSession.read('ssoSignIns')) ?? {}
}

export async function readSignIn(instance: SsoInstance): Promise<SsoSignInEntry | undefined> {
  return (await readSignIns())[instanceKey(instance)]
}

/** Read-modify-write of one instance's entry; `change` returns the new entry, or undefined to remove it. */
export async function updateSignIn<T>(
  instance: SsoInstance,
  change: (entry: SsoSignInEntry | undefined) => { entry: SsoSignInEntry | undefined; result: T },
): Promise<T> {
  return withLock('sso-sign-ins', async () => {
    const all = await readSignIns()
    const key = instanceKey(instance)
    const { entry, result } = change(all[key])
    if (entry) all[key] = entry
    else delete all[key]
    await storageSession.write({ ssoSignIns: all })
    return result
  })
}

export function isLive(entry: SsoSignInEntry | undefined, now: number): entry is SsoSignInEntry {
  return entry !== undefined && !entry.progress.error && now - entry.progress.startedAt < SIGN_IN_GIVE_UP_MS
}
