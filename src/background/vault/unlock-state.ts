// The unlocked state lives in storage.session only: the data key (base64) with the id of the vault it opens,
// and the time the vault locks itself. A stopped worker reads it back; a browser restart clears it.
import { fromBase64, toBase64, DATA_KEY_BYTES } from '../../core/crypto'
import type { SessionArea } from './ports'

export const AUTO_LOCK_ALARM = 'rolecall.vault.autoLock'

export interface UnlockedEntry {
  vaultId: string
  /** The raw data key, base64. Never leaves storage.session and the background. */
  dataKey: string
}

export interface UnlockedState extends UnlockedEntry {
  lockAt: number
}

export async function readUnlockedState(session: SessionArea): Promise<UnlockedState | undefined> {
  const entry: unknown = await session.read('vault.unlocked')
  const lockAt: unknown = await session.read('vault.lockAt')
  if (typeof entry !== 'object' || entry === null) return undefined
  const { vaultId, dataKey } = entry as Record<string, unknown>
  if (typeof vaultId !== 'string' || typeof dataKey !== 'string' || fromBase64(dataKey)?.byteLength !== DATA_KEY_BYTES)
    return undefined
  if (typeof lockAt !== 'number' || !Number.isFinite(lockAt)) return undefined
  return { vaultId, dataKey, lockAt }
}

export async function writeUnlockedState(
  session: SessionArea,
  vaultId: string,
  dataKey: Uint8Array,
  lockAt: number,
): Promise<void> {
  const entry: UnlockedEntry = { vaultId, dataKey: toBase64(dataKey) }
  await session.write({ 'vault.unlocked': entry, 'vault.lockAt': lockAt })
}

export async function writeLockAt(session: SessionArea, lockAt: number): Promise<void> {
  await session.write({ 'vault.lockAt': lockAt })
}

export async function clearUnlockedState(session: SessionArea): Promise<void> {
  await session.remove(['vault.unlocked', 'vault.lockAt'])
}
