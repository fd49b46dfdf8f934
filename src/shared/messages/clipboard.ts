// The clipboard: a page that put a secret there (a sign-in URL, export lines) has it cleared by the background.
import { empty, type MessageDeclarations, type MessageTypes, returns } from '../schema'

export const clipboardMessages = {
  /**
   * The popup just copied a secret: the background overwrites the clipboard with empty text 30 s from now, also
   * after the popup has closed. A later copy moves the clear to 30 s after it. `clearAt` is in ms since the epoch.
   */
  'clipboard.copied': { request: empty(), response: returns<{ clearAt: number }>() },
} satisfies MessageDeclarations

export type ClipboardMessages = MessageTypes<typeof clipboardMessages>
