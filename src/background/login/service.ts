// Opening a profile's console: the background half of "one click". The login core plans and runs the AWS
// calls; this file decides where the console goes (focus, new tab, replace) and what waits for an MFA code.
import { runLogin } from '../../core/login/run'
import { issuerUrl, mfaNeededForLogin } from '../../core/login/sessions'
import { mfaSessionDeviceOf } from '../../core/login/plan'
import type { LoginResult } from '../../core/login/ports'
import { LoginError, toRolecallFailure } from '../../core/aws/errors'
import { exportLines } from '../../core/aws/exports'
import { cssColour } from '../../core/tabs/colours'
import type { LoginOutcome } from '../../shared/messages/login'
import { RolecallFailure } from '../../shared/protocol'
import * as tabs from '../../platform/tabs'
import { openInPlace } from '../console/places'
import { getTracked, listTracked, updateTracked, type TrackedSession } from '../console/tracked'
import { readSettings } from '../settings'
import { timeScale } from '../test-knobs'
import type { VaultService } from '../vault'
import { addWaiting, publicPrompt, takePrompt, type WaitingLogin } from './pending'
import { loginPorts, NeedsMfaCode, type ProvidedCode } from './ports'
import { markUsed } from './prefs'
import { loginInput, preferencesFor } from './subject'

export interface LoginRun {
  destination?: string
  switchIdentity?: boolean
  code?: ProvidedCode
}

