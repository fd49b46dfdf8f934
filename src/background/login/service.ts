// Opening a profile's console: the background half of "one click". The login core plans and runs the AWS
// calls; this file decides where the console goes (focus, new tab, replace) and what waits for an MFA code.
import { runLogin } from '../../core/login/run'
import { issuerUrl, mfaNeededForLogin, parseIssuerUrl, tabPlace } from '../../core/login/sessions'
import { mfaSessionDeviceOf } from '../../core/login/plan'
import {
  CONSOLE_SESSION_LIMIT,
  decideSharedJarSignIn,
  sameIdentity,
  type JarSession,
} from '../../core/login/shared-jar'
import type { LoginResult } from '../../core/login/ports'
import type { PreviewRow } from '../../core/config/import/preview'
import { LoginError, toRolecallFailure } from '../../core/aws/errors'
import { exportLines } from '../../core/aws/exports'
import { cssColour } from '../../core/tabs/colours'
import type { LoginOutcome } from '../../shared/messages/login'
import { RolecallFailure } from '../../shared/protocol'
import * as tabs from '../../platform/tabs'
import { openInPlace } from '../console/places'
import { getTracked, listTracked, updateTracked, type TrackedSession } from '../console/tracked'
import { readSettings, trustedEndpoints } from '../settings'
import { newIssuerToken, requireEndpointPermissions } from './endpoint-checks'
import { withLock } from '../locks'
import { clearMfaNotification, notifyMfaNeeded } from '../console/notify'
import { timeScale } from '../test-knobs'
import type { VaultService } from '../vault'
import { addWaiting, publicPrompt, takePrompt, type WaitingLogin } from './pending'
import { loginPorts, NeedsMfaCode, type ProvidedCode } from './ports'
import { markUsed } from './prefs'
import { type LoginInput, loginInput, preferencesFor } from './subject'

export interface LoginRun {
  destination?: string
  switchIdentity?: boolean
  code?: ProvidedCode
  /** The profile's login input, when the caller has just read it (Chrome's open reads it to decide on the jar). */
  input?: LoginInput
}

export { sameIdentity }

interface SignedIn {
  result: LoginResult
  row: PreviewRow
  /** The per-login value in this login's Issuer link; stored with the tracked session it opens. */
  issuerToken: string
}

