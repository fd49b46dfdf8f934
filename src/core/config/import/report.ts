// The import preview as the options page shows it: every profile's row and diagnostics (buildPreview), the
// base keys the vault lacks or no longer needs, and what importing would change. Pure and secret-free, so
// the page runs it on the text it already holds: a 10,000-profile preview is ~7 MB of rows, which took
// seconds to cross the extension's message channel. Only config.apply sends the text to the background,
// which parses it again itself and never trusts a page's reading.
import type { ConfigDiagnostic } from '../diagnostics'
import { type ImportDiff, diffImports, recordOf } from './diff'
import type { ImportPreview, PreviewRow } from './preview'

/** A ~/.aws/config of 10,000 profiles is about 2 MB; 5 MB leaves room without letting a page exhaust memory. */
export const CONFIG_TEXT_MAX = 5 * 1024 * 1024

export interface ConfigPreview {
  rows: PreviewRow[]
  /** Diagnostics outside any profile section. */
  fileDiagnostics: ConfigDiagnostic[]
  errorCount: number
  warningCount: number
  /** Profiles whose base keys the usable profiles need, and those of them with no key in the vault yet. */
  baseProfiles: string[]
  missingKeys: string[]
  /** What applying would change in the stored import; absent before the first import. */
  diff?: ImportDiff
  /** The stored import this preview was compared with (its importedAt; 0 when there is none), for config.apply. */
  basedOn: number
  /** Keys in the vault that no profile of this config would use. They are kept: deleting is the user's call. */
  unusedKeys: string[]
}

/** What a report needs of a preview: not its list of every diagnostic (the rows and fileDiagnostics hold them). */
export type PreviewForReport = Omit<ImportPreview, 'diagnostics'>

/** The import stored before this one, as far as a preview compares with it. */
export interface PreviousImport {
  importedAt: number
  rows: readonly PreviewRow[]
}

export function previewReport(
  preview: PreviewForReport,
  keyProfiles: readonly string[],
  previous: PreviousImport | undefined,
): ConfigPreview {
  const report: ConfigPreview = {
    rows: preview.rows,
    fileDiagnostics: preview.fileDiagnostics,
    errorCount: preview.errorCount,
    warningCount: preview.warningCount,
    baseProfiles: preview.baseProfiles,
    ...keyReport(preview, keyProfiles),
    basedOn: previous?.importedAt ?? 0,
  }
  if (previous) report.diff = diffImports(previous.rows.map(recordOf), preview.rows.map(recordOf))
  return report
}

/** Base keys the config needs that the vault lacks, and vault keys no profile of it uses. */
export function keyReport(
  preview: Pick<ImportPreview, 'baseProfiles'>,
  keyProfiles: readonly string[],
): { missingKeys: string[]; unusedKeys: string[] } {
  const have = new Set(keyProfiles)
  const need = new Set(preview.baseProfiles)
  return {
    missingKeys: preview.baseProfiles.filter((name) => !have.has(name)),
    unusedKeys: keyProfiles.filter((name) => !need.has(name)).sort(),
  }
}
