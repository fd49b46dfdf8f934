// The import preview's reader: a paste is read in a worker once typing pauses, a click on the same text
// reuses that read, a newer text drops an older read, the rows stay in the worker and are handed out a page
// at a time, and without a worker the page keeps them itself.
import { afterEach, describe, expect, it, vi } from 'vitest'

const readStoredImportFromPage = vi.hoisted(() => vi.fn(async () => undefined))
vi.mock('../../src/core/storage/stored-import', () => ({ readStoredImportFromPage }))

import { PAUSE_MS, PreviewBuilder, Superseded } from '../../src/options/import/preview-builder'
import { type PreviewReply, type PreviewRequest, PreviewStore } from '../../src/options/import/preview-store'

/** Stands in for preview-worker.ts: answers each request, with the same store, when told to. */
class FakeWorker {
  static started: FakeWorker[] = []
  onmessage: ((event: MessageEvent<PreviewReply>) => void) | null = null
  onerror: ((event: Event) => void) | null = null
  received: PreviewRequest[] = []
  terminated = false
  store = new PreviewStore()
  replies: PreviewReply[] = []
  constructor() {
    FakeWorker.started.push(this)
  }
  postMessage(request: PreviewRequest) {
    this.received.push(request)
  }
  terminate() {
    this.terminated = true
  }
  /** Replies to the requests not answered yet, in order. */
  async answer() {
    for (const request of this.received.splice(0)) {
      this.replies.push(await this.store.answer(request))
      this.onmessage?.({ data: this.replies.at(-1) } as MessageEvent<PreviewReply>)
    }
  }
  /** Answers until `promise` settles (a report waits for its read, then asks). */
  async answerUntil<T>(promise: Promise<T>): Promise<T> {
    let settled = false
    const done = promise.finally(() => (settled = true))
    done.catch(() => undefined)
    while (!settled) {
      await this.answer()
      await new Promise((resolve) => setTimeout(resolve, 0))
    }
    return done
  }
}

const A = '[profile a]\nregion = eu-west-1\n'
const B = '[profile b]\n'
const ALL = { onlyProblems: false, find: '', count: 100 }

async function namesOf(builder: PreviewBuilder, worker: FakeWorker, text: string) {
  const read = await worker.answerUntil(builder.build(text))
  const preview = await worker.answerUntil(builder.report(read, []))
  return (await worker.answerUntil(preview.rows(ALL))).rows.map((r) => r.name)
}

afterEach(() => {
  vi.unstubAllGlobals()
  vi.useRealTimers()
  FakeWorker.started = []
})