export function createLoginService(vault: VaultService, onSessionsChanged: () => Promise<void>) {
  /**
   * Runs the AWS side of a login; returns it with the profile's stored row (what the console tab is named and
   * coloured by). Throws NeedsMfaCode when a code is needed and none was given.
   */
  async function signIn(profile: string, run: LoginRun = {}): Promise<SignedIn> {
    const { row, subject } = run.input ?? (await loginInput(profile, vault))
    const settings = await readSettings()
    // Where credentials go: only endpoints the user saved with the passphrase, on hosts still granted.
    const endpoints = await trustedEndpoints(settings, vault)
    await requireEndpointPermissions(endpoints)
    const preferences = preferencesFor(profile, { ...settings, endpoints }, await timeScale())
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
      if (result.learned) await vault.setKeyMeta(subject.base.profile, result.learned)
      return { result, row, issuerToken }
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

  /** `loggedOut`: the login went through logout-then-login, so the browser holds this identity alone now. */
  async function finish(
    profile: string,
    login: WaitingLogin,
    { result, row, issuerToken }: SignedIn,
    loggedOut: boolean,
  ): Promise<LoginOutcome> {
    const colour = cssColour(row.color)
    const target = { profile, sessionName: result.sessionName, ...(colour ? { colour } : {}) }
    let tabIds: number[]
    if (login.restoreTabs?.length) {
      tabIds = await restore(login.restoreTabs, result)
      await clearMfaNotification(profile)
    } else {
      const tab = await openInPlace(target, result.url)
      tabIds = [tab.id]
    }
    await updateTracked(profile, (current) => ({
      profile,
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
    // Chrome: other profiles' consoles now show this identity, unless the console's multi-session kept them.
    if (!tabs.containersAvailable() && (loggedOut || !(await readSettings()).consoleMultiSession))
      await forgetReplacedIdentities(profile)
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

  /** Chrome holds one console identity: other profiles' consoles now show this one, so stop tracking them. */
  async function forgetReplacedIdentities(profile: string): Promise<void> {
    for (const session of await listTracked())
      if (session.profile !== profile) await updateTracked(session.profile, () => undefined)
  }

  /** Signs the first tab in at the login URL (its Destination is that tab's page); the others share its cookies and reload. */
  async function restore(tabIds: number[], result: LoginResult): Promise<number[]> {
    // Only tabs still on the console, passing through sign-in, or at the Issuer link that asked for this: a tab
    // that went elsewhere while the login waited is left where it is.
    const { endpoints } = await readSettings()
    const open = (await Promise.all(tabIds.map(tabs.getTab))).filter(
      (t): t is tabs.TabInfo =>
        t?.url !== undefined && (parseIssuerUrl(t.url) !== undefined || tabPlace(t.url, endpoints) !== 'elsewhere'),
    )
    const [first, ...rest] = open
    if (!first)
      return await openInPlace({ profile: result.profile, sessionName: result.sessionName }, result.url).then((t) => [
        t.id,
      ])
    await tabs.navigateTab(first.id, result.url)
    // The others go back to their last console page (they may show "session expired" now); the fresh
    // session cookie of their container serves them.
    const session = await getTracked(result.profile)
    for (const tab of rest) {
      const url = session?.tabs[tab.id]?.lastUrl ?? tab.url
      if (url) await tabs.navigateTab(tab.id, url)
    }
    return open.map((t) => t.id)
  }

  async function attempt(profile: string, login: WaitingLogin, run: LoginRun): Promise<LoginOutcome> {
    try {
      // Tabs waiting to be signed in again go back to the first one's last console page.
      const first = login.restoreTabs?.[0]
      const destination =
        run.destination ?? (first !== undefined ? (await getTracked(profile))?.tabs[first]?.lastUrl : undefined)
      return await finish(
        profile,
        login,
        await signIn(profile, { ...run, ...(destination ? { destination } : {}) }),
        run.switchIdentity === true,
      )
    } catch (error) {
      if (error instanceof NeedsMfaCode) {
        // Remember the logout this login decided on: the code may come after the popup was closed.
        const prompt = await addWaiting(
          error.deviceSerial,
          { ...login, ...(run.switchIdentity ? { switchIdentity: true } : {}) },
          Date.now(),
        )
        return { status: 'needs-mfa', profile, prompt: publicPrompt(prompt) }
      }
      throw error
    }
  }

  /** Every open tab of a tracked session, with its current URL. */
  async function openTabsOf(profile: string): Promise<tabs.TabInfo[]> {
    const session = await getTracked(profile)
    if (!session) return []
    return (await Promise.all(Object.keys(session.tabs).map((id) => tabs.getTab(Number(id))))).filter(
      (t) => t !== undefined,
    )
  }

  /**
   * Signs a profile's console tabs in again where they are: the first tab through a login whose Destination is
   * its last console page, the others reload on the fresh session. Without a usable MFA session the tabs wait
   * for a code (prompt, badge, notification) instead.
   */
  async function resignIn(
    profile: string,
    tabIds: number[],
    reason: 'refresh' | 'issuer',
  ): Promise<LoginOutcome | undefined> {
    const session = await getTracked(profile)
    const first = tabIds[0]
    const destination = first !== undefined ? session?.tabs[first]?.lastUrl : undefined
    const login: WaitingLogin = { profile, newTab: false, replace: false, restoreTabs: tabIds }
    try {
      // With the console's multi-session this identity has its own session: re-signing it leaves the others be.
      const switchIdentity = !(await readSettings()).consoleMultiSession && (await holdsOtherIdentity(profile))
      return await finish(
        profile,
        login,
        await signIn(profile, {
          ...(destination ? { destination } : {}),
          ...(switchIdentity ? { switchIdentity: true } : {}),
        }),
        switchIdentity,
      )
    } catch (error) {
      if (!(error instanceof NeedsMfaCode)) throw error
      const prompt = await addWaiting(error.deviceSerial, login, Date.now())
      await updateTracked(profile, (current) => current && { ...current, waitingForMfa: true })
      await onSessionsChanged()
      await notifyMfaNeeded(profile, reason)
      return { status: 'needs-mfa', profile, prompt: publicPrompt(prompt) }
    }
  }

  /** What Chrome's one cookie jar holds, as far as Rolecall tracks it. */
  async function jarSessions(): Promise<JarSession[]> {
    return Promise.all(
      (await listTracked()).map(async (s) => ({
        profile: s.profile,
        expiresAt: s.expiresAt,
        signedInAt: s.signedInAt,
        liveTabOpen: (await liveTab(s)) !== undefined,
        ...(s.identityArn ? { identityArn: s.identityArn } : {}),
      })),
    )
  }

  async function containerHoldsOtherIdentity(profile: string): Promise<boolean> {
    const tracked = await getTracked(profile)
    if (!tracked?.identityArn || tracked.expiresAt <= Date.now()) return false
    const { row } = await loginInput(profile, vault)
    return !sameIdentity(tracked.identityArn, row.roleArn)
  }

  /** Chrome: the browser's one console identity now belongs to another profile. */
  async function holdsOtherIdentity(profile: string): Promise<boolean> {
    return (await otherLiveIdentity(profile)) !== undefined
  }

  /** Copy actions never prompt: they ride on a cached MFA session, or say how to get one. */
  async function signInForCopy(profile: string): Promise<LoginResult> {
    if ((await vault.state()) !== 'unlocked') throw new RolecallFailure('vault-locked', 'Unlock Rolecall first.')
    try {
      return (await signIn(profile)).result
    } catch (error) {
      if (error instanceof NeedsMfaCode) {
        throw new RolecallFailure(
          'mfa-required',
          `"${profile}" needs an MFA code first: open it once, then copy again (no code is needed while the MFA session lasts).`,
        )
      }
      throw error
    }
  }

  return {
    openTabsOf,
    resignIn,

    async open(profile: string, options: { newTab: boolean; replace: boolean }): Promise<LoginOutcome> {
      if ((await vault.state()) !== 'unlocked') throw new RolecallFailure('vault-locked', 'Unlock Rolecall first.')
      await vault.touch()
      // Opens started at once run one after another where they share a cookie jar (the profile's container;
      // Chrome's one jar): each sees what the one before left (a live tab to focus, a session that needs no
      // logout first), instead of five logins logging one another out or leaving tabs no session tracks.
      return withLock(tabs.containersAvailable() ? `open:${profile}` : 'open:shared-jar', async () => {
        if (!options.newTab) {
          const tabId = await liveTab(await getTracked(profile))
          if (tabId !== undefined) {
            await tabs.focusTab(tabId)
            return { status: 'focused', profile, tabId }
          }
        }
        const login = { profile, newTab: options.newTab, replace: options.replace }
        if (!tabs.containersAvailable()) {
          // Chrome: one cookie jar for every console tab; join, replace or ask (core/login/shared-jar.ts).
          const input = await loginInput(profile, vault)
          const decision = decideSharedJarSignIn({
            multiSession: (await readSettings()).consoleMultiSession,
            profile,
            roleArn: input.row.roleArn,
            replace: options.replace,
            now: Date.now(),
            sessions: await jarSessions(),
          })
          if (decision.action === 'confirm-replace')
            return { status: 'confirm-replace', profile, current: decision.current }
          if (decision.action === 'confirm-limit')
            return {
              status: 'confirm-replace',
              profile,
              current: decision.oldest,
              sessionsHeld: decision.held,
              sessionLimit: CONSOLE_SESSION_LIMIT,
            }
          return attempt(profile, login, { input, ...(decision.switchIdentity ? { switchIdentity: true } : {}) })
        }
        // Firefox: the profile's container may still hold a live session of an identity the profile no longer
        // has (its role changed on re-import): log out and in, in one hop, instead of AWS's "log out first" page.
        return attempt(profile, login, (await containerHoldsOtherIdentity(profile)) ? { switchIdentity: true } : {})
      })
    },

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
          const outcome = await attempt(login.profile, login, {
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

    async signinUrl(profile: string): Promise<LoginOutcome | { status: 'url'; url: string; expiresAt: number }> {
      const result = await signInForCopy(profile)
      return { status: 'url', url: result.url, expiresAt: result.expiresAt }
    },

    async exportLines(profile: string): Promise<LoginOutcome | { status: 'exports'; text: string; expiresAt: number }> {
      const result = await signInForCopy(profile)
      return {
        status: 'exports',
        text: exportLines(result.credentials, result.region),
        expiresAt: result.credentials.expiration.getTime(),
      }
    },
  }
}

export type LoginService = ReturnType<typeof createLoginService>
