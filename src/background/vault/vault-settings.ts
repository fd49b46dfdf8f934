// The vault's one setting, the auto-lock timeout, kept in storage.local (it is not secret). A longer timeout
// keeps keys usable longer, so a value above the default carries a tag (an HMAC under a key derived from the
// data key, written only while unlocked): one edited in storage.local behind Rolecall's back is not followed
// and the default applies. A shorter value needs no tag: it can only lock sooner.
import { macMatches, macOf } from '../../core/crypto'
import { RolecallFailure } from '../../shared/protocol'
import { MAX_AUTO_LOCK_MINUTES, MIN_AUTO_LOCK_MINUTES, type VaultSettings } from '../../shared/messages/vault'
import type { LocalArea } from './ports'

export const AUTO_LOCK_MAC_PURPOSE = 'settings/auto-lock'
export const DEFAULT_AUTO_LOCK_MINUTES = 15

const valid = (m: unknown): m is number =>
  typeof m === 'number' && Number.isInteger(m) && m >= MIN_AUTO_LOCK_MINUTES && m <= MAX_AUTO_LOCK_MINUTES

const taggedText = (minutes: number) => JSON.stringify(['rolecall/auto-lock', minutes])

/**
 * The stored auto-lock. With `macKey` (the vault is unlocked) a value above the default counts only with a
 * matching tag; without it (locked: for display only) the stored value is returned as it is.
 */
export async function readVaultSettings(local: LocalArea, macKey?: CryptoKey): Promise<VaultSettings> {
  // storage.local can be edited behind Rolecall's back: every field is checked.
  const stored: unknown = await local.read('vaultSettings')
  const fields = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {}
  const minutes = fields.autoLockMinutes
  if (!valid(minutes)) return { autoLockMinutes: DEFAULT_AUTO_LOCK_MINUTES }
  if (!macKey || minutes <= DEFAULT_AUTO_LOCK_MINUTES) return { autoLockMinutes: minutes }
  const authentic = await macMatches(macKey, taggedText(minutes), fields.tag)
  return { autoLockMinutes: authentic ? minutes : DEFAULT_AUTO_LOCK_MINUTES }
}

/** Stores the auto-lock with its tag; the caller has checked the vault is unlocked. */
export async function writeVaultSettings(
  local: LocalArea,
  settings: VaultSettings,
  macKey: CryptoKey,
): Promise<VaultSettings> {
  if (!valid(settings.autoLockMinutes)) {
    throw new RolecallFailure(
      'bad-request',
      `Auto-lock must be a whole number of minutes from ${MIN_AUTO_LOCK_MINUTES} to ${MAX_AUTO_LOCK_MINUTES}.`,
    )
  }
  const next = { autoLockMinutes: settings.autoLockMinutes }
  await local.write('vaultSettings', { ...next, tag: await macOf(macKey, taggedText(next.autoLockMinutes)) })
  return next
}
