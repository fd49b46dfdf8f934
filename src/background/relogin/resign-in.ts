// Signs a profile's console tabs in again where they are: shortly before the session ends (refresh.ts), or
// after, from the console's "session expired" link (issuer-visit.ts). Silent while the MFA session lives;
// otherwise the tabs wait for a code instead: a prompt in the popup, the badge's "!", a notification.
import type { LoginOutcome } from '../../shared/messages/login'
import { notifyMfaNeeded, notifySsoNeeded } from '../console/notify'
import { NeedsSsoSignIn } from '../sso/tokens'
import { updateTracked } from '../console/tracked'
import { addWaiting, publicPrompt, type WaitingLogin } from '../login/pending'
import { NeedsMfaCode } from '../login/ports'
import { type LoginContext, signInTabs } from '../login/sign-in-tabs'

export async function resignIn(
  ctx: LoginContext,
  profile: string,
  tabIds: number[],
  reason: 'refresh' | 'issuer',
): Promise<LoginOutcome> {
  const login: WaitingLogin = { profile, newTab: false, replace: false, restoreTabs: tabIds }
  try {
    return await signInTabs(ctx, login, await ctx.jars.beforeResignIn(profile))
  } catch (error) {
    if (error instanceof NeedsSsoSignIn) {
      // The portal session ended: one sign-in for the instance; these tabs are signed in again once it is done.
      const started = await ctx.sso.signInFor(error.instance, login)
      await notifySsoNeeded(profile, error.instance.startUrl)
      return { status: 'needs-sso', profile, ...error.instance, ...started }
    }
    if (!(error instanceof NeedsMfaCode)) throw error
    const prompt = await addWaiting(error.deviceSerial, login, Date.now())
    // A session waiting for its code is not refreshed again until the code comes (schedule.ts).
    await updateTracked(profile, (current) => current && { ...current, waitingForMfa: true })
    await ctx.onSessionsChanged()
    await notifyMfaNeeded(profile, reason)
    return { status: 'needs-mfa', profile, prompt: publicPrompt(prompt) }
  }
}
