// The import flow in the background: a pasted config is parsed and resolved here (never trusted from the
// page), compared with the stored import, and stored with its secret values removed. Stored keys are never
// touched: keys that no profile uses any more are reported, and deleting them stays the user's decision.
import { type ProfileRecord, diffImports, recordOf } from '../../core/config/import/diff'
import { type ImportPreview, buildPreview } from '../../core/config/import/preview'
import { redactSecrets } from '../../core/config/import/redact'
import type { ConfigApplied, ConfigPreview, StoredConfig } from '../../shared/messages/config'
import { RolecallFailure } from '../../shared/protocol'
import { withLock } from '../locks'
import { readStoredImport, writeStoredImport } from './stored-import'

export interface ImportDeps {
  /** Profiles that have a key in the vault ([] when there is no vault yet). */
  keyProfiles(): Promise<string[]>
  now(): number
}

function keyReport(preview: ImportPreview, keys: string[]): { missingKeys: string[]; unusedKeys: string[] } {
  const have = new Set(keys)
  const need = new Set(preview.baseProfiles)
  return {
    missingKeys: preview.baseProfiles.filter((name) => !have.has(name)),
    unusedKeys: keys.filter((name) => !need.has(name)).sort(),
  }
}

export async function previewImport(text: string, deps: ImportDeps): Promise<ConfigPreview> {
  const [stored, keys] = await Promise.all([readStoredImport(), deps.keyProfiles()])
  const preview = buildPreview(text)
  const result: ConfigPreview = {
    rows: preview.rows,
    fileDiagnostics: preview.fileDiagnostics,
    errorCount: preview.errorCount,
    warningCount: preview.warningCount,
    baseProfiles: preview.baseProfiles,
    ...keyReport(preview, keys),
    basedOn: stored?.importedAt ?? 0,
  }
  if (stored) result.diff = diffImports(stored.rows.map(recordOf), preview.rows.map(recordOf))
  return result
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
