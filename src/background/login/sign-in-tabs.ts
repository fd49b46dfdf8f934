// A sign-in and where its console goes: a new tab in the profile's own place (container or tab group), or the
// tabs waiting to be signed in again where they were; then what Rolecall tracks is brought up to date. Opens
// from the popup (service.ts) and re-logins (src/background/relogin/) both end here.
import type { SsoService } from '../sso/service'
import { cssColour } from '../../core/tabs/colours'
import type { LoginOutcome } from '../../shared/messages/login'
import { clearMfaNotification } from '../console/notify'
import { getTracked, updateTracked } from '../console/tracked'
import type { CookieJarPolicy } from '../jars/policy'
import { restoreTabs } from '../relogin/restore'
import type { VaultService } from '../vault'
import type { WaitingLogin } from './pending'
import { markUsed } from './prefs'
import { type LoginRun, signIn, type SignedIn } from './sign-in'

/** What logins need from the rest of the background, put together once at start-up (services.ts). */
export interface LoginContext {
  vault: VaultService
  /** How this browser keeps consoles' cookies (src/background/jars/policy.ts). */
  jars: CookieJarPolicy
  /** Called whenever the tracked sessions changed: the refresh schedule and the badge follow them. */
  onSessionsChanged(): Promise<void>
  /** Identity Center: a login without a live token starts (or joins) the instance's sign-in here. */
  sso: Pick<SsoService, 'signInFor'>
}

/** Throws NeedsMfaCode when a code is needed and none was given; the caller decides who waits for it. */
export async function signInTabs(ctx: LoginContext, login: WaitingLogin, run: LoginRun = {}): Promise<LoginOutcome> {
  // Tabs waiting to be signed in again go back to the first one's last console page.
  const first = login.restoreTabs?.[0]
  const destination =
    run.destination ?? (first !== undefined ? (await getTracked(login.profile))?.tabs[first]?.lastUrl : undefined)
  const signedIn = await signIn(ctx.vault, login.profile, { ...run, ...(destination ? { destination } : {}) })
  return showSignedIn(ctx, login, signedIn, run.switchIdentity === true)
}

/** `loggedOut`: the sign-in went through logout-then-login, so the jar holds this identity alone now. */
async function showSignedIn(
  { jars, onSessionsChanged }: LoginContext,
  login: WaitingLogin,
  { result, row, issuerToken }: SignedIn,
  loggedOut: boolean,
): Promise<LoginOutcome> {
  const { profile } = login
  let tabIds: number[]
  if (login.restoreTabs?.length) {
    tabIds = await restoreTabs(jars, login.restoreTabs, result)
    await clearMfaNotification(profile)
  } else {
    const colour = cssColour(row.color)
    const tab = await jars.openConsoleTab(
      { profile, sessionName: result.sessionName, ...(colour ? { colour } : {}) },
      result.url,
    )
    tabIds = [tab.id]
  }
  await updateTracked(profile, (current) => ({
    profile,
    // An open that found no live tab to focus starts the list afresh; another tab, or a restore, adds to it.
    tabs: {
      ...(login.newTab || login.restoreTabs ? current?.tabs : {}),
      ...Object.fromEntries(tabIds.map((id) => [id, current?.tabs[id] ?? {}])),
    },
    expiresAt: result.expiresAt,
    identityArn: result.identityArn,
    sessionName: result.sessionName,
    issuerToken,
    signedInAt: Date.now(),
  }))
  await jars.afterSignIn(profile, loggedOut)
  await markUsed(profile, Date.now())
  await onSessionsChanged()
  return {
    status: 'opened',
    profile,
    tabId: tabIds[0]!,
    expiresAt: result.expiresAt,
    sessionName: result.sessionName,
  }
}
