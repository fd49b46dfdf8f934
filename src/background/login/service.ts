// Opening a profile's console: the background half of "one click". The cookie-jar policy says whether the
// sign-in may go ahead (src/background/jars/), sign-in-tabs.ts signs in and places the console, and a login
// that needs an MFA code waits for it here (pending.ts) until the popup sends one.
import type { LoginOutcome } from '../../shared/messages/login'
import { RolecallFailure } from '../../shared/protocol'
import { focusTab } from '../../platform/tabs'
import { liveTab } from '../console/live-tabs'
import { getTracked } from '../console/tracked'
import { withLock } from '../locks'
import { exportLinesFor, signinUrlFor } from './copy-actions'
import { addWaiting, publicPrompt, takePrompt, type WaitingLogin } from './pending'
import { NeedsMfaCode, type ProvidedCode } from './ports'
import type { LoginRun } from './sign-in'
import { type LoginContext, signInTabs } from './sign-in-tabs'
import { loginInput } from './subject'
import { NeedsSsoSignIn } from '../sso/tokens'

export type { LoginContext }

export function createLoginService(ctx: LoginContext) {
  const { vault, jars } = ctx

  /** A login the user started (an open, or a code sent for one): without a code it waits in the prompt. */
  async function attempt(login: WaitingLogin, run: LoginRun): Promise<LoginOutcome> {
    try {
      return await signInTabs(ctx, login, run)
    } catch (error) {
      if (error instanceof NeedsSsoSignIn) {
        // One sign-in for the instance; this login (and any other waiting on it) goes on once it is approved.
        const started = await ctx.sso.signInFor(error.instance, login)
        return {
          status: 'needs-sso',
          profile: login.profile,
          startUrl: error.instance.startUrl,
          region: error.instance.region,
          ...started,
        }
      }
      if (!(error instanceof NeedsMfaCode)) throw error
      // Remember the logout this login decided on: the code may come after the popup was closed.
      const prompt = await addWaiting(
        error.deviceSerial,
        { ...login, ...(run.switchIdentity ? { switchIdentity: true } : {}) },
        Date.now(),
      )
      return { status: 'needs-mfa', profile: login.profile, prompt: publicPrompt(prompt) }
    }
  }

  async function open(profile: string, options: { newTab: boolean; replace: boolean }): Promise<LoginOutcome> {
    if ((await vault.state()) !== 'unlocked') throw new RolecallFailure('vault-locked', 'Unlock Rolecall first.')
    await vault.touch()
    return withLock(jars.lockName(profile), async () => {
      if (!options.newTab) {
        const tabId = await liveTab(await getTracked(profile))
        if (tabId !== undefined) {
          await focusTab(tabId)
          return { status: 'focused', profile, tabId }
        }
      }
      const decision = await jars.beforeOpen({
        profile,
        replace: options.replace,
        input: () => loginInput(profile, vault),
      })
      if (decision.action === 'ask') return decision.outcome
      return attempt({ profile, newTab: options.newTab, replace: options.replace }, decision.run)
    })
  }

  /**
   * Logins that waited for an Identity Center sign-in, run again now that it is done (one at a time): console
   * tabs signed in again where they are, as a refresh does; a profile opened as the popup would open it (one a
   * Chrome jar would have to ask about is left for the user to open again: nobody sees the question).
   */
  async function resume(waiting: WaitingLogin[]): Promise<void> {
    for (const login of waiting) {
      const run = login.restoreTabs?.length
        ? withLock(jars.lockName(login.profile), async () => attempt(login, await jars.beforeResignIn(login.profile)))
        : open(login.profile, { newTab: login.newTab, replace: login.replace })
      await run.catch(() => undefined)
    }
  }

  return {
    open,

    /** One code for every login waiting on the device: the first gets the MFA session, the rest reuse it. */
    async submitMfa(promptId: string, code: string): Promise<LoginOutcome[]> {
      if (!/^\d{6}$/.test(code))
        throw new RolecallFailure('bad-request', 'An MFA code is the 6 digits your authenticator app shows.')
      const prompt = await takePrompt(promptId)
      if (!prompt)
        throw new RolecallFailure('not-found', 'That MFA prompt is no longer waiting. Open the profile again.')
      const outcomes: LoginOutcome[] = []
      let provided: ProvidedCode | undefined = { deviceSerial: prompt.deviceSerial, code }
      for (const login of prompt.waiting) {
        try {
          const outcome = await attempt(login, {
            ...(provided ? { code: provided } : {}),
            ...(login.switchIdentity ? { switchIdentity: true } : {}),
          })
          outcomes.push(outcome)
        } catch (error) {
          if (error instanceof RolecallFailure && error.detail?.needsNewMfaCode) {
            // Refused code: everyone waiting keeps waiting, with AWS's reason shown in the prompt.
            for (const waiting of prompt.waiting.slice(prompt.waiting.indexOf(login))) {
              const again = await addWaiting(prompt.deviceSerial, waiting, Date.now(), error.message)
              if (waiting === login)
                outcomes.push({ status: 'needs-mfa', profile: waiting.profile, prompt: publicPrompt(again) })
            }
            return outcomes
          }
          throw error
        }
        // The code is spent once GetSessionToken (or the direct AssumeRole) has used it.
        provided = undefined
      }
      return outcomes
    },

    async cancel(promptId: string): Promise<void> {
      await takePrompt(promptId)
    },

    resume,
    signinUrl: (profile: string) => signinUrlFor(vault, profile),
    exportLines: (profile: string) => exportLinesFor(vault, profile),
  }
}

export type LoginService = ReturnType<typeof createLoginService>
