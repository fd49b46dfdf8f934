// The import preview's reader: a paste is read in a worker once typing pauses, a click on the same text
// reuses that read, a newer text drops an older read, and without a worker the page builds the preview itself.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { buildPreview } from '../../src/core/config/import/preview'
import { PAUSE_MS, PreviewBuilder, Superseded } from '../../src/options/import/preview-builder'
import type { PreviewReply, PreviewRequest } from '../../src/options/import/preview-builder'

/** Stands in for preview-worker.ts: answers each request when told to, as a worker thread would. */
class FakeWorker {
  static started: FakeWorker[] = []
  onmessage: ((event: MessageEvent<PreviewReply>) => void) | null = null
  onerror: ((event: Event) => void) | null = null
  received: PreviewRequest[] = []
  terminated = false
  constructor() {
    FakeWorker.started.push(this)
  }
  postMessage(request: PreviewRequest) {
    this.received.push(request)
  }
  terminate() {
    this.terminated = true
  }
  /** Replies to the oldest request not answered yet. */
  answer() {
    const request = this.received.shift()!
    this.onmessage?.({
      data: { id: request.id, json: JSON.stringify(buildPreview(request.text)) },
    } as MessageEvent<PreviewReply>)
  }
}

const A = '[profile a]\nregion = eu-west-1\n'
const B = '[profile b]\n'

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
    expect(FakeWorker.started).toEqual([]) // still typing: nothing read yet
    vi.advanceTimersByTime(1)
    const worker = FakeWorker.started[0]!
    expect(worker.received.map((r) => r.text)).toEqual([A])
    const clicked = builder.build(A)
    worker.answer()
    expect((await clicked).rows.map((r) => r.name)).toEqual(['a'])
    expect(builder.build(A)).toBe(clicked) // read once
    const next = builder.build(B)
    worker.answer()
    expect((await next).rows.map((r) => r.name)).toEqual(['b'])
    expect(FakeWorker.started).toHaveLength(1) // the idle worker reads the next text
  })

  it('a newer text stops the read of an older one', async () => {
    vi.stubGlobal('Worker', FakeWorker)
    const builder = new PreviewBuilder()
    const older = builder.build(A)
    const newer = builder.build(B)
    await expect(older).rejects.toBeInstanceOf(Superseded)
    expect(FakeWorker.started[0]!.terminated).toBe(true)
    FakeWorker.started[1]!.answer()
    expect((await newer).rows.map((r) => r.name)).toEqual(['b'])
  })

  it('a worker that cannot start leaves the preview to the page', async () => {
    vi.stubGlobal('Worker', FakeWorker)
    const builder = new PreviewBuilder()
    const first = builder.build(A)
    FakeWorker.started[0]!.onerror?.(new Event('error'))
    expect((await first).rows.map((r) => r.name)).toEqual(['a'])
    expect((await builder.build(B)).rows.map((r) => r.name)).toEqual(['b'])
    expect(FakeWorker.started).toHaveLength(1)
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
