import type { Handlers } from '../router'
import type { LoginMessages } from '../../shared/messages/login'
import type { ProfileMessages } from '../../shared/messages/profiles'
import type { BackgroundServices } from '../services'
import { listPending, publicPrompt } from '../login/pending'
import { joinProfiles, profileList } from '../login/profile-list'
import { readProfileSummaries } from '../config/stored-import'
import { withDiscovered } from '../sso/discovery'
import { readPrefs, setPinned } from '../login/prefs'
import { browserKind, extensionVersion } from '../../platform/runtime'
import { sessionList } from '../login/session-list'
import { endpointNotice } from '../settings'

export function loginHandlers(services: BackgroundServices): Handlers<keyof LoginMessages | keyof ProfileMessages> {
  const { login, vault } = services
  return {
    'popup.model': async () => {
      // Everything read at once: this round trip is most of the time between a click on the toolbar button
      // and a usable list.
      const [state, summaries, prefs, sessions, pending, settings, notice] = await Promise.all([
        vault.state(),
        readProfileSummaries().then(withDiscovered),
        readPrefs(),
        sessionList(),
        listPending(),
        vault.settings(),
        endpointNotice(vault),
      ])
      // Opening the popup is user activity: push the auto-lock back, without making the popup wait for it.
      if (state === 'unlocked') void vault.touch().catch(() => undefined)
      const status = {
        vault: state,
        profileCount: summaries.length,
        version: extensionVersion(),
        browser: browserKind(),
      }
      const endpoints = notice ? { endpoints: notice } : {}
      if (state !== 'unlocked')
        return { status, refreshPaused: sessions.some((s) => s.state !== 'expired'), ...endpoints }
      return {
        status,
        profiles: joinProfiles(summaries, prefs, sessions),
        prompts: pending.map(publicPrompt),
        refreshPaused: false,
        autoLockMinutes: settings.autoLockMinutes,
        ...endpoints,
      }
    },
    'profiles.list': async () => ({ profiles: await profileList() }),
    'profiles.pin': async ({ name, pinned }) => {
      await setPinned(name, pinned)
      return null
    },
    'login.open': ({ profile, newTab = false, replace = false }) => login.open(profile, { newTab, replace }),
    'login.pending': async () => ({ prompts: (await listPending()).map(publicPrompt) }),
    'login.submitMfa': async ({ promptId, code }) => ({ outcomes: await login.submitMfa(promptId, code.trim()) }),
    'login.cancel': async ({ promptId }) => {
      await login.cancel(promptId)
      return null
    },
    'login.signinUrl': ({ profile }) => login.signinUrl(profile),
    'login.exportLines': ({ profile }) => login.exportLines(profile),
    'sessions.list': async () => ({
      sessions: await sessionList(),
      refreshPaused: (await vault.state()) !== 'unlocked' && (await sessionList()).some((s) => s.state !== 'expired'),
    }),
    'sessions.forget': async () => {
      await vault.forgetCachedSessions()
      return null
    },
  }
}
