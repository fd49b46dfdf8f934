// Vault and key messages: call the vault service with the checked request, answer with no secret in it.
// Every request but "lock" counts as user activity and pushes the auto-lock back.
import type { Handlers } from '../router'
import type { VaultMessages, KeyInfo } from '../../shared/messages/vault'
import type { BackgroundServices } from '../services'
import { requireUnlocked } from '../require-unlocked'
import type { KeySummary } from '../../core/vault'
import { RolecallFailure } from '../../shared/protocol'
import { checkPastedCredentials } from '../../core/vault/pasted-credentials'

const keyInfo = (k: KeySummary): KeyInfo => ({ ...k })

export function vaultHandlers(services: BackgroundServices): Handlers<keyof VaultMessages> {
  const { vault } = services
  async function active<T>(value: T): Promise<T> {
    await vault.touch()
    return value
  }

  return {
    'vault.create': async ({ passphrase }) => {
      await vault.create(passphrase)
      return { state: await vault.state() }
    },
    'vault.unlock': async ({ passphrase }) => {
      await vault.unlock(passphrase)
      return { state: await vault.state() }
    },
    'vault.lock': async () => {
      await vault.lock()
      return { state: await vault.state() }
    },
    'vault.changePassphrase': async ({ oldPassphrase, newPassphrase }) => {
      await vault.changePassphrase(oldPassphrase, newPassphrase)
      return active(null)
    },
    'vault.settings.get': async () => vault.settings(),
    'vault.settings.set': async (settings) => {
      // A longer auto-lock keeps keys usable longer: not a change to make at a locked browser.
      await requireUnlocked(vault, 'changing the auto-lock')
      return active(await vault.setSettings(settings))
    },
    'vault.exportBackup': async () => {
      const text = await vault.exportBackup()
      return active({ text, fileName: `rolecall-backup-${new Date().toISOString().slice(0, 10)}.json` })
    },
    'vault.importBackup': async ({ text, passphrase }) => {
      const keys = await vault.importBackup(text, passphrase)
      return active({ keys: keys.map(keyInfo) })
    },
    'keys.list': async () => active({ keys: (await vault.listKeys()).map(keyInfo) }),
    'keys.put': async ({ profile, accessKeyId, secretAccessKey }) =>
      active(keyInfo(await vault.putBaseKey(profile, accessKeyId, secretAccessKey))),
    'keys.delete': async ({ profile }) => {
      await vault.deleteBaseKey(profile)
      return active(null)
    },
    'keys.importCredentials': async ({ text }) => {
      const { valid, problems } = checkPastedCredentials(text)
      if (valid.length === 0 && problems.length === 0) {
        throw new RolecallFailure(
          'bad-request',
          'No access keys found. Paste the contents of ~/.aws/credentials: [profile] sections with aws_access_key_id and aws_secret_access_key.',
        )
      }
      const imported = valid.length ? await vault.putBaseKeys(valid) : []
      return active({ imported: imported.map(keyInfo), problems })
    },
  }
}
