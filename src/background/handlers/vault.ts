// Vault and key messages: validate the request, call the vault service, answer with no secret in it.
// Every request but "lock" counts as user activity and pushes the auto-lock back.
import type { Handlers } from '../router'
import type { VaultMessages, KeyInfo } from '../../shared/messages/vault'
import type { BackgroundServices } from '../services'
import { requireUnlocked } from '../require-unlocked'
import { requireInteger, requireObject, requireString } from '../validate'
import { MAX_BACKUP_CHARS, MAX_PASSPHRASE_LENGTH, type KeySummary } from '../../core/vault'
import { MAX_AUTO_LOCK_MINUTES, MIN_AUTO_LOCK_MINUTES } from '../vault/vault-settings'
import { RolecallFailure } from '../../shared/protocol'
import { checkPastedCredentials } from '../../core/vault/pasted-credentials'

const PROFILE_MAX = 256
const CREDENTIALS_MAX = 1_000_000

const keyInfo = (k: KeySummary): KeyInfo => ({ ...k })

export function vaultHandlers(services: BackgroundServices): Handlers<keyof VaultMessages> {
  const { vault } = services
  const passphrase = (request: Record<string, unknown>, key: string) =>
    requireString(request, key, MAX_PASSPHRASE_LENGTH)
  async function active<T>(value: T): Promise<T> {
    await vault.touch()
    return value
  }

  return {
    'vault.create': async (request) => {
      requireObject(request)
      await vault.create(passphrase(request, 'passphrase'))
      return { state: await vault.state() }
    },
    'vault.unlock': async (request) => {
      requireObject(request)
      await vault.unlock(passphrase(request, 'passphrase'))
      return { state: await vault.state() }
    },
    'vault.lock': async () => {
      await vault.lock()
      return { state: await vault.state() }
    },
    'vault.changePassphrase': async (request) => {
      requireObject(request)
      await vault.changePassphrase(passphrase(request, 'oldPassphrase'), passphrase(request, 'newPassphrase'))
      return active(null)
    },
    'vault.settings.get': async () => vault.settings(),
    'vault.settings.set': async (request) => {
      requireObject(request)
      // A longer auto-lock keeps keys usable longer: not a change to make at a locked browser.
      await requireUnlocked(vault, 'changing the auto-lock')
      return active(
        await vault.setSettings({
          autoLockMinutes: requireInteger(request, 'autoLockMinutes', MIN_AUTO_LOCK_MINUTES, MAX_AUTO_LOCK_MINUTES),
        }),
      )
    },
    'vault.exportBackup': async () => {
      const text = await vault.exportBackup()
      return active({ text, fileName: `rolecall-backup-${new Date().toISOString().slice(0, 10)}.json` })
    },
    'vault.importBackup': async (request) => {
      requireObject(request)
      const keys = await vault.importBackup(
        requireString(request, 'text', MAX_BACKUP_CHARS),
        passphrase(request, 'passphrase'),
      )
      return active({ keys: keys.map(keyInfo) })
    },
    'keys.list': async () => active({ keys: (await vault.listKeys()).map(keyInfo) }),
    'keys.put': async (request) => {
      requireObject(request)
      const profile = requireString(request, 'profile', PROFILE_MAX)
      const meta = await vault.putBaseKey(
        profile,
        requireString(request, 'accessKeyId', 256),
        requireString(request, 'secretAccessKey', 256),
      )
      return active(keyInfo(meta))
    },
    'keys.delete': async (request) => {
      requireObject(request)
      await vault.deleteBaseKey(requireString(request, 'profile', PROFILE_MAX))
      return active(null)
    },
    'keys.importCredentials': async (request) => {
      requireObject(request)
      const { valid, problems } = checkPastedCredentials(requireString(request, 'text', CREDENTIALS_MAX))
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