export function createLoginService(vault: VaultService, onSessionsChanged: () => Promise<void>) {
  /** Runs the AWS side of a login. Throws NeedsMfaCode when a code is needed and none was given. */
  async function signIn(profile: string, run: LoginRun = {}): Promise<LoginResult> {
    const { subject } = await loginInput(profile, vault)
    const settings = await readSettings()
    const preferences = preferencesFor(profile, settings, await timeScale())
    // Ask for the code before any AWS call: a login that stops half-way for it would repeat those calls.
    const device = mfaSessionDeviceOf(subject)
    const cached = device ? await vault.getCachedSession(device) : undefined
    const needed = mfaNeededForLogin(subject, Date.now(), device && cached ? { mfaSerial: device, expiresAt: Date.parse(cached.expiration) } : undefined, preferences)
    if (needed && run.code?.deviceSerial !== needed) throw new NeedsMfaCode(needed)
    try {
      const result = await runLogin(
        { subject, preferences, issuer: issuerUrl(profile), ...(run.destination ? { destination: run.destination } : {}), ...(run.switchIdentity ? { switchIdentity: true } : {}) },
        loginPorts(vault, run.code),
      )
      if (result.learned) await vault.setKeyMeta(subject.base.profile, result.learned)
      return result
    } catch (error) {
      if (error instanceof LoginError) throw toRolecallFailure(error.failure)
      throw error
    }
  }

  /** A tab still open for this profile, if its console session is live. */
  async function liveTab(session: TrackedSession | undefined): Promise<number | undefined> {
    if (!session || session.expiresAt <= Date.now()) return undefined
    for (const id of Object.keys(session.tabs).map(Number)) if (await tabs.getTab(id)) return id
    return undefined
  }

  /** Chrome keeps one console identity per browser: the live session of another profile, if any. */
  async function otherLiveIdentity(profile: string): Promise<TrackedSession | undefined> {
    if (tabs.containersAvailable()) return undefined
    for (const session of await listTracked()) {
      if (session.profile !== profile && (await liveTab(session)) !== undefined) return session
    }
    return undefined
  }

  async function finish(profile: string, login: WaitingLogin, result: LoginResult): Promise<LoginOutcome> {
    const { row } = await loginInput(profile, vault)
    const colour = cssColour(row.color)
    const target = { profile, sessionName: result.sessionName, ...(colour ? { colour } : {}) }
    let tabIds: number[]
    if (login.restoreTabs?.length) {
      tabIds = await restore(login.restoreTabs, result)
    } else {
      const tab = await openInPlace(target, result.url)
      tabIds = [tab.id]
    }
    await updateTracked(profile, (current) => ({
      profile,
      tabs: { ...(login.newTab || login.restoreTabs ? current?.tabs : {}), ...Object.fromEntries(tabIds.map((id) => [id, current?.tabs[id] ?? {}])) },
      expiresAt: result.expiresAt,
      identityArn: result.identityArn,
      sessionName: result.sessionName,
      signedInAt: Date.now(),
    }))
    await markUsed(profile, Date.now())
    await onSessionsChanged()
    return { status: 'opened', profile, tabId: tabIds[0]!, expiresAt: result.expiresAt, sessionName: result.sessionName }
  }

  /** Signs the first tab in at the login URL (its Destination is that tab's page); the others share its cookies and reload. */
  async function restore(tabIds: number[], result: LoginResult): Promise<number[]> {
    const open = (await Promise.all(tabIds.map(tabs.getTab))).filter((t): t is tabs.TabInfo => t !== undefined)
    const [first, ...rest] = open
    if (!first) return (await openInPlace({ profile: result.profile, sessionName: result.sessionName }, result.url).then((t) => [t.id]))
    await tabs.navigateTab(first.id, result.url)
    for (const tab of rest) if (tab.url) await tabs.navigateTab(tab.id, tab.url)
    return open.map((t) => t.id)
  }

  async function attempt(profile: string, login: WaitingLogin, run: LoginRun): Promise<LoginOutcome> {
    try {
      return await finish(profile, login, await signIn(profile, run))
    } catch (error) {
      if (error instanceof NeedsMfaCode) {
        const prompt = await addWaiting(error.deviceSerial, login, Date.now())
        return { status: 'needs-mfa', profile, prompt: publicPrompt(prompt) }
      }
      throw error
    }
  }

  /** Copy actions never prompt: they ride on a cached MFA session, or say how to get one. */
  async function signInForCopy(profile: string): Promise<LoginResult> {
    if ((await vault.state()) !== 'unlocked') throw new RolecallFailure('vault-locked', 'Unlock Rolecall first.')
    try {
      return await signIn(profile)
    } catch (error) {
      if (error instanceof NeedsMfaCode) {
        throw new RolecallFailure('mfa-required', `"${profile}" needs an MFA code first: open it once, then copy again (no code is needed while the MFA session lasts).`)
      }
      throw error
    }
  }

  return {
    signIn,

    async open(profile: string, options: { newTab: boolean; replace: boolean }): Promise<LoginOutcome> {
      if ((await vault.state()) !== 'unlocked') throw new RolecallFailure('vault-locked', 'Unlock Rolecall first.')
      await vault.touch()
      if (!options.newTab) {
        const tabId = await liveTab(await getTracked(profile))
        if (tabId !== undefined) {
          await tabs.focusTab(tabId)
          return { status: 'focused', profile, tabId }
        }
      }
      const other = await otherLiveIdentity(profile)
      if (other && !options.replace) return { status: 'confirm-replace', profile, current: other.profile }
      return attempt(profile, { profile, newTab: options.newTab, replace: options.replace }, other ? { switchIdentity: true } : {})
    },

    /** One code for every login waiting on the device: the first gets the MFA session, the rest reuse it. */
    async submitMfa(promptId: string, code: string): Promise<LoginOutcome[]> {
      if (!/^\d{6}$/.test(code)) throw new RolecallFailure('bad-request', 'An MFA code is the 6 digits your authenticator app shows.')
      const prompt = await takePrompt(promptId)
      if (!prompt) throw new RolecallFailure('not-found', 'That MFA prompt is no longer waiting. Open the profile again.')
      const outcomes: LoginOutcome[] = []
      let provided: ProvidedCode | undefined = { deviceSerial: prompt.deviceSerial, code }
      for (const login of prompt.waiting) {
        try {
          const outcome = await attempt(login.profile, login, { ...(provided ? { code: provided } : {}), ...(login.replace ? { switchIdentity: true } : {}) })
          outcomes.push(outcome)
        } catch (error) {
          if (error instanceof RolecallFailure && error.detail?.needsNewMfaCode) {
            // Refused code: everyone waiting keeps waiting, with AWS's reason shown in the prompt.
            for (const waiting of prompt.waiting.slice(prompt.waiting.indexOf(login))) {
              const again = await addWaiting(prompt.deviceSerial, waiting, Date.now(), error.message)
              if (waiting === login) outcomes.push({ status: 'needs-mfa', profile: waiting.profile, prompt: publicPrompt(again) })
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

    async signinUrl(profile: string): Promise<LoginOutcome | { status: 'url'; url: string; expiresAt: number }> {
      const result = await signInForCopy(profile)
      return { status: 'url', url: result.url, expiresAt: result.expiresAt }
    },

    async exportLines(profile: string): Promise<LoginOutcome | { status: 'exports'; text: string; expiresAt: number }> {
      const result = await signInForCopy(profile)
      return { status: 'exports', text: exportLines(result.credentials, result.region), expiresAt: result.credentials.expiration.getTime() }
    },
  }
}

export type LoginService = ReturnType<typeof createLoginService>
