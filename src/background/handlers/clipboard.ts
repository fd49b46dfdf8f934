import type { Handlers } from '../router'
import type { ClipboardMessages } from '../../shared/messages/clipboard'
import { backgroundClipboard } from '../clipboard-browser'

export function clipboardHandlers(): Handlers<keyof ClipboardMessages> {
  return {
    'clipboard.copied': () => backgroundClipboard().copied(),
  }
}
