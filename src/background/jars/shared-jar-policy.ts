// Chrome: no containers, so every console tab shares one cookie jar, and the console holds one identity at a
// time (or, with the console's own multi-session turned on, up to five: the user's setting or what Rolecall
// detects, console/multi-session-mode.ts). Whether a sign-in joins, replaces or
// asks first is decided in src/core/login/shared-jar.ts; this file gathers what it needs and acts on it.
import {
  CONSOLE_SESSION_LIMIT,
  consoleRoleArn,
  decideSharedJarSignIn,
  type JarSession,
} from '../../core/login/shared-jar'
import { openInTabGroup } from '../console/places'
import { liveTab } from '../console/live-tabs'
import { listTracked, updateTracked } from '../console/tracked'
import { readConsoleMode } from '../console/multi-session-mode'
import type { CookieJarPolicy } from './policy'

export const sharedJarPolicy: CookieJarPolicy = {
  // Every open touches the one jar.
  lockName: () => 'open:shared-jar',

  async beforeOpen({ profile, replace, input }) {
    const loaded = await input()
    const decision = decideSharedJarSignIn({
      // The setting, or the mode seen in the browser: a multi-session browser must never take the logout hop.
      multiSession: (await readConsoleMode()).multiSession,
      profile,
      roleArn: consoleRoleArn(loaded.row),
      replace,
      now: Date.now(),
      sessions: await jarSessions(),
    })
    if (decision.action === 'confirm-replace')
      return { action: 'ask', outcome: { status: 'confirm-replace', profile, current: decision.current } }
    if (decision.action === 'confirm-limit')
      return {
        action: 'ask',
        outcome: {
          status: 'confirm-replace',
          profile,
          current: decision.oldest,
          sessionsHeld: decision.held,
          sessionLimit: CONSOLE_SESSION_LIMIT,
        },
      }
    return { action: 'sign-in', run: { input: loaded, ...(decision.switchIdentity ? { switchIdentity: true } : {}) } }
  },

  async beforeResignIn(profile) {
    // With the console's multi-session this identity has its own session: re-signing it leaves the others be.
    // Otherwise, where another profile's console took the jar since, log that identity out first.
    if ((await readConsoleMode()).multiSession) return {}
    return (await anotherProfileIsLive(profile)) ? { switchIdentity: true } : {}
  },

  async afterSignIn(profile, loggedOut) {
    // Other profiles' consoles now show this identity, unless the console's multi-session kept them: stop
    // tracking them, so no refresh or Issuer link signs them in as who they were.
    if (loggedOut || !(await readConsoleMode()).multiSession)
      for (const session of await listTracked())
        if (session.profile !== profile) await updateTracked(session.profile, () => undefined)
  },

  openConsoleTab: openInTabGroup,

  // One jar: every tab shares it, so the Issuer gate's other checks decide.
  holdsTab: async () => true,
}

/** What the one jar holds, as far as Rolecall tracks it. */
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

/** Another profile's console is open with a live session: the jar holds that identity now. */
async function anotherProfileIsLive(profile: string): Promise<boolean> {
  for (const session of await listTracked())
    if (session.profile !== profile && (await liveTab(session)) !== undefined) return true
  return false
}
