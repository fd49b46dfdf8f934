// Every message of the protocol, joined from the domains' declarations: the router checks each request against
// its message's schema here, and ../protocol.ts reads the types from it. Pages import these files for types only.
import { appMessages } from './app'
import { clipboardMessages } from './clipboard'
import { configMessages } from './config'
import { loginMessages } from './login'
import { profileMessages } from './profiles'
import { settingsMessages } from './settings'
import { vaultMessages } from './vault'
import { ssoMessages } from './sso'

export const allMessages = {
  ...appMessages,
  ...settingsMessages,
  ...vaultMessages,
  ...loginMessages,
  ...profileMessages,
  ...configMessages,
  ...clipboardMessages,
  ...ssoMessages,
}
