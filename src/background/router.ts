// Routes protocol messages to handlers registered as one map. A handler gets its request checked against the
// message's schema (../shared/messages), holding only the fields it declares. Every reply is a typed Reply: a
// thrown error becomes { ok: false, error }, so a page never waits on a promise that will not settle.
import { allMessages } from '../shared/messages'
import type { MessageName, Reply, RequestOf, ResponseOf, RolecallError } from '../shared/protocol'
import { isEnvelope, RolecallFailure } from '../shared/protocol'
import type { Schema } from '../shared/schema'
import type { SenderInfo } from '../platform/runtime'

export type Handler<N extends MessageName> = (
  request: RequestOf<N>,
  sender: SenderInfo,
) => Promise<ResponseOf<N>> | ResponseOf<N>
export type Handlers<Names extends MessageName = MessageName> = { [N in Names]: Handler<N> }

export interface RouterOptions {
  extensionId: string
  /** e.g. chrome-extension://<id>/ or moz-extension://<uuid>/ */
  extensionBaseUrl: string
  /** Called with every failure that is not the user's doing (never with request data). */
  onInternalError?: (name: string, error: unknown) => void
}

/** Only this extension's own pages may talk to the background: not content scripts, other extensions or web pages. */
export function senderRefusal(sender: SenderInfo, options: RouterOptions): string | undefined {
  if (sender.external)
    return 'Rolecall only answers its own popup and options pages; messages from other extensions or web pages are refused.'
  if (sender.id !== options.extensionId)
    return 'Rolecall only answers its own pages; this message came from another extension.'
  if (!sender.url || !sender.url.startsWith(options.extensionBaseUrl)) {
    return 'Rolecall only answers its own popup and options pages; a content script or web page cannot call it.'
  }
  return undefined
}

function fail(error: RolecallError): Reply<never> {
  return { ok: false, error }
}

export function toRolecallError(error: unknown): RolecallError {
  if (error instanceof RolecallFailure)
    return { code: error.code, message: error.message, ...(error.detail ? { detail: error.detail } : {}) }
  return {
    code: 'internal',
    message: 'Rolecall hit an unexpected problem. Try again; if it persists, reload the extension.',
  }
}

export function createRouter(handlers: Handlers, options: RouterOptions) {
  return async function dispatch(message: unknown, sender: SenderInfo): Promise<Reply> {
    const refusal = senderRefusal(sender, options)
    if (refusal) return fail({ code: 'forbidden-sender', message: refusal })
    if (!isEnvelope(message)) return fail({ code: 'bad-request', message: 'That message is not a Rolecall request.' })
    const request: unknown = message.request
    if (typeof request !== 'object' || request === null || Array.isArray(request)) {
      return fail({ code: 'bad-request', message: 'The request must be an object.' })
    }
    const name = message.name
    // Object.hasOwn: names like "__proto__" or "constructor" must not reach inherited properties.
    if (!Object.hasOwn(handlers, name) || !Object.hasOwn(allMessages, name))
      return fail({ code: 'unknown-message', message: `Rolecall has no "${name.slice(0, 64)}" request.` })
    const handler = handlers[name as MessageName] as Handler<MessageName>
    const schema: Schema<unknown> = allMessages[name as MessageName].request
    try {
      const value = await handler(schema.check(request, '') as never, sender)
      return { ok: true, value } as Reply
    } catch (error) {
      if (!(error instanceof RolecallFailure)) options.onInternalError?.(name, error)
      return fail(toRolecallError(error))
    }
  }
}
