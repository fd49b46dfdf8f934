// The vault's one setting, the auto-lock timeout, kept in storage.local (it is not secret).
import { RolecallFailure } from '../../shared/protocol'
import type { VaultSettings } from '../../shared/messages/vault'
import type { LocalArea } from './ports'

const KEY = 'vaultSettings'
export const DEFAULT_AUTO_LOCK_MINUTES = 15
export const MIN_AUTO_LOCK_MINUTES = 1
export const MAX_AUTO_LOCK_MINUTES = 24 * 60

const valid = (m: unknown): m is number =>
  typeof m === 'number' && Number.isInteger(m) && m >= MIN_AUTO_LOCK_MINUTES && m <= MAX_AUTO_LOCK_MINUTES

export async function readVaultSettings(local: LocalArea): Promise<VaultSettings> {
  const stored = await local.read(KEY)
  const minutes = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>).autoLockMinutes : undefined
  return { autoLockMinutes: valid(minutes) ? minutes : DEFAULT_AUTO_LOCK_MINUTES }
}

export async function writeVaultSettings(local: LocalArea, settings: VaultSettings): Promise<VaultSettings> {
  if (!valid(settings.autoLockMinutes)) {
    throw new RolecallFailure('bad-request', `Auto-lock must be a whole number of minutes from ${MIN_AUTO_LOCK_MINUTES} to ${MAX_AUTO_LOCK_MINUTES}.`)
  }
  const next = { autoLockMinutes: settings.autoLockMinutes }
  await local.write(KEY, next)
  return next
}
