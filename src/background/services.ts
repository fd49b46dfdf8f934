// The background's domain services, created once per worker start. They hold no state of their own that
// matters across a worker restart: persistent data lives in IndexedDB, the unlocked key in storage.session.
import type { VaultState } from '../shared/messages/app'
import { containersAvailable } from '../platform/tabs'
import { createBackgroundVault, type VaultService } from './vault'
import { createLoginService, type LoginContext, type LoginService } from './login/service'
import { readProfileSummaries } from './config/stored-import'
import { containerPolicy } from './jars/container-policy'
import { sharedJarPolicy } from './jars/shared-jar-policy'
import { rescheduleRefresh, watchConsolesForRelogin } from './relogin'
import { createSsoService, type SsoService } from './sso/service'

export interface BackgroundServices {
  vaultState(): Promise<VaultState>
  /** The vault: unlock state, base keys, cached MFA sessions, backup. */
  vault: VaultService
  profileCount(): Promise<number>
  /** Opening consoles: STS, federation sign-in, tabs and containers, MFA prompts. */
  login: LoginService
  /** Identity Center: instances, sign-in and sign-out. */
  sso: SsoService
}

export function createServices(): BackgroundServices {
  const vault = createBackgroundVault()
  // The SSO service resumes logins through the login service, which starts sign-ins through it.
  const sso = createSsoService(vault, (logins) => login.resume(logins))
  const ctx: LoginContext = {
    sso,
    vault,
    // How consoles share cookies is the browser's, chosen here once: Firefox's containers keep each profile
    // apart, Chrome's one cookie jar holds one identity at a time (src/background/jars/policy.ts).
    jars: containersAvailable() ? containerPolicy : sharedJarPolicy,
    // Every change to the tracked sessions moves the next refresh and updates the badge.
    onSessionsChanged: rescheduleRefresh,
  }
  const login = createLoginService(ctx)
  sso.watch()
  watchConsolesForRelogin(ctx)
  vault.onLock(() => void rescheduleRefresh().catch(() => undefined))
  return {
    vault,
    login,
    sso,
    // Opening the popup or options page is user activity: it pushes the auto-lock back.
    vaultState: async () => {
      const state = await vault.state()
      if (state === 'unlocked') await vault.touch()
      return state
    },
    profileCount: async () => (await readProfileSummaries()).length,
  }
}
