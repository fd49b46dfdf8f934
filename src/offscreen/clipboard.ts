// Chrome's offscreen document for the clipboard: a service worker cannot write it, a document can.
import { serveClipboardClear } from '../platform/clipboard'

serveClipboardClear()
