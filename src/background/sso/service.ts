// Identity Center in the background: which instances Rolecall knows (from the imported config and added by
// hand), their state for the options page, signing in and out, and the logins waiting for a sign-in.
import { instanceKey, instanceProblem, type SsoInstance } from '../../core/sso/instance'
import { tokenAction } from '../../core/sso/tokens'
import type { SsoRecord } from '../../core/vault'
import { RolecallFailure } from '../../shared/protocol'
import { readStoredImport } from '../config/stored-import'
import type { WaitingLogin } from '../login/pending'
import { watchSsoRedirects } from './browser-authorize'
import { isLive, readSignIn, readSignIns, type SignInMethod, type SignInProgress } from './sign-in-state'
import { cancelSignIn, redirectLanded, startSignIn, type ResumeLogins, type SignInDeps } from './sign-in'
import { awsNetwork, signOut, type SsoNetwork, type SsoVault } from './tokens'
import { DISCOVERY_INTERVAL_MS, discoverRoles, forgetDiscovery, readDiscoveries, type Discovery } from './discovery'
import { onAlarm, scheduleAlarm } from '../../platform/alarms'
import { readSettings } from '../settings'
import { requireSsoPermission } from './endpoints'

const DISCOVERY_ALARM = 'rolecall-sso-discovery'

export interface SsoInstanceState extends SsoInstance {
  /** Access token live until (epoch ms), when signed in. */
  signedInUntil?: number
  /** A refresh token is held: access renews without asking until the portal session ends. */
  renews: boolean
  /** Profiles of the imported config on this instance. */
  profiles: number
  signingIn?: SignInProgress
  /** The last listing of accounts and roles: when, and how many. */
  listedAt?: number
  accounts?: number
  roles?: number
}

/** The network the login port and the sign-ins use: AWS's hosts (the e2e suite maps them to the stand-in). */
export const ssoNetwork = (): SsoNetwork => awsNetwork()

export function createSsoService(vault: SsoVault, resume: ResumeLogins) {
  /** Lists the instance's accounts and roles now; a failure (signed out, throttled) keeps the last list. */
  async function discover(instance: SsoInstance): Promise<Discovery> {
    const discovery = await discoverRoles(vault, ssoNetwork(), instance)
    await scheduleAlarm(DISCOVERY_ALARM, Date.now() + DISCOVERY_INTERVAL_MS)
    return discovery
  }
  const deps = (): SignInDeps => ({
    vault,
    net: ssoNetwork(),
    resume,
    discovered: async (instance) => void (await discover(instance).catch(() => undefined)),
  })

  function checked(instance: SsoInstance): SsoInstance {
    const problem = instanceProblem(instance)
    if (problem) throw new RolecallFailure('bad-request', problem)
    return { startUrl: instance.startUrl, region: instance.region }
  }

  /** Checked, and in a region this build may reach: before anything that signs in or lists. */
  async function reachable(instance: SsoInstance): Promise<SsoInstance> {
    const ok = checked(instance)
    await requireSsoPermission(ok.region)
    return ok
  }

  return {
    /** Registered once at start: Chrome's sign-in tab reaching its redirect wakes the worker. */
    watch(): void {
      watchSsoRedirects((state, url) => redirectLanded(deps(), state, url))
      // Daily: every signed-in instance lists its accounts and roles again (a new assignment shows up).
      onAlarm(DISCOVERY_ALARM, async () => {
        if ((await vault.state()) !== 'unlocked') return
        for (const state of await this.instances())
          if (state.signedInUntil || state.renews) await discover(state).catch(() => undefined)
      })
    },

    /** On demand, from the options page: how many accounts and roles the instance gives the user. */
    async discover(instance: SsoInstance): Promise<{ accounts: number; roles: number }> {
      const { roles } = await discover(await reachable(instance))
      return { accounts: new Set(roles.map((r) => r.accountId)).size, roles: roles.length }
    },

    /** Starts (or joins) the instance's sign-in for a login that found no live token. */
    async signInFor(instance: SsoInstance, login: WaitingLogin): Promise<Omit<SignInProgress, 'startedAt'>> {
      await requireSsoPermission(instance.region)
      // The user's choice in Settings: a browser page to allow (PKCE, the default) or a code to confirm.
      const method = (await readSettings()).ssoSignInMethod
      const { startedAt: _at, ...shown } = await startSignIn(deps(), instance, method, login)
      return shown
    },

    /** From the options page: any login waiting on the instance goes on once it is done. */
    async signIn(instance: SsoInstance, method: SignInMethod): Promise<SignInProgress> {
      const ok = await reachable(instance)
      const running = await readSignIn(ok)
      if (running && running.progress.method !== method) await cancelSignIn(ok)
      return startSignIn(deps(), ok, method)
    },

    async signOut(instance: SsoInstance): Promise<void> {
      const ok = checked(instance)
      await cancelSignIn(ok)
      await signOut(vault, ssoNetwork(), ok)
    },

    /** Adds an instance by hand (no config needed): an empty record, signed in later. */
    async add(instance: SsoInstance): Promise<void> {
      const ok = await reachable(instance)
      const existing = await vault.getSsoRecord(instanceKey(ok)).catch(() => undefined)
      if (!existing) await vault.putSsoRecord(instanceKey(ok), { instance: ok })
    },

    /** Forgets the instance entirely: tokens, registration, the hand-added entry. */
    async forget(instance: SsoInstance): Promise<void> {
      const ok = checked(instance)
      await this.signOut(ok).catch(() => undefined)
      await vault.deleteSsoRecord(instanceKey(ok))
      await forgetDiscovery(ok)
    },

    /** Every instance the imported config names or the vault holds a record for, with its state. */
    async instances(): Promise<SsoInstanceState[]> {
      const byKey = new Map<string, SsoInstanceState>()
      const add = (instance: SsoInstance) => {
        const key = instanceKey(instance)
        const known = byKey.get(key) ?? { ...instance, renews: false, profiles: 0 }
        byKey.set(key, known)
        return known
      }
      for (const row of (await readStoredImport())?.rows ?? []) {
        if (row.access.kind !== 'sso') continue
        add({ startUrl: row.access.sso.startUrl, region: row.access.sso.ssoRegion }).profiles++
      }
      // Each vault record is opened once: it names its instance and holds its tokens.
      const tokensOf = new Map<string, SsoRecord['tokens']>()
      for (const key of await vault.listSsoKeys()) {
        const record = await vault.getSsoRecord(key).catch(() => undefined)
        if (!record) continue
        add(record.instance)
        tokensOf.set(instanceKey(record.instance), record.tokens)
      }
      const now = Date.now()
      const [discoveries, signIns] = await Promise.all([readDiscoveries(), readSignIns()])
      for (const state of byKey.values()) {
        const tokens = tokensOf.get(instanceKey(state))
        if (tokens && tokenAction(tokens, now) !== 'sign-in') {
          if (tokens.expiresAt > now) state.signedInUntil = tokens.expiresAt
          state.renews = Boolean(tokens.refreshToken)
        }
        const listed = discoveries[instanceKey(state)]
        if (listed) {
          state.listedAt = listed.at
          state.accounts = new Set(listed.roles.map((r) => r.accountId)).size
          state.roles = listed.roles.length
        }
        const running = signIns[instanceKey(state)]
        if (running && (running.progress.error || isLive(running, now))) state.signingIn = running.progress
      }
      return [...byKey.values()].sort((a, b) => a.startUrl.localeCompare(b.startUrl))
    },
  }
}

export type SsoService = ReturnType<typeof createSsoService>
