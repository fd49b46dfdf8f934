import type { Handlers } from '../router'
import type { AppMessages } from '../../shared/messages/app'
import { browserKind, extensionVersion, openOptionsPage } from '../../platform/runtime'
import { requireObject, optionalString, requireString } from '../validate'
import type { BackgroundServices } from '../services'

export function appHandlers(services: BackgroundServices): Handlers<keyof AppMessages> {
  return {
    'app.status': async () => ({
      vault: await services.vaultState(),
      profileCount: await services.profileCount(),
      version: extensionVersion(),
      browser: browserKind(),
    }),
    'app.ping': (request) => {
      requireObject(request)
      return { text: requireString(request, 'text', 10_000), at: Date.now() }
    },
    'app.openOptions': async (request) => {
      requireObject(request)
      await openOptionsPage(optionalString(request, 'section', 64))
      return null
    },
  }
}
