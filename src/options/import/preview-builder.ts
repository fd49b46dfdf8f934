// Reads pasted configs for the import preview in a worker (preview-worker.ts), starting as soon as typing or
// a paste pauses: by the time Preview is clicked the text has usually been read, and the click only draws it
// (10,000 profiles: the parse was ~200 ms of the ~300 ms a click took). A click on a text still being read
// waits for that same read; one text is read once. A newer text stops the read of an older one.
import { buildPreview } from '../../core/config/import/preview'
import type { PreviewForReport } from '../../core/config/import/report'

export interface PreviewRequest {
  id: number
  text: string
}
/** The worker's answer: the preview as JSON (see preview-worker.ts), or why it could not be built. */
export type PreviewReply = { id: number; json: string } | { id: number; failure: string }

/** Typing that pauses this long starts a read. */
export const PAUSE_MS = 200

/** A read stopped because a newer text was given: nobody is waiting for it any more. */
export class Superseded extends Error {
  constructor() {
    super('A newer text is being read.')
  }
}

interface Read {
  id: number
  text: string
  preview: Promise<PreviewForReport>
  resolve(preview: PreviewForReport): void
  reject(error: Error): void
}

export class PreviewBuilder {
  private last: Read | undefined
  /** The read the worker is on (it reads one text at a time). */
  private busy: Read | undefined
  private worker: Worker | undefined
  /** No worker here (jsdom), or it failed to start: previews are built on the page. */
  private inPage = typeof Worker === 'undefined'
  private timer: ReturnType<typeof setTimeout> | undefined
  private ids = 0

  /** Starts reading `text` once the typing pauses (PAUSE_MS without a newer text). */
  prepare(text: string): void {
    clearTimeout(this.timer)
    if (this.inPage) return // on the page a read would hold the typing: it waits for Preview
    this.timer = setTimeout(() => this.build(text).catch(() => undefined), PAUSE_MS)
  }

  /** The preview of `text`: the read already done or under way for this very text, or a new read. */
  build(text: string): Promise<PreviewForReport> {
    clearTimeout(this.timer)
    if (this.last?.text !== text) this.last = this.read(text)
    return this.last.preview
  }

  /** Stops any read (the page is going away). */
  close(): void {
    clearTimeout(this.timer)
    this.stopWorker()
  }

  private read(text: string): Read {
    const read = newRead(++this.ids, text)
    if (this.inPage) {
      builtOnPage(text).then(read.resolve, read.reject)
      return read
    }
    // An older text's read is dropped rather than waited for (an idle worker is kept for the next text).
    if (this.busy) this.stopWorker()
    this.busy = read
    const done = () => {
      if (this.busy === read) this.busy = undefined
    }
    read.preview.then(done, done)
    this.startedWorker().postMessage({ id: read.id, text } satisfies PreviewRequest)
    return read
  }

  private startedWorker(): Worker {
    if (this.worker) return this.worker
    const worker = new Worker(new URL('./preview-worker.ts', import.meta.url), { type: 'module' })
    worker.onmessage = ({ data: reply }: MessageEvent<PreviewReply>) => {
      if (this.busy?.id !== reply.id) return
      if ('json' in reply) this.busy.resolve(JSON.parse(reply.json) as PreviewForReport)
      else this.busy.reject(new Error(reply.failure))
    }
    // The worker could not start (or died): this read, and every later one, is built on the page.
    worker.onerror = () => {
      this.inPage = true
      this.worker = undefined
      const read = this.busy
      if (read) builtOnPage(read.text).then(read.resolve, read.reject)
    }
    this.worker = worker
    return worker
  }

  private stopWorker(): void {
    this.busy?.reject(new Superseded())
    this.busy = undefined
    this.worker?.terminate()
    this.worker = undefined
  }
}

function newRead(id: number, text: string): Read {
  let resolve!: (preview: PreviewForReport) => void
  let reject!: (error: Error) => void
  const preview = new Promise<PreviewForReport>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { id, text, preview, resolve, reject }
}

/** Builds the preview on the page, after a frame so that "Reading…" shows before the parse holds the page. */
async function builtOnPage(text: string): Promise<PreviewForReport> {
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))
  return buildPreview(text)
}
