// The import preview's rows, kept where they were read (the page's worker, or the page itself without one) and
// handed out a table page at a time. A 5 MB config is 52,500 rows, 35 MB as JSON: sending them all to the page
// and decoding them there held its main thread for ~1 s in Chromium and ~0.3 s in Firefox. The page gets the
// summary (counts, diagnostics outside any profile, the diff) and the rows it shows. The import stored before
// is read here too, so that its rows need not cross from the page either (10,000 rows: ~80 ms of the page's time).
import { buildPreview } from '../../core/config/import/preview'
import type { PreviewRow } from '../../core/config/import/preview'
import {
  type ConfigPreview,
  type PreviewForReport,
  type PreviousImport,
  previewReport,
} from '../../core/config/import/report'
import { readStoredImportFromPage } from '../../core/storage/stored-import'
import { nameContains } from '../name-filter'

/** What the preview table asks for: the first `count` rows that pass its filters. */
export interface RowQuery {
  onlyProblems: boolean
  /** Part of a profile's name, any case; empty for every profile. */
  find: string
  count: number
}

export interface RowsShown {
  rows: PreviewRow[]
  /** How many rows pass the filters. */
  total: number
}

/** The preview without its rows: what the page shows above the table, and what config.apply needs. */
export interface PreviewSummary extends Omit<ConfigPreview, 'rows'> {
  profileCount: number
  /** Profiles that cannot open a console. */
  unusableCount: number
}

/** A newer text was given: nobody is waiting for the older one any more. */
export class Superseded extends Error {
  constructor() {
    super('A newer text is being read.')
  }
}

/** Each request has an id of its own; a report and its rows name the read (its request's id) they are of. */
export type PreviewRequest =
  | { id: number; kind: 'read'; text: string }
  | { id: number; kind: 'report'; read: number; keyProfiles: string[] }
  | { id: number; kind: 'rows'; read: number; query: RowQuery }
  /** The stored import changed (this page imported, or was refused because another tab had): read it again. */
  | { id: number; kind: 'stored' }

export type PreviewReply =
  { id: number; value: PreviewSummary | RowsShown | null } | { id: number; failure: string; superseded?: true }

export class PreviewStore {
  /** The last text read, waiting for its report. */
  private read: { id: number; preview: PreviewForReport } | undefined
  /** The report the page shows (a newer read leaves it there until that read is reported). */
  private shown: { id: number; report: ConfigPreview } | undefined
  /**
   * The import a preview is compared with, read when the store starts and after each import rather than on
   * Preview's click: reading 10,000 stored rows from IndexedDB took ~100 ms. A preview compared with an import
   * another tab has since replaced is refused by config.apply ("conflict"), and then read again here.
   */
  private previous = readPrevious()

  /** Answers one request; how the worker and the page without one talk to the store. */
  async answer(request: PreviewRequest): Promise<PreviewReply> {
    const { id } = request
    try {
      if (request.kind === 'read') return { id, value: this.parse(id, request.text) }
      if (request.kind === 'report') return { id, value: await this.report(request.read, request.keyProfiles) }
      if (request.kind === 'stored') {
        this.previous = readPrevious()
        return { id, value: null }
      }
      return { id, value: this.rows(request.read, request.query) }
    } catch (error) {
      if (error instanceof Superseded) return { id, failure: error.message, superseded: true }
      return { id, failure: error instanceof Error ? error.message : String(error) }
    }
  }

  parse(id: number, text: string): null {
    // Without the list of every diagnostic: the rows and fileDiagnostics hold them.
    const { diagnostics: _all, ...preview } = buildPreview(text)
    this.read = { id, preview }
    return null
  }

  async report(id: number, keyProfiles: readonly string[]): Promise<PreviewSummary> {
    const read = this.read
    if (read?.id !== id) throw new Superseded()
    // A stored import that could not be read is read again; failing again, the preview says why.
    const previous = await this.previous.catch(() => (this.previous = readPrevious()))
    const report = previewReport(read.preview, keyProfiles, previous)
    this.shown = { id, report }
    const { rows, ...summary } = report
    return {
      ...summary,
      profileCount: rows.length,
      unusableCount: rows.filter((r) => r.access.kind === 'unusable').length,
    }
  }

  rows(id: number, query: RowQuery): RowsShown {
    if (this.shown?.id !== id) throw new Superseded()
    const named = nameContains(query.find)
    const passing = this.shown.report.rows.filter(
      (r) => (!query.onlyProblems || r.diagnostics.length > 0 || r.access.kind === 'unusable') && named(r.name),
    )
    return { rows: passing.slice(0, query.count), total: passing.length }
  }
}

function readPrevious(): Promise<PreviousImport | undefined> {
  const read = readStoredImportFromPage()
  read.catch(() => undefined) // a failed read is reported by the report that awaits it, and read again
  return read
}
