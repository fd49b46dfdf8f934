// The login core's ports, made of the background's services: STS and sign-in over fetch, keys and the MFA
// session cache from the vault, and the MFA code from the prompt the popup answers.
import { createSdkSts } from '../../core/aws/sts'
import { createFetchSignin } from '../../core/aws/federation'
import type { LoginPorts, TemporaryCredentials } from '../../core/login/ports'
import type { VaultService } from '../vault'
import { roleCredentials } from '../sso/tokens'
import { ssoNetwork } from '../sso/service'

/** Thrown by the mfaCode port when the login needs a code the user has not given yet. */
export class NeedsMfaCode extends Error {
  constructor(readonly deviceSerial: string) {
    super(`An MFA code for ${deviceSerial} is needed.`)
    this.name = 'NeedsMfaCode'
  }
}

export interface ProvidedCode {
  deviceSerial: string
  code: string
}

const sts = createSdkSts()
const signin = createFetchSignin()

export function loginPorts(vault: VaultService, provided?: ProvidedCode): LoginPorts {
  let used = false
  return {
    sts,
    signin,
    baseKeys: (profile) => vault.getBaseKey(profile),
    cache: {
      async get(serial) {
        const cached = await vault.getCachedSession(serial)
        return cached && { ...cached, expiration: new Date(cached.expiration) }
      },
      put: (serial, session: TemporaryCredentials) =>
        vault.putCachedSession(serial, { ...session, expiration: session.expiration.toISOString() }),
      // An expired record is never used again: the next login fetches a new MFA session.
      delete: async (serial) => {
        const cached = await vault.getCachedSession(serial)
        if (cached) await vault.putCachedSession(serial, { ...cached, expiration: new Date(0).toISOString() })
      },
    },
    async mfaCode(serial) {
      if (provided && !used && provided.deviceSerial === serial) {
        used = true
        return provided.code
      }
      throw new NeedsMfaCode(serial)
    },
    clock: { now: () => Date.now() },
    // Identity Center: a live (or renewed) token, else NeedsSsoSignIn for the login service to act on.
    sso: { roleCredentials: (role) => roleCredentials(vault, ssoNetwork(), role) },
  }
}
