// node:http adapter: reads the raw request (exact bytes and header pairs, which SigV4 needs) and routes it by the
// Host header (a real AWS host name: STS, sign-in, console or IAM Identity Center) or, at the loopback address, by path.
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http'
import type { TLSSocket } from 'node:tls'
import { cookieName, readCookie, ssoCookieName } from './cookies'
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
import { handleSso } from './sso/handler'
import { ssoTarget } from './sso/request'
import type { FaultInjector } from './faults'
import { hostnameOf } from './regions'
import type { Site } from './site'
import { awsHostOf, isLoopbackHost, type AwsHost } from './tls/aws-hosts'

const MAX_BODY_BYTES = 1024 * 1024

export interface ServerOptions {
  testApi: boolean
  /** Injected failures (faults.ts); absent: every request is answered normally. */
  faults?: FaultInjector
  /** The region of STS on the stand-in's own address (sts/endpoint.ts); absent: any region AWS has. */
  stsRegion?: string
  /**
   * The port the console cookie is named after (cookies.ts): the plain listener's, whichever listener (plain,
   * TLS, the proxy's tunnels) a request came in on. Set once the plain listener has its port.
   */
  cookiePort?: number
}

export function createFakeAwsServer(state: FakeAwsState, options: ServerOptions): Server {
  return createServer(fakeAwsRequestListener(state, options))
}

/** The one request handler behind every listener: plain HTTP, TLS, and the HTTPS proxy's tunnels. */
export function fakeAwsRequestListener(state: FakeAwsState, options: ServerOptions): RequestListener {
  return (req, res) => {
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
  }
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
  const scheme = (req.socket as TLSSocket).encrypted ? 'https' : 'http'
  const host = req.headers.host
  const url = new URL(wire.target, `${scheme}://${host ?? `127.0.0.1:${port}`}`)
  const aws = awsHostOf(host)
  // A name that is neither loopback nor an AWS host reached the stand-in as a proxy (Firefox's PAC sends every
  // other host here): refused, so a test run never fetches from the internet.
  if (!aws && host !== undefined && !isLoopbackHost(host)) return refuseForeignHost(state, url.hostname)
  if (aws) state.hosts.served(hostnameOf(host!))
  const name = cookieName(options.cookiePort ?? port)
  const sso = ssoTarget(aws, url)
  if (sso) return handleSso(state, sso, req, body, url, ssoCookieName(options.cookiePort ?? port), scheme === 'https')
  const routeReq: RouteRequest = {
    method: wire.method,
    url,
    params: queryApiParams(wire),
    sessionId: readCookie(req.headers.cookie, name),
    cookieName: name,
    site: siteOf(aws),
  }
  if (aws?.kind === 'signin')
    return withOptInCookie(state, routeReq, routeSignin(state, routeReq) ?? notFound(url.pathname))
  if (aws?.kind === 'console') return routeConsole(state, routeReq)
  return routeSts(state, options, req, wire, routeReq) ?? routeLoopback(state, options, routeReq)
}

function siteOf(aws: AwsHost | undefined): Site {
  if (aws?.kind === 'signin') return { kind: 'signin', partition: aws.partition }
  if (aws?.kind === 'console') return { kind: 'console', host: aws }
  return { kind: 'loopback' }
}

/** STS: / and /region/<r>/; the Host header (or that path) says which region's endpoint was reached. */
function routeSts(
  state: FakeAwsState,
  options: ServerOptions,
  req: IncomingMessage,
  wire: WireRequest,
  routeReq: RouteRequest,
): HttpResult | undefined {
  const sts = stsEndpointOf(req.headers.host, routeReq.url.pathname, options.stsRegion)
  const onStsHost = awsHostOf(req.headers.host)?.kind === 'sts'
  // STS allows CORS (aws-sdk-js SERVICES.md); the federation endpoint is assumed not to (docs/aws-protocol.md §1.5).
  if (sts && wire.method === 'OPTIONS') return stsPreflight(req)
  if (sts && (wire.method === 'POST' || routeReq.params.has('Action')))
    return withCors(handleSts(state, wire, sts), req)
  return onStsHost ? notFound(routeReq.url.pathname) : undefined
}

/** The federation endpoint, logout and the "session expired" page, at a sign-in host or the loopback address. */
function routeSignin(state: FakeAwsState, req: RouteRequest): HttpResult | undefined {
  const path = req.url.pathname
  if (path === '/federation') return handleFederation(state, req)
  if (path === SESSION_EXPIRED_PATH) return handleMultiSessionExpired(state, req) ?? handleSessionExpired(state, req)
  // A cookie naming a multi-session jar (multi-session.ts) is served there; any other by the one-session console.
  if (path === '/oauth') return handleOauth(state, req)
  return undefined
}

/** Console pages: every path of a console host, /console/… at the loopback address. */
function routeConsole(state: FakeAwsState, req: RouteRequest): HttpResult {
  return handleMultiSessionConsole(state, req) ?? handleConsole(state, req)
}

function routeLoopback(state: FakeAwsState, options: ServerOptions, req: RouteRequest): HttpResult {
  const path = req.url.pathname
  const signin = routeSignin(state, req)
  if (signin) return withOptInCookie(state, req, signin)
  if (path === '/console' || path.startsWith('/console/')) return routeConsole(state, req)
  if (path.startsWith('/__test/') && options.testApi) return handleTestApi(state, req)
  if (path === '/' && req.method === 'GET') return htmlResult(200, indexPage(req.url.origin))
  return notFound(path)
}

function notFound(path: string): HttpResult {
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

function refuseForeignHost(state: FakeAwsState, hostname: string): HttpResult {
  state.hosts.refused(hostname)
  return {
    status: 502,
    headers: { 'content-type': 'text/plain' },
    body: `fake-aws: ${hostname} is not an AWS host the stand-in serves; tests never reach the internet.`,
  }
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
        <li>
          IAM Identity Center: <code>${origin}/sso-oidc/&lt;region&gt;</code> (OIDC),
          <code>${origin}/sso-portal/&lt;region&gt;</code> (portal),
          <a href="/sso-device/eu-west-1/">${origin}/sso-device/&lt;region&gt;/</a> (device page)
        </li>
      </ul>
    </main>`,
  )
}
