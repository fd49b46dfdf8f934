// Clearing the system clipboard from the background, where no page of Rolecall may be open. Firefox runs the
// background as an event page, which has a document and may write the clipboard (permission clipboardWrite).
// A Chrome service worker has neither: it opens an offscreen document (permission offscreen, reason CLIPBOARD)
// that writes the empty text, and closes it again.
import { browser, type Runtime } from './browser'

/** The offscreen document's page (src/offscreen/clipboard.html, built for Chrome only). */
const OFFSCREEN_PAGE = 'src/offscreen/clipboard.html'
/** The one message the offscreen document answers; it is sent by the background only. */
export const CLEAR_CLIPBOARD_MESSAGE = { rolecallOffscreen: 'clear-clipboard' } as const

interface OffscreenApi {
  createDocument(parameters: { url: string; reasons: string[]; justification: string }): Promise<void>
  closeDocument(): Promise<void>
}

function offscreenApi(): OffscreenApi | undefined {
  return (globalThis as { chrome?: { offscreen?: OffscreenApi } }).chrome?.offscreen
}

/** Overwrites the clipboard with empty text; rejects when the browser did not let it. */
export async function clearClipboard(): Promise<void> {
  const offscreen = offscreenApi()
  if (typeof document === 'undefined' && offscreen) return clearThroughOffscreenDocument(offscreen)
  await writeEmptyText()
}

async function clearThroughOffscreenDocument(offscreen: OffscreenApi): Promise<void> {
  try {
    await offscreen.createDocument({
      url: OFFSCREEN_PAGE,
      reasons: ['CLIPBOARD'],
      justification: 'Clears a sign-in URL or temporary credentials Rolecall copied, 30 seconds after the copy.',
    })
  } catch (error) {
    // One left open by a clear the worker did not finish: use it.
    if (!/single offscreen document/i.test(String(error))) throw error
  }
  try {
    const reply = (await browser.runtime.sendMessage(CLEAR_CLIPBOARD_MESSAGE)) as { cleared?: boolean } | undefined
    if (reply?.cleared !== true) throw new Error('The offscreen document could not clear the clipboard.')
  } finally {
    await offscreen.closeDocument().catch(() => undefined)
  }
}

/**
 * Writes empty text with the Clipboard API, or, where that needs a focused document (an offscreen document
 * never has focus), with a copy command whose event supplies the empty text.
 */
export async function writeEmptyText(): Promise<void> {
  try {
    await navigator.clipboard.writeText('')
    return
  } catch {
    // Fall back to the copy command below.
  }
  const supplyEmptyText = (event: ClipboardEvent) => {
    event.clipboardData?.setData('text/plain', '')
    event.preventDefault()
  }
  document.addEventListener('copy', supplyEmptyText)
  try {
    if (!document.execCommand('copy')) throw new Error('The browser refused to write the clipboard.')
  } finally {
    document.removeEventListener('copy', supplyEmptyText)
  }
}

/** In the offscreen document: answers the background's clear request, and nothing else. */
export function serveClipboardClear(): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    const asked =
      typeof message === 'object' &&
      message !== null &&
      (message as Record<string, unknown>).rolecallOffscreen === CLEAR_CLIPBOARD_MESSAGE.rolecallOffscreen
    if (!asked || sender.id !== browser.runtime.id) return undefined
    return writeEmptyText().then(
      () => ({ cleared: true }),
      () => ({ cleared: false }),
    )
  })
}
