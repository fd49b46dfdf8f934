import type { Handlers } from '../router'
import type { AppMessages, AppStatus } from '../../shared/messages/app'
import { browserKind, extensionVersion, openOptionsPage } from '../../platform/runtime'
import type { BackgroundServices } from '../services'

export async function appStatus(services: BackgroundServices): Promise<AppStatus> {
  const [vault, profileCount] = await Promise.all([services.vaultState(), services.profileCount()])
  return { vault, profileCount, version: extensionVersion(), browser: browserKind() }
}

export function appHandlers(services: BackgroundServices): Handlers<keyof AppMessages> {
  return {
    'app.status': () => appStatus(services),
    'app.ping': ({ text }) => ({ text, at: Date.now() }),
    'app.openOptions': async ({ section }) => {
      await openOptionsPage(section)
      return null
    },
  }
}
