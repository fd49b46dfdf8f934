import type { Handlers } from '../router'
import type { ClipboardMessages } from '../../shared/messages/clipboard'
import { backgroundClipboard } from '../clipboard-browser'
import { requireObject } from '../validate'

export function clipboardHandlers(): Handlers<keyof ClipboardMessages> {
  return {
    'clipboard.copied': (request) => {
      requireObject(request)
      return backgroundClipboard().copied()
    },
  }
}
