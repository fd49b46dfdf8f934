// Reads pasted configs for the import preview in a worker (preview-worker.ts), starting as soon as a paste
// lands or typing pauses: by the time Preview is clicked the text has usually been read, and the click only
// draws it (10,000 profiles: the parse was ~200 ms of the ~300 ms a click took). A click on a text still being
// read waits for that same read; one text is read once. A newer text stops the read of an older one.
// The rows stay in the worker (preview-store.ts): the page gets a summary, and asks for the rows it shows.
import {
  type PreviewReply,
  type PreviewRequest,
  PreviewStore,
  type PreviewSummary,
  type RowQuery,
  type RowsShown,
  Superseded,
} from './preview-store'

export { Superseded }

/** Typing that pauses this long starts a read. */
export const PAUSE_MS = 200

/** A preview as the page shows it: its summary, and its rows on request. */
export interface ShownPreview extends PreviewSummary {
  rows(query: RowQuery): Promise<RowsShown>
}

/** Distributes a request over its omitted `id` (a plain Omit would merge the union's kinds). */
type Unsent<R> = R extends unknown ? Omit<R, 'id'> : never

interface Pending {
  resolve(value: unknown): void
  reject(error: Error): void
}

export class PreviewBuilder {
  /** The last text given, and its read: resolves to the read's id once the text has been read. */
  private last: { text: string; read: Promise<number> } | undefined
  private worker: Worker | undefined
  /** Requests the worker has not answered yet, by id. */
  private pending = new Map<number, Pending>()
  /** The read the worker is on, if any (it reads one text at a time). */
  private reading: number | undefined
  /** No worker here (jsdom), or it failed to start: the store is on the page. */
  private page: PreviewStore | undefined = typeof Worker === 'undefined' ? new PreviewStore() : undefined
  private timer: ReturnType<typeof setTimeout> | undefined
  private ids = 0

  constructor() {
    // Started with the page, so that the worker has read the stored import by the time a paste is previewed.
    if (!this.page) this.startedWorker()
  }

  /**
   * Starts reading `text` once the typing pauses (PAUSE_MS without a newer text), or at once when it came whole
   * (a paste or a drop: no keystroke follows soon, and a person clicking Preview right after waits less).
   */
  prepare(text: string, { whole = false } = {}): void {
    clearTimeout(this.timer)
    if (this.page) return // on the page a read would hold the typing: it waits for Preview
    const start = () => this.build(text).catch(() => undefined)
    if (whole) void start()
    else this.timer = setTimeout(start, PAUSE_MS)
  }

  /** Reads `text`: the read already done or under way for this very text, or a new read. Resolves to its id. */
  build(text: string): Promise<number> {
    clearTimeout(this.timer)
    if (this.last?.text !== text) this.last = { text, read: this.read(text) }
    return this.last.read
  }

  /** The preview of a read, compared with the vault's keys and the stored import: a summary, rows on request. */
  async report(read: number, keyProfiles: string[]): Promise<ShownPreview> {
    const summary = (await this.ask({ kind: 'report', read, keyProfiles })) as PreviewSummary
    return { ...summary, rows: async (query) => (await this.ask({ kind: 'rows', read, query })) as RowsShown }
  }

  /** The stored import changed (imported, or refused because another tab imported): previews read it again. */
  storedChanged(): void {
    // A stopped worker has nothing to forget: the next one reads the stored import when it starts.
    if (this.page || this.worker) this.ask({ kind: 'stored' }).catch(() => undefined)
  }

  /** Stops any read (the page is going away). */
  close(): void {
    clearTimeout(this.timer)
    this.stopWorker()
  }

  private async read(text: string): Promise<number> {
    // An older text's read is dropped rather than waited for (an idle worker is kept for the next text).
    if (this.reading !== undefined) this.stopWorker()
    const id = ++this.ids
    this.reading = id
    try {
      await this.ask({ kind: 'read', text }, id)
      return id
    } finally {
      if (this.reading === id) this.reading = undefined
    }
  }

  private async ask(request: Unsent<PreviewRequest>, id = ++this.ids): Promise<unknown> {
    const sent = { ...request, id } as PreviewRequest
    if (this.page) {
      // After a frame, so that "Reading…" shows before a parse holds the page.
      if (sent.kind === 'read') await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))
      return valueOf(await this.page.answer(sent))
    }
    const answer = new Promise<unknown>((resolve, reject) => this.pending.set(id, { resolve, reject }))
    this.startedWorker().postMessage(sent)
    return answer
  }

  private startedWorker(): Worker {
    if (this.worker) return this.worker
    const worker = new Worker(new URL('./preview-worker.ts', import.meta.url), { type: 'module' })
    worker.onmessage = ({ data: reply }: MessageEvent<PreviewReply>) => {
      const pending = this.pending.get(reply.id)
      this.pending.delete(reply.id)
      try {
        pending?.resolve(valueOf(reply))
      } catch (error) {
        pending?.reject(error as Error)
      }
    }
    // The worker could not start (or died): what it held is gone, and every later read is built on the page.
    worker.onerror = () => {
      this.stopWorker()
      this.page = new PreviewStore()
    }
    this.worker = worker
    return worker
  }

  /** Ends the worker and what it held: whoever waits on it is told to start again from the text. */
  private stopWorker(): void {
    for (const pending of this.pending.values()) pending.reject(new Superseded())
    this.pending.clear()
    this.last = undefined
    this.reading = undefined
    this.worker?.terminate()
    this.worker = undefined
  }
}

function valueOf(reply: PreviewReply): unknown {
  if ('value' in reply) return reply.value
  throw reply.superseded ? new Superseded() : new Error(reply.failure)
}
