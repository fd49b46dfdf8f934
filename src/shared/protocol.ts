// The one message protocol between pages (popup, options) and the background.
// Each domain declares its messages in ./messages/<domain>.ts: a name, its request's schema (which gives both the
// request's type and the check the router runs before the handler) and its response's type. ./messages/index.ts
// joins them, so a name's types and its check cannot drift apart.
import type { allMessages } from './messages'
import type { MessageTypes } from './schema'

export type Messages = MessageTypes<typeof allMessages>
export type MessageName = keyof Messages
export type RequestOf<N extends MessageName> = Messages[N]['request']
export type ResponseOf<N extends MessageName> = Messages[N]['response']

/** What a page sends: a tagged envelope so stray messages are recognised and refused. */
export interface Envelope<N extends MessageName = MessageName> {
  rolecall: 1
  name: N
  request: RequestOf<N>
}

/** Error codes a page can act on; `message` is always a sentence meant for the user. */
export type ErrorCode =
  | 'forbidden-sender'
  | 'bad-request'
  | 'unknown-message'
  | 'vault-missing'
  | 'vault-locked'
  | 'wrong-passphrase'
  | 'tampered'
  | 'not-found'
  | 'conflict'
  | 'aws'
  | 'network'
  | 'mfa-required'
  | 'permission-missing'
  | 'internal'

export interface RolecallError {
  code: ErrorCode
  message: string
  /** Extra machine-readable detail (never a secret), e.g. an STS error code. */
  detail?: Record<string, string | number | boolean>
}

export type Reply<N extends MessageName = MessageName> =
  { ok: true; value: ResponseOf<N> } | { ok: false; error: RolecallError }

/**
 * A Reply as it crosses the message channel: a success value travels as one JSON string. Firefox clones a
 * message's object graph field by field, which made a 2,000-profile list cost ~70 ms; one string costs ~10 ms.
 * Errors stay objects (small, and what a refused outsider sees).
 */
export type WireReply = { ok: true; json: string } | { ok: false; error: RolecallError }

export function toWire(reply: Reply): WireReply {
  return reply.ok ? { ok: true, json: JSON.stringify(reply.value ?? null) } : reply
}

export function fromWire<N extends MessageName>(wire: WireReply): Reply<N> {
  return wire.ok ? { ok: true, value: JSON.parse(wire.json) as ResponseOf<N> } : wire
}

export function isEnvelope(value: unknown): value is Envelope {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return v.rolecall === 1 && typeof v.name === 'string' && Object.hasOwn(v, 'request')
}

/** An Error that carries a protocol error code; the router turns it into a typed error reply. */
export class RolecallFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly detail?: Record<string, string | number | boolean>,
  ) {
    super(message)
    this.name = 'RolecallFailure'
  }
}
