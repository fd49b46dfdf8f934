// The local AWS stand-in (test/fake-aws) with every request's arrival and handling time logged, for the
// click-to-console figure. Built from the stand-in's own parts (state + server) so the stand-in itself stays
// unchanged: a listener added before the stand-in's own handler stamps each request when its headers arrive
// and again when its response is fully written. Like the stand-in, it serves AWS's host names over TLS (and is
// Firefox's HTTPS proxy for them), so the browser is launched on its network and the store build calls it there.
import { performance } from 'node:perf_hooks'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { demoOrg } from '../fake-aws/demo-org'
import { createFakeAwsServer, fakeAwsRequestListener, type ServerOptions } from '../fake-aws/server'
import { standInCertificate } from '../fake-aws/tls/certificates'
import { acceptConnectTunnels, createTlsServer } from '../fake-aws/tls/tls-listener'
import type { AwsNetwork } from '../e2e/harness/aws-network'
import { FakeAwsState, type ActionCounts } from '../fake-aws/state'
import { deviceCodes } from '../fake-aws/test-api'
import { generatedAccounts } from '../fake-aws/sso/instance'

export interface LoggedRequest {
  method: string
  /** Path and query, e.g. "/federation?Action=login&…". */
  target: string
  /** Wall clock (Date.now) when the request's headers arrived: comparable with Date.now() in a browser page. */
  arrivedAt: number
  /** Server-side handling time (headers in → response written), undefined until the response is written. */
  handlingMs?: number
}

export interface TimedStandIn extends AwsNetwork {
  readonly stsEndpoint: string
  readonly signinEndpoint: string
  readonly consoleBase: string
  readonly requests: LoggedRequest[]
  counts(): ActionCounts
  resetCounts(): void
  /** An MFA code for the device that has not been used yet (fine for one login per 30 s, which is all the bench needs). */
  unusedTotp(serial: string): string
  /** Resolves with the first request (logged now or later, arrived at or after `since`) that matches. */
  waitForRequest(match: (r: LoggedRequest) => boolean, since: number, timeoutMs?: number): Promise<LoggedRequest>
  /** The Identity Center's switches and counters (test/fake-aws/sso). */
  readonly sso: {
    setAutoApprove(on: boolean): void
    setGeneratedAccounts(count: number, roles: number): void
    /** Every SSO call so far, all operations together. */
    calls(): number
    resetCounts(): void
  }
  close(): Promise<void>
}

export async function startTimedStandIn(): Promise<TimedStandIn> {
  const state = new FakeAwsState(demoOrg, Date.now, 1)
  const options: ServerOptions = { testApi: false }
  const server = createFakeAwsServer(state, options)
  const certificate = standInCertificate()
  const tls = createTlsServer(fakeAwsRequestListener(state, options), certificate, state.hosts)
  acceptConnectTunnels(server, tls, state.hosts)
  const requests: LoggedRequest[] = []
  const waiters = new Set<() => void>()
  const log = (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now()
    const entry: LoggedRequest = { method: req.method ?? 'GET', target: req.url ?? '/', arrivedAt: Date.now() }
    requests.push(entry)
    res.once('finish', () => {
      entry.handlingMs = performance.now() - started
      for (const wake of waiters) wake()
    })
    for (const wake of waiters) wake()
  }
  server.prependListener('request', log)
  tls.prependListener('request', log)
  const listen = (s: Server) =>
    new Promise<number>((resolve, reject) => {
      s.once('error', reject)
      s.listen(0, '127.0.0.1', () => resolve((s.address() as AddressInfo).port))
    })
  const port = await listen(server)
  options.cookiePort = port
  const tlsPort = await listen(tls)
  const url = `http://127.0.0.1:${port}`

  return {
    port,
    tlsPort,
    certificate,
    stsEndpoint: url,
    signinEndpoint: `${url}/federation`,
    consoleBase: `${url}/console`,
    requests,
    counts: () => ({ ...state.calls }),
    sso: {
      setAutoApprove: (on) => void (state.sso.autoApprove = on),
      setGeneratedAccounts: (count, roles) => void (state.sso.accounts = generatedAccounts(count, roles)),
      calls: () => Object.values(state.sso.counts.calls).reduce((a, b) => a + b, 0),
      resetCounts: () => state.resetCounts(),
    },
    resetCounts: () => state.resetCounts(),
    unusedTotp(serial) {
      const { unused } = deviceCodes(state, serial)
      if (unused === undefined)
        throw new Error('both current MFA codes are spent: the bench logs in with MFA once, so this should not happen')
      return unused
    },
    waitForRequest(match, since, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = requests.find((r) => r.arrivedAt >= since && match(r))
          if (!found) return
          waiters.delete(check)
          clearTimeout(timer)
          resolve(found)
        }
        const timer = setTimeout(() => {
          waiters.delete(check)
          reject(
            new Error(
              `Timed out after ${timeoutMs} ms waiting for a request to the stand-in (seen since: ${
                requests
                  .filter((r) => r.arrivedAt >= since)
                  .map((r) => `${r.method} ${r.target.split('?')[0]}`)
                  .join(', ') || 'none'
              })`,
            ),
          )
        }, timeoutMs)
        waiters.add(check)
        check()
      })
    },
    close: async () => {
      await Promise.all(
        [server, tls].map(
          (s) =>
            new Promise<void>((resolve, reject) => {
              s.close((error) => (error ? reject(error) : resolve()))
              s.closeAllConnections()
            }),
        ),
      )
    },
  }
}