describe('PreviewBuilder', () => {
  it('starts reading once typing pauses, and a click on that text waits for the same read', async () => {
    vi.useFakeTimers()
    vi.stubGlobal('Worker', FakeWorker)
    const builder = new PreviewBuilder()
    builder.prepare('[profile a')
    vi.advanceTimersByTime(PAUSE_MS - 1)
    builder.prepare(A)
    vi.advanceTimersByTime(PAUSE_MS - 1)
    const worker = FakeWorker.started[0]! // started with the page
    expect(worker.received).toEqual([]) // still typing: nothing read yet
    vi.advanceTimersByTime(1)
    expect(worker.received).toMatchObject([{ kind: 'read', text: A }])
    const clicked = builder.build(A)
    await worker.answer()
    const read = await clicked
    expect(builder.build(A)).toBe(clicked) // read once
    const shown = builder.report(read, ['a', 'gone'])
    await Promise.resolve()
    await worker.answer()
    expect(await shown).toMatchObject({ profileCount: 1, unusableCount: 0, unusedKeys: ['gone'], basedOn: 0 })
    vi.useRealTimers()
    expect(await namesOf(builder, worker, B)).toEqual(['b'])
    expect(FakeWorker.started).toHaveLength(1) // the idle worker reads the next text
  })

  it('reads a pasted text at once, without waiting for typing to pause; typing after it waits again', () => {
    vi.useFakeTimers()
    vi.stubGlobal('Worker', FakeWorker)
    const builder = new PreviewBuilder()
    const worker = FakeWorker.started[0]!
    builder.prepare(A, { whole: true })
    expect(worker.received).toMatchObject([{ kind: 'read', text: A }])
    builder.prepare(`${A}\n[profile c]`)
    expect(worker.received).toHaveLength(1) // typed: not read until the typing pauses
    vi.advanceTimersByTime(PAUSE_MS)
    expect(FakeWorker.started.at(-1)!.received).toMatchObject([{ kind: 'read', text: `${A}\n[profile c]` }])
    vi.useRealTimers()
  })

  it('sends the page only the rows it asks for', async () => {
    vi.stubGlobal('Worker', FakeWorker)
    const builder = new PreviewBuilder()
    const worker = () => FakeWorker.started[0]!
    const text =
      Array.from({ length: 250 }, (_, i) => `[profile p${i}]\n`).join('') +
      '[profile x]\ncredential_process = /usr/bin/get-creds\n'
    const read = builder.build(text)
    const preview = await worker().answerUntil(read.then((id) => builder.report(id, [])))
    expect(preview).toMatchObject({ profileCount: 251, unusableCount: 1, errorCount: 0 })
    expect(worker().replies.at(-1)).not.toHaveProperty('value.rows') // a summary: no row crossed
    const page = await worker().answerUntil(preview.rows({ onlyProblems: false, find: '', count: 100 }))
    expect(page.total).toBe(251)
    expect(page.rows.map((r) => r.name)).toEqual(Array.from({ length: 100 }, (_, i) => `p${i}`))
    const found = await worker().answerUntil(preview.rows({ onlyProblems: false, find: 'P20', count: 100 }))
    expect(found.rows.map((r) => r.name)).toEqual(['p20', ...Array.from({ length: 10 }, (_, i) => `p20${i}`)])
    const problems = await worker().answerUntil(preview.rows({ onlyProblems: true, find: '', count: 100 }))
    expect(problems).toMatchObject({ total: 1, rows: [{ name: 'x' }] })
  })

  it('a newer text stops the read of an older one, and the rows of a report it replaced are gone', async () => {
    vi.stubGlobal('Worker', FakeWorker)
    const builder = new PreviewBuilder()
    const older = builder.build(A)
    const newer = builder.build(B)
    await expect(older).rejects.toBeInstanceOf(Superseded)
    expect(FakeWorker.started[0]!.terminated).toBe(true)
    const worker = FakeWorker.started[1]!
    expect(FakeWorker.started).toHaveLength(2)
    const shownB = await worker.answerUntil(newer.then((id) => builder.report(id, [])))
    const readA = await worker.answerUntil(builder.build(A))
    await expect(worker.answerUntil(builder.report(readA - 1, []))).rejects.toBeInstanceOf(Superseded)
    const shownA = await worker.answerUntil(builder.report(readA, []))
    await expect(worker.answerUntil(shownB.rows(ALL))).rejects.toBeInstanceOf(Superseded)
    expect((await worker.answerUntil(shownA.rows(ALL))).rows.map((r) => r.name)).toEqual(['a'])
  })

  it('a worker that cannot start leaves the preview to the page', async () => {
    vi.stubGlobal('Worker', FakeWorker)
    const builder = new PreviewBuilder()
    const first = builder.build(A)
    FakeWorker.started[0]!.onerror?.(new Event('error'))
    // Whoever waited starts again from the text, which the page now reads itself.
    await expect(first).rejects.toBeInstanceOf(Superseded)
    const read = await builder.build(A)
    const preview = await builder.report(read, [])
    expect((await preview.rows(ALL)).rows.map((r) => r.name)).toEqual(['a'])
    expect(FakeWorker.started).toHaveLength(1)
    expect(readStoredImportFromPage).toHaveBeenCalled() // the page's own store reads the stored import
  })

  it('without a worker the page reads the text itself', async () => {
    const builder = new PreviewBuilder()
    const read = await builder.build(B)
    const preview = await builder.report(read, [])
    expect((await preview.rows(ALL)).rows.map((r) => r.name)).toEqual(['b'])
  })

  it('a failed read says why', async () => {
    vi.stubGlobal('Worker', FakeWorker)
    const builder = new PreviewBuilder()
    const read = builder.build(A)
    const worker = FakeWorker.started[0]!
    worker.onmessage?.({ data: { id: worker.received[0]!.id, failure: 'out of memory' } } as MessageEvent<PreviewReply>)
    await expect(read).rejects.toThrow('out of memory')
  })
})
