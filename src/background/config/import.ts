// The import flow in the background: a pasted config is parsed and resolved here (never trusted from the
// page), compared with the stored import, and stored with its secret values removed. Stored keys are never
// touched: keys that no profile uses any more are reported, and deleting them stays the user's decision.
import { type ProfileRecord, diffImports, recordOf } from '../../core/config/import/diff'
import { buildPreview } from '../../core/config/import/preview'
import { redactSecrets } from '../../core/config/import/redact'
import { type ConfigPreview, keyReport, previewReport } from '../../core/config/import/report'
import type { ConfigApplied, StoredConfig } from '../../shared/messages/config'
import { RolecallFailure } from '../../shared/protocol'
import { withLock } from '../locks'
import { readStoredImport, writeStoredImport } from './stored-import'

export interface ImportDeps {
  /** Profiles that have a key in the vault ([] when there is no vault yet). */
  keyProfiles(): Promise<string[]>
  now(): number
}

/**
 * The preview the options page builds, from the background's own reads: what config.apply's checks and the
 * tests compare with. The page itself runs previewReport on its text (see report.ts for why).
 */
export async function previewImport(text: string, deps: ImportDeps): Promise<ConfigPreview> {
  const [stored, keys] = await Promise.all([readStoredImport(), deps.keyProfiles()])
  return previewReport(buildPreview(text), keys, stored)
}

export function applyImport(text: string, basedOn: number, deps: ImportDeps): Promise<ConfigApplied> {
  return withLock('config-import', async () => {
    const [stored, keys] = await Promise.all([readStoredImport(), deps.keyProfiles()])
    if ((stored?.importedAt ?? 0) !== basedOn) {
      throw new RolecallFailure(
        'conflict',
        'The imported config changed since this preview (another tab or window imported one). Preview again to see what would change, then import.',
      )
    }
    const preview = buildPreview(text)
    const redacted = redactSecrets(text)
    const importedAt = Math.max(deps.now(), (stored?.importedAt ?? 0) + 1)
    await writeStoredImport({ version: 1, text: redacted.text, importedAt, rows: preview.rows })
    return {
      importedAt,
      profileCount: preview.rows.length,
      diff: diffImports(stored?.rows.map(recordOf) ?? [], preview.rows.map(recordOf)),
      unusedKeys: keyReport(preview, keys).unusedKeys,
      secretLinesRemoved: redacted.removed,
    }
  })
}

export async function storedConfig(): Promise<StoredConfig> {
  const stored = await readStoredImport()
  return { importedAt: stored?.importedAt ?? null, text: stored?.text ?? '', profileCount: stored?.rows.length ?? 0 }
}

export async function storedProfiles(): Promise<{ importedAt: number | null; profiles: ProfileRecord[] }> {
  const stored = await readStoredImport()
  return { importedAt: stored?.importedAt ?? null, profiles: stored?.rows.map(recordOf) ?? [] }
}
