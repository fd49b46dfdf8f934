// Firefox: every profile's console lives in its own container, so it has its own cookies and any number of
// profiles are signed in side by side. A sign-in touches no other profile's console.
import { consoleRoleArn, sameIdentity } from '../../core/login/shared-jar'
import { containerOf, openInContainer } from '../console/places'
import { getTracked } from '../console/tracked'
import type { LoginInput } from '../login/subject'
import type { CookieJarPolicy } from './policy'

export const containerPolicy: CookieJarPolicy = {
  // Only opens of the same profile share a container.
  lockName: (profile) => `open:${profile}`,

  async beforeOpen({ profile, input }) {
    // The container may still hold a live session of an identity the profile no longer has (its role changed on
    // re-import): log out and in, in one hop, instead of AWS's "log out first" page.
    return { action: 'sign-in', run: (await holdsOtherIdentity(profile, input)) ? { switchIdentity: true } : {} }
  },

  // The container holds this profile's identity: signing its tabs in again logs nothing out.
  beforeResignIn: async () => ({}),

  // No other profile shares the container: every other console stays as it is.
  afterSignIn: async () => undefined,

  openConsoleTab: openInContainer,

  // A tab outside the profile's container would not get the session: the Issuer gate refuses it.
  async holdsTab(profile, tab) {
    const container = await containerOf(profile)
    return container !== undefined && tab.cookieStoreId === container
  },
}

/** The profile's live session shows an identity other than the one its role gives now. */
async function holdsOtherIdentity(profile: string, input: () => Promise<LoginInput>): Promise<boolean> {
  const tracked = await getTracked(profile)
  if (!tracked?.identityArn || tracked.expiresAt <= Date.now()) return false
  const { row } = await input()
  return !sameIdentity(tracked.identityArn, consoleRoleArn(row))
}
