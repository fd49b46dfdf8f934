// Creating, unlocking and re-keying the vault. These return the raw data key: the caller (the background's
// vault service) keeps it in storage.session while unlocked and must wipe its copies.
import { RolecallFailure } from '../../shared/protocol'
import { generateDataKey, wipe } from '../crypto'
import type { VaultHeader } from './format'
import { openHeader, parseHeader, sealHeader } from './header'
import { assessPassphrase } from '../../shared/passphrase-strength'
import type { VaultStore } from './store'
import { vaultExists, vaultMissing } from './errors'
import { kdfPolicy, type KdfOptions } from './kdf-policy'

export type { KdfOptions } from './kdf-policy'

export interface OpenedVault {
  header: VaultHeader
  dataKey: Uint8Array<ArrayBuffer>
}

function requireAcceptablePassphrase(passphrase: string, which: string): void {
  const verdict = assessPassphrase(passphrase)
  if (!verdict.ok) throw new RolecallFailure('bad-request', `The ${which} is not accepted: ${verdict.message}`)
}

/** The stored header, checked; throws 'vault-missing' when there is none and 'tampered' when it is damaged. */
export async function readHeader(store: VaultStore): Promise<VaultHeader> {
  const raw = await store.readHeader()
  if (raw === undefined) throw vaultMissing()
  return parseHeader(raw)
}

export async function hasVault(store: VaultStore): Promise<boolean> {
  return (await store.readHeader()) !== undefined
}

export async function createVault(
  store: VaultStore,
  passphrase: string,
  options: KdfOptions = {},
): Promise<OpenedVault> {
  requireAcceptablePassphrase(passphrase, 'passphrase')
  if (await hasVault(store)) throw vaultExists()
  const dataKey = generateDataKey()
  const header = await sealHeader(dataKey, passphrase, options)
  // Records without a header could never be read again; a new vault starts from empty stores.
  await store.commit({ expectHeader: 'none', clearAll: true, header })
  return { header, dataKey }
}

/**
 * Checks the passphrase and returns the data key, and never writes, not even to strengthen an older vault:
 * for a passphrase typed again to confirm a change. A wrong passphrase or a damaged header throws.
 */
export async function openVault(store: VaultStore, passphrase: string): Promise<OpenedVault> {
  const header = await readHeader(store)
  return { header, dataKey: await openHeader(header, passphrase) }
}

/**
 * Opens the vault. One wrapped with fewer iterations than new wraps get (an older vault) is re-wrapped at once
 * under the same passphrase: a thief who copies the profile folder later finds the stronger header. A wrong
 * passphrase or a damaged header writes nothing.
 */
export async function unlockVault(
  store: VaultStore,
  passphrase: string,
  options: KdfOptions = {},
): Promise<OpenedVault> {
  const opened = await openVault(store, passphrase)
  if (opened.header.kdf.iterations >= kdfPolicy(options).wrapIterations) return opened
  return { ...opened, header: await strengthen(store, opened, passphrase, options) }
}

/**
 * Same data key, same passphrase, new salt and the current count, written in one transaction that first checks
 * the header is still the one just opened: an interrupted write leaves the old header whole, never half of each.
 * Returns the header now stored. Best effort: a failed write (a second window re-wrapping or changing the
 * passphrase at the same moment, a storage error) keeps the old header, which the right passphrase still
 * opens, so it must not turn a correct unlock into an error; the next unlock tries again.
 */
async function strengthen(
  store: VaultStore,
  { header, dataKey }: OpenedVault,
  passphrase: string,
  options: KdfOptions,
): Promise<VaultHeader> {
  const next = await sealHeader(dataKey, passphrase, {
    ...options,
    vaultId: header.vaultId,
    createdAt: header.createdAt,
  })
  try {
    await store.commit({ expectHeader: { check: header.check }, header: next })
    return next
  } catch {
    return header
  }
}

/**
 * Re-wraps the same data key under the new passphrase (fresh salt, current iteration count) and replaces the
 * header in one transaction that first checks the header is still the one we opened. Records are untouched,
 * so a failure at any point leaves the old passphrase working and every record readable.
 */
export async function changePassphrase(
  store: VaultStore,
  oldPassphrase: string,
  newPassphrase: string,
  options: KdfOptions = {},
): Promise<VaultHeader> {
  requireAcceptablePassphrase(newPassphrase, 'new passphrase')
  // Not unlockVault: this re-wraps at the current count anyway, so strengthening first would only cost a second PBKDF2 run.
  const { header, dataKey } = await openVault(store, oldPassphrase)
  try {
    const next = await sealHeader(dataKey, newPassphrase, {
      ...options,
      vaultId: header.vaultId,
      createdAt: header.createdAt,
    })
    await store.commit({ expectHeader: { check: header.check }, header: next })
    return next
  } finally {
    wipe(dataKey)
  }
}
