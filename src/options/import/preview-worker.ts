// The import preview's parse, off the options page's main thread: a 5 MB config takes about a second to read,
// and the page stays usable meanwhile. The rows stay here; the page asks for the ones it shows (preview-store.ts
// says why), with the stored import they are compared with. The text never leaves this extension's own pages.
import { PreviewStore, type PreviewRequest } from './preview-store'

const store = new PreviewStore()

self.onmessage = async (event: MessageEvent<PreviewRequest>) => {
  self.postMessage(await store.answer(event.data))
}
