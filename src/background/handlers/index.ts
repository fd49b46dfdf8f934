// The one place that registers every background handler. Implementations live with their domain.
import type { Handlers } from '../router'
import type { BackgroundServices } from '../services'
import { appHandlers } from './app'
import { settingsHandlers } from './settings'
import { vaultHandlers } from './vault'
import { loginHandlers } from './login'
import { configHandlers } from './config'
import { clipboardHandlers } from './clipboard'
import { ssoHandlers } from './sso'

export function allHandlers(services: BackgroundServices): Handlers {
  return {
    ...appHandlers(services),
    ...settingsHandlers(services),
    ...vaultHandlers(services),
    ...loginHandlers(services),
    ...configHandlers(services),
    ...clipboardHandlers(),
    ...ssoHandlers(services),
  }
}
