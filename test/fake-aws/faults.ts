// Fault injection for the stand-in: make the next request(s) of one action fail the way real networks and
// real AWS fail, or hold them so a test can act while a login is provably in flight.
//
//   const fault = aws.injectFault({ action: 'AssumeRole', kind: 'hold' })
//   const opening = callBackground(page, 'login.open', …)   // not awaited
//   await fault.hit()                                        // the AssumeRole has arrived and waits
//   …                                                        // stop the worker, lock the vault, …
//   fault.release()                                          // the real answer goes out (if anyone listens)
//
// Kinds: '500' answers HTTP 500 (STS: an AWS InternalFailure error document); 'timeout' never answers (the
// client's own deadline must end the call); 'truncated' runs the real handler, then sends only the first half
// of its body with a matching Content-Length (a reply cut off mid-XML or mid-JSON); 'reset' destroys the
// connection without a reply; 'hold' waits for release(), then sends the real answer.
// Requests a fault answers without the real handler ('500', 'timeout', 'reset') are not in counts(): they
// never reached the AWS model. 'truncated' and 'hold' ones are (AWS did the work; the reply was lost or late).
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { HttpResult } from './http-types'
import { COUNTED_ACTIONS, type CountedAction } from './state'

export type FaultKind = '500' | 'timeout' | 'truncated' | 'reset' | 'hold'

export interface FaultSpec {
  /** An STS action, 'getSigninToken' or 'login' (the federation endpoint's two actions). */
  action: CountedAction
  kind: FaultKind
  /** How many requests it takes before it stops matching (default 1; Infinity until removed). */
  times?: number
}

export interface Fault {
  readonly spec: Readonly<Required<FaultSpec>>
  /** Requests this fault has taken so far. */
  readonly hits: number
  /** Resolves once the fault has taken `count` requests (default 1). */
  hit(count?: number, timeoutMs?: number): Promise<void>
  /** 'hold': lets the held requests through to the real handler; for every kind, stops matching new ones. */
  release(): void
  /** Stops matching new requests (requests already held stay held until release()). */
  remove(): void
}

type Respond = () => HttpResult
type Send = (res: ServerResponse, result: HttpResult) => void

class ActiveFault implements Fault {
  readonly spec: Readonly<Required<FaultSpec>>
  hits = 0
  private held: Array<() => void> = []
  private waiters: Array<{ count: number; resolve: () => void }> = []
  private released = false

  constructor(
    spec: FaultSpec,
    private readonly detach: (fault: ActiveFault) => void,
  ) {
    this.spec = { times: 1, ...spec }
  }

  get exhausted(): boolean {
    return this.released || this.hits >= this.spec.times
  }

  take(): void {
    this.hits += 1
    if (this.hits >= this.spec.times) this.detach(this)
    for (const waiter of this.waiters.filter((w) => this.hits >= w.count)) waiter.resolve()
    this.waiters = this.waiters.filter((w) => this.hits < w.count)
  }

  hold(go: () => void): void {
    if (this.released) go()
    else this.held.push(go)
  }

  hit(count = 1, timeoutMs = 15_000): Promise<void> {
    if (this.hits >= count) return Promise.resolve()
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `fault ${this.spec.kind} on ${this.spec.action}: ${this.hits} of ${count} request(s) arrived within ${timeoutMs} ms`,
            ),
          ),
        timeoutMs,
      )
      this.waiters.push({
        count,
        resolve: () => {
          clearTimeout(timer)
          resolve()
        },
      })
    })
  }

  release(): void {
    this.released = true
    this.detach(this)
    const held = this.held
    this.held = []
    for (const go of held) go()
  }

  remove(): void {
    this.detach(this)
  }
}

/** The action a request is for, as counts() names it; undefined for console pages, the test API and the like. */
export function actionOf(req: IncomingMessage, body: Buffer): CountedAction | undefined {
  const url = new URL(req.url ?? '/', 'http://stand-in')
  if (url.pathname !== '/' && url.pathname !== '/federation') return undefined
  const params = new URLSearchParams(url.search)
  const type = String(req.headers['content-type'] ?? '').toLowerCase()
  if (req.method === 'POST' && type.startsWith('application/x-www-form-urlencoded')) {
    for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params.append(k, v)
  }
  const action = params.get('Action') ?? ''
  const federation = action === 'getSigninToken' || action === 'login'
  if ((url.pathname === '/federation') !== federation) return undefined
  return (COUNTED_ACTIONS as readonly string[]).includes(action) ? (action as CountedAction) : undefined
}

function internalFailure(action: CountedAction): HttpResult {
  if (action === 'getSigninToken' || action === 'login') {
    return {
      status: 500,
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: '<html><body><h1>Internal Server Error</h1></body></html>',
    }
  }
  const body =
    '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Receiver</Type>' +
    '<Code>InternalFailure</Code><Message>The request processing has failed because of an unknown error, exception or failure.</Message>' +
    '</Error><RequestId>00000000-0000-4000-8000-000000000500</RequestId></ErrorResponse>'
  return {
    status: 500,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': '00000000-0000-4000-8000-000000000500' },
    body,
  }
}

function truncate(result: HttpResult): HttpResult {
  const bytes = Buffer.from(result.body)
  return { ...result, body: bytes.subarray(0, Math.floor(bytes.length / 2)).toString('latin1') }
}

export class FaultInjector {
  private faults: ActiveFault[] = []

  inject(spec: FaultSpec): Fault {
    if (!(spec.times === undefined || spec.times >= 1)) throw new Error('a fault takes at least one request')
    const fault = new ActiveFault(spec, (f) => {
      this.faults = this.faults.filter((x) => x !== f)
    })
    this.faults.push(fault)
    return fault
  }

  /** Removes every fault and lets held requests through. */
  clear(): void {
    for (const fault of [...this.faults]) fault.release()
  }

  /** Answers one request: through the first matching fault, or normally. */
  serve(req: IncomingMessage, res: ServerResponse, body: Buffer, respond: Respond, send: Send): void {
    const action = this.faults.length ? actionOf(req, body) : undefined
    const fault = action && this.faults.find((f) => f.spec.action === action && !f.exhausted)
    if (!fault) return send(res, respond())
    fault.take()
    // What the real route adds to STS replies for a browser caller (server.ts withCors).
    const cors: Record<string, string> =
      req.headers.origin && action !== 'getSigninToken' && action !== 'login'
        ? {
            'access-control-allow-origin': req.headers.origin,
            'access-control-expose-headers': 'x-amzn-requestid, date',
          }
        : {}
    switch (fault.spec.kind) {
      case '500': {
        const result = internalFailure(fault.spec.action)
        return send(res, { ...result, headers: { ...result.headers, ...cors } })
      }
      case 'truncated': {
        // Latin-1 keeps the byte count equal to the cut, so Content-Length matches what is sent.
        const cut = truncate(respond())
        res.writeHead(cut.status, { ...cut.headers, 'content-length': Buffer.byteLength(cut.body, 'latin1') })
        res.end(cut.body, 'latin1')
        return
      }
      case 'reset':
        req.socket.destroy()
        return
      case 'timeout':
        // No answer at all; the socket stays open until the client gives up or the stand-in closes.
        return
      case 'hold':
        fault.hold(() => {
          let result: HttpResult
          try {
            result = respond()
          } catch (error) {
            result = {
              status: 500,
              headers: { 'content-type': 'text/plain' },
              body: `fake-aws internal error: ${String(error)}`,
            }
          }
          if (!res.destroyed && !req.socket.destroyed) send(res, result)
        })
    }
  }
}
