// Identity Center messages: each needs the unlocked vault, and checks the instance before any network call.
import type { Handlers } from '../router'
import type { SsoMessages } from '../../shared/messages/sso'
import type { BackgroundServices } from '../services'
import { requireUnlocked } from '../require-unlocked'
import { RolecallFailure } from '../../shared/protocol'

export function ssoHandlers(services: BackgroundServices): Handlers<keyof SsoMessages> {
  const { vault, sso } = services
  const unlocked = async () => {
    await requireUnlocked(vault, 'use Identity Center')
    await vault.touch()
  }
  const list = async () => ({ instances: await sso.instances() })
  return {
    'sso.instances': async () => {
      await unlocked()
      return list()
    },
    'sso.add': async (instance) => {
      await unlocked()
      await sso.add(instance)
      return list()
    },
    'sso.signIn': async ({ method, ...instance }) => {
      await unlocked()
      if (method !== 'pkce' && method !== 'device')
        throw new RolecallFailure('bad-request', 'The sign-in method is "pkce" or "device".')
      return { progress: await sso.signIn(instance, method) }
    },
    'sso.discover': async (instance) => {
      await unlocked()
      return sso.discover(instance)
    },
    'sso.signOut': async (instance) => {
      await unlocked()
      await sso.signOut(instance)
      return list()
    },
    'sso.forget': async (instance) => {
      await unlocked()
      await sso.forget(instance)
      return list()
    },
  }
}
