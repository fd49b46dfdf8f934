// The pages' side of the protocol: a typed call that resolves with the value or throws a RolecallFailure.
import type { Envelope, MessageName, Reply, RequestOf, ResponseOf, WireReply } from './protocol'
import { fromWire, RolecallFailure } from './protocol'
import { sendToBackground } from '../platform/page-messages'
import { interruptedCall } from './interrupted'

export async function call<N extends MessageName>(name: N, request: RequestOf<N>): Promise<ResponseOf<N>> {
  const envelope: Envelope<N> = { rolecall: 1, name, request }
  let reply: Reply<N> | undefined
  try {
    const wire = (await sendToBackground(envelope)) as WireReply | undefined
    reply = wire && fromWire<N>(wire)
  } catch (error) {
    // The browser rejects (never leaves pending) a message whose background stopped before answering.
    throw interruptedCall(name, error)
  }
  if (!reply) throw new RolecallFailure('internal', `Rolecall's background gave no answer to "${name}".`)
  if (!reply.ok) throw new RolecallFailure(reply.error.code, reply.error.message, reply.error.detail)
  return reply.value
}
