// node:http adapter: reads the raw request (exact bytes and header pairs, which SigV4 needs) and routes it.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { cookieName, readCookie } from './cookies'
import { handleConsole, handleSessionExpired, SESSION_EXPIRED_PATH } from './console'
import { handleFederation } from './federation'
import { handleMultiSessionConsole, handleMultiSessionExpired, handleOauth, withOptInCookie } from './multi-session'
import { html, page } from './html'
import { htmlResult, type HttpResult, type RouteRequest } from './http-types'
import type { WireRequest } from './sigv4-canonical'
import type { FakeAwsState } from './state'
import { handleSts, queryApiParams } from './sts/handler'
import { stsEndpointOf } from './sts/endpoint'
import { handleTestApi } from './test-api'
import type { FaultInjector } from './faults'

const MAX_BODY_BYTES = 1024 * 1024

export interface ServerOptions {
  testApi: boolean
  /** Injected failures (faults.ts); absent: every request is answered normally. */
  faults?: FaultInjector
  /** The region of STS on the stand-in's own address (sts/endpoint.ts); absent: any region AWS has. */
  stsRegion?: string
}

export function createFakeAwsServer(state: FakeAwsState, options: ServerOptions): Server {
  return createServer((req, res) => {
    readBody(req)
      .then(
        (body) => {
          const respond = () => route(state, options, req, body)
          if (options.faults) options.faults.serve(req, res, body, respond, send)
          else send(res, respond())
        },
        (error: Error) => send(res, { status: 413, headers: { 'content-type': 'text/plain' }, body: error.message }),
      )
      .catch((error: unknown) => {
        send(res, {
          status: 500,
          headers: { 'content-type': 'text/plain' },
          body: `fake-aws internal error: ${String(error)}`,
        })
      })
  })
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) reject(new Error('request body too large'))
      else chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

function send(res: ServerResponse, result: HttpResult): void {
  if (res.headersSent) return
  res.writeHead(result.status, { 'content-length': Buffer.byteLength(result.body), ...result.headers })
  res.end(result.body)
}

function route(state: FakeAwsState, options: ServerOptions, req: IncomingMessage, body: Buffer): HttpResult {
  const headers: Array<readonly [string, string]> = []
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i]!, req.rawHeaders[i + 1]!])
  const wire: WireRequest = { method: req.method ?? 'GET', target: req.url ?? '/', headers, body }
  const port = req.socket.localPort ?? 0
  const url = new URL(wire.target, `http://${req.headers.host ?? `127.0.0.1:${port}`}`)
  const params = queryApiParams(wire)
  const name = cookieName(port)
  const routeReq: RouteRequest = {
    method: wire.method,
    url,
    params,
    sessionId: readCookie(req.headers.cookie, name),
    cookieName: name,
  }
  const path = url.pathname

  // STS: / and /region/<r>/; the Host header (or that path) says which region's endpoint was reached.
  const sts = stsEndpointOf(req.headers.host, path, options.stsRegion)
  // STS allows CORS (aws-sdk-js SERVICES.md); the federation endpoint is assumed not to (docs/aws-protocol.md §1.5).
  if (sts && wire.method === 'OPTIONS') return stsPreflight(req)
  if (sts && (wire.method === 'POST' || params.has('Action'))) return withCors(handleSts(state, wire, sts), req)
  if (path === '/federation') return withOptInCookie(state, handleFederation(state, routeReq))
  // A cookie naming a multi-session jar (multi-session.ts) is served there; any other by the one-session console.
  if (path === '/oauth') return handleOauth(state, routeReq)
  if (path === '/console' || path.startsWith('/console/'))
    return withOptInCookie(state, handleMultiSessionConsole(state, routeReq) ?? handleConsole(state, routeReq))
  if (path === SESSION_EXPIRED_PATH)
    return handleMultiSessionExpired(state, routeReq) ?? handleSessionExpired(state, routeReq)
  if (path.startsWith('/__test/') && options.testApi) return handleTestApi(state, routeReq)
  if (path === '/' && wire.method === 'GET') return htmlResult(200, indexPage(url.origin))
  return htmlResult(
    404,
    page(
      'Not found',
      html`<main>
        <h1>Not found</h1>
        <p>${path}</p>
      </main>`,
    ),
  )
}

function stsPreflight(req: IncomingMessage): HttpResult {
  return {
    status: 200,
    body: '',
    headers: {
      'access-control-allow-origin': req.headers.origin ?? '*',
      'access-control-allow-methods': 'GET, POST',
      'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*',
      'access-control-max-age': '600',
    },
  }
}

function withCors(result: HttpResult, req: IncomingMessage): HttpResult {
  if (req.headers.origin === undefined) return result
  return {
    ...result,
    headers: {
      ...result.headers,
      'access-control-allow-origin': req.headers.origin,
      'access-control-expose-headers': 'x-amzn-requestid, date',
    },
  }
}

function indexPage(origin: string): string {
  return page(
    'Local AWS stand-in',
    html`<main>
      <h1>Local AWS stand-in</h1>
      <ul>
        <li>STS (Query API, SigV4): <code>${origin}/</code></li>
        <li>Federation sign-in: <code>${origin}/federation</code></li>
        <li>Console: <a href="/console/console/home">${origin}/console/…</a></li>
      </ul>
    </main>`,
  )
}
