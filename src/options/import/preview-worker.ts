// The import preview's parse, off the options page's main thread: a 5 MB config takes about a second to read,
// and the page stays usable meanwhile. Pure core only; the text never leaves this extension's own pages.
// The preview goes back as JSON text: Chromium took 1.5-4 s of the page's main thread to take a 5 MB config's
// 52,500 rows as a structured clone, ~0.4 s to JSON.parse them. Without the list of every diagnostic, which
// repeats the rows' own (a quarter of the JSON of a 5 MB config, 1 MB of a 10,000-profile one).
import { buildPreview } from '../../core/config/import/preview'
import type { PreviewForReport } from '../../core/config/import/report'
import type { PreviewReply, PreviewRequest } from './preview-builder'

self.onmessage = (event: MessageEvent<PreviewRequest>) => {
  const { id, text } = event.data
  let reply: PreviewReply
  try {
    const { diagnostics: _all, ...preview } = buildPreview(text)
    reply = { id, json: JSON.stringify(preview satisfies PreviewForReport) }
  } catch (error) {
    reply = { id, failure: error instanceof Error ? error.message : String(error) }
  }
  self.postMessage(reply)
}
