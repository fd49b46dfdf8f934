import type { Handlers } from '../router'
import type { AppMessages, AppStatus } from '../../shared/messages/app'
import { browserKind, extensionVersion, openOptionsPage } from '../../platform/runtime'
import { requireObject, optionalString, requireString } from '../validate'
import type { BackgroundServices } from '../services'

export async function appStatus(services: BackgroundServices): Promise<AppStatus> {
  const [vault, profileCount] = await Promise.all([services.vaultState(), services.profileCount()])
  return { vault, profileCount, version: extensionVersion(), browser: browserKind() }
}

export function appHandlers(services: BackgroundServices): Handlers<keyof AppMessages> {
  return {
    'app.status': () => appStatus(services),
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
