import type { Handlers } from '../router'
import type { LoginMessages } from '../../shared/messages/login'
import type { ProfileMessages } from '../../shared/messages/profiles'
import type { BackgroundServices } from '../services'
import { optionalBoolean, requireBoolean, requireObject, requireString } from '../validate'
import { listPending, publicPrompt } from '../login/pending'
import { joinProfiles, profileList } from '../login/profile-list'
import { readProfileSummaries } from '../config/stored-import'
import { readPrefs, setPinned } from '../login/prefs'
import { browserKind, extensionVersion } from '../../platform/runtime'
import { sessionList } from '../login/session-list'
import { endpointNotice } from '../settings'

const NAME_MAX = 256

export function loginHandlers(services: BackgroundServices): Handlers<keyof LoginMessages | keyof ProfileMessages> {
  const { login, vault } = services
  return {
    'popup.model': async () => {
      // Everything read at once: this round trip is most of the time between a click on the toolbar button
      // and a usable list.
      const [state, summaries, prefs, sessions, pending, settings, notice] = await Promise.all([
        vault.state(),
        readProfileSummaries(),
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
    'profiles.pin': async (request) => {
      requireObject(request)
      await setPinned(requireString(request, 'name', NAME_MAX), requireBoolean(request, 'pinned'))
      return null
    },
    'login.open': (request) => {
      requireObject(request)
      return login.open(requireString(request, 'profile', NAME_MAX), {
        newTab: optionalBoolean(request, 'newTab') ?? false,
        replace: optionalBoolean(request, 'replace') ?? false,
      })
    },
    'login.pending': async () => ({ prompts: (await listPending()).map(publicPrompt) }),
    'login.submitMfa': async (request) => {
      requireObject(request)
      return {
        outcomes: await login.submitMfa(
          requireString(request, 'promptId', 64),
          requireString(request, 'code', 16).trim(),
        ),
      }
    },
    'login.cancel': async (request) => {
      requireObject(request)
      await login.cancel(requireString(request, 'promptId', 64))
      return null
    },
    'login.signinUrl': (request) => {
      requireObject(request)
      return login.signinUrl(requireString(request, 'profile', NAME_MAX))
    },
    'login.exportLines': (request) => {
      requireObject(request)
      return login.exportLines(requireString(request, 'profile', NAME_MAX))
    },
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
