// startFakeAws(): the local AWS stand-in (STS, federation sign-in, console) on 127.0.0.1: a plain HTTP listener
// (every route by path; also an HTTPS proxy for AWS's names) and a TLS listener that serves AWS's real host names
// with a certificate made for the run (tls/). Both on random ports unless given.
import type { Server as HttpServer } from 'node:http'
import type { Server as HttpsServer } from 'node:https'
import type { AddressInfo, Server } from 'node:net'
import type { Now } from './clock'
import { demoOrg } from './demo-org'
import type { IamFixture } from './fixture'
import { createFakeAwsServer, fakeAwsRequestListener, type ServerOptions } from './server'
import { standInCertificate, type StandInCertificate } from './tls/certificates'
import type { HostsSeen } from './tls/host-log'
import { acceptConnectTunnels, createTlsServer } from './tls/tls-listener'
import { FaultInjector, type Fault, type FaultSpec } from './faults'
import { FakeAwsState, type ActionCounts } from './state'
import { isKnownRegion, partitionOfRegion, WEB_DOMAINS } from './regions'
import { deviceCodes } from './test-api'
import { TOTP_PERIOD_MS } from './totp'
import type { SsoCounts } from './sso/identity-center'
import { generatedAccounts, type IdentityCenterFixture } from './sso/instance'
import { approveDevice } from './sso/test-api'

export type { IamFixture } from './fixture'
export type { ActionCounts, CountedAction } from './state'
export { manualClock, type ManualClock, type Now } from './clock'
export type { Fault, FaultKind, FaultSpec } from './faults'
export type { HostsSeen } from './tls/host-log'
export type { StandInCertificate } from './tls/certificates'

export interface FakeAwsOptions {
  /** The IAM world; the demo organisation when absent. */
  fixture?: IamFixture
  /** Lifetimes are multiplied by this (0.001: an hour lasts 3.6 s). Requested durations stay in AWS's units. */
  timeScale?: number
  /** The plain HTTP listener's port; 0 or absent: a free port. */
  port?: number
  /** The TLS listener's port (AWS's host names); 0 or absent: a free port. */
  tlsPort?: number
  /** The clock (epoch ms); Date.now when absent. SigV4's 5-minute window and TOTP steps follow it unscaled. */
  now?: Now
  /** Serve /__test/… over HTTP (the programmatic test helpers below work regardless). */
  testApi?: boolean
  /**
   * Model the console's multi-session support: a cookie jar holds up to 5 identities, each under its own
   * /console/s/<n>/ path (real AWS: its own host). Unverified AWS behaviour, see README.md. Default false.
   */
  multiSession?: boolean
  /**
   * The region of STS at the plain address (`stsEndpoint`): requests there must then be signed for exactly this
   * region. Absent: any region AWS has is accepted there (what Rolecall, signing for each profile's region, needs).
   * `stsEndpointFor(region)` and real STS host names are always region-exact. See sts/endpoint.ts.
   */
  stsRegion?: string
  /** The IAM Identity Center instance (sso/instance.ts); the demo organisation's when absent. */
  identityCenter?: IdentityCenterFixture
}

export interface FakeAws {
  /** http://127.0.0.1:<port>: the plain listener, every route by path. */
  readonly url: string
  readonly port: number
  /**
   * The TLS listener: AWS's real host names (sts.<region>.amazonaws.com, signin.aws.amazon.com,
   * <region>.console.aws.amazon.com, …), routed by Host header. A browser reaches it by mapping those names to
   * 127.0.0.1:<tlsPort>, or through the plain listener as an HTTPS proxy (CONNECT <aws host>:443).
   */
  readonly tlsPort: number
  /** The run's CA, the leaf it signed for every AWS name served, and the leaf's SPKI hash. */
  readonly certificate: StandInCertificate
  /** AWS host names served, TLS server names seen, foreign names refused (tls/host-log.ts). */
  hostsSeen(): HostsSeen
  /** A page on the real console host: realConsoleUrl('eu-west-1', '/ec2/home') → https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1 */
  realConsoleUrl(region: string, path?: string): string
  /** STS Query API endpoint (POST /): any region AWS has, or only `stsRegion` when one was given. */
  readonly stsEndpoint: string
  /** STS as region `region`'s endpoint (…/region/<region>): the scope must name exactly that region. */
  stsEndpointFor(region: string): string
  /** The region given at start, if any. */
  readonly stsRegion: string | undefined
  /** …/federation (getSigninToken and login). */
  readonly signinEndpoint: string
  /** …/console: the console host; a real console path P maps to consoleBase + P. */
  readonly consoleBase: string
  /** …/oauth?Action=logout */
  readonly logoutUrl: string
  /** A console page, e.g. consoleUrl('eu-west-1') → …/console/console/home?region=eu-west-1. */
  consoleUrl(region: string, path?: string): string
  /** The code an authenticator shows now for this device (arn:aws:iam::<acct>:mfa/<name>). */
  totp(deviceArn: string): string
  /** The code of the next 30-second step (accepted now, too: one step of drift). */
  totpNext(deviceArn: string): string
  /** A code that has not been used yet, waiting for the next step if both current and next are spent. */
  unusedTotp(deviceArn: string): Promise<string>
  /** Requests per action (STS actions, getSigninToken, login), refused ones included. */
  counts(): ActionCounts
  /** The refused subset of counts(). */
  failedCounts(): ActionCounts
  resetCounts(): void
  timeScale(): number
  setTimeScale(scale: number): void
  /** Ends every console session now (their pages then show "session expired"). */
  expireConsoleSessions(): void
  /** Whether logins join a cookie jar's sessions (the console's multi-session, modelled) or replace. */
  multiSession(): boolean
  setMultiSession(on: boolean): void
  /** Makes the next request(s) of an action fail (500, timeout, truncated, reset) or wait (hold); see faults.ts. */
  injectFault(spec: FaultSpec): Fault
  /** Removes every injected fault and lets held requests through. */
  clearFaults(): void
  /** IAM Identity Center's OIDC service (sso-oidc) as the instance region's endpoint_url: …/sso-oidc/<region>. */
  readonly oidcEndpoint: string
  /** The access portal API (sso) as the instance region's endpoint_url: …/sso-portal/<region>. */
  readonly portalEndpoint: string
  /** The same for any region: oidcEndpointFor('us-east-1'). */
  oidcEndpointFor(region: string): string
  portalEndpointFor(region: string): string
  /** The device verification page at loopback (…/sso-device/<region>/). */
  readonly deviceUrl: string
  /** The Identity Center instance's start URL and region (sso_start_url, sso_region). */
  readonly ssoStartUrl: string
  readonly ssoRegion: string
  /** What /__test/sso/… does, without HTTP (sso/test-api.ts, sso/identity-center.ts). */
  readonly sso: {
    approve(userCode: string): boolean
    expireAccessTokens(): void
    endPortalSessions(): void
    throttle(count: number): void
    setAutoApprove(on: boolean): void
    /** Replaces the instance's assignments with `count` generated accounts × `roles` permission sets. */
    setGeneratedAccounts(count: number, roles: number): void
    counts(): SsoCounts
  }
  /** The live model and stores, for tests that need to look inside. */
  readonly state: FakeAwsState
  close(): Promise<void>
}

export async function startFakeAws(options: FakeAwsOptions = {}): Promise<FakeAws> {
  const now = options.now ?? Date.now
  if (options.stsRegion !== undefined && !isKnownRegion(options.stsRegion))
    throw new Error(`stsRegion: '${options.stsRegion}' is not a region of aws, aws-cn or aws-us-gov`)
  const state = new FakeAwsState(options.fixture ?? demoOrg, now, options.timeScale ?? 1, options.identityCenter)
  state.multiSession = options.multiSession ?? false
  const faults = new FaultInjector()
  const serverOptions: ServerOptions = {
    testApi: options.testApi ?? false,
    faults,
    ...(options.stsRegion !== undefined ? { stsRegion: options.stsRegion } : {}),
  }
  const server = createFakeAwsServer(state, serverOptions)
  const certificate = standInCertificate()
  const tlsServer = createTlsServer(fakeAwsRequestListener(state, serverOptions), certificate, state.hosts)
  acceptConnectTunnels(server, tlsServer, state.hosts)
  const port = await listen(server, options.port)
  serverOptions.cookiePort = port
  const tlsPort = await listen(tlsServer, options.tlsPort)
  const url = `http://127.0.0.1:${port}`

  return {
    url,
    port,
    tlsPort,
    certificate,
    hostsSeen: () => state.hosts.snapshot(),
    realConsoleUrl(region, path = '/console/home') {
      const target = new URL(path.startsWith('/') ? path : `/${path}`, `https://${region}.${consoleDomainOf(region)}`)
      target.searchParams.set('region', region)
      return target.href
    },
    state,
    oidcEndpoint: `${url}/sso-oidc/${state.sso.fixture.region}`,
    portalEndpoint: `${url}/sso-portal/${state.sso.fixture.region}`,
    oidcEndpointFor: (region) => `${url}/sso-oidc/${encodeURIComponent(region)}`,
    portalEndpointFor: (region) => `${url}/sso-portal/${encodeURIComponent(region)}`,
    deviceUrl: `${url}/sso-device/${state.sso.fixture.region}/`,
    ssoStartUrl: state.sso.fixture.startUrl,
    ssoRegion: state.sso.fixture.region,
    sso: {
      approve: (userCode) => approveDevice(state, userCode),
      expireAccessTokens: () => state.sso.expireAccessTokens(),
      endPortalSessions: () => state.sso.endAllSessions(),
      throttle: (count) => {
        state.sso.throttled = count
      },
      setAutoApprove: (on) => {
        state.sso.autoApprove = on
      },
      setGeneratedAccounts: (count, roles) => {
        state.sso.accounts = generatedAccounts(count, roles)
      },
      counts: () => structuredClone(state.sso.counts),
    },
    stsEndpoint: url,
    stsEndpointFor: (region) => `${url}/region/${encodeURIComponent(region)}`,
    stsRegion: options.stsRegion,
    signinEndpoint: `${url}/federation`,
    consoleBase: `${url}/console`,
    logoutUrl: `${url}/oauth?Action=logout`,
    consoleUrl(region, path = '/console/home') {
      const target = new URL(path.startsWith('/') ? path : `/${path}`, 'http://x')
      target.searchParams.set('region', region)
      return `${url}/console${target.pathname}${target.search}${target.hash}`
    },
    totp: (arn) => deviceCodes(state, arn).current,
    totpNext: (arn) => deviceCodes(state, arn).next,
    async unusedTotp(arn) {
      for (;;) {
        const before = now()
        const codes = deviceCodes(state, arn)
        if (codes.unused !== undefined) return codes.unused
        await new Promise((r) => setTimeout(r, Math.min(codes.msLeft + 10, TOTP_PERIOD_MS)))
        if (now() === before)
          throw new Error('unusedTotp: current and next codes are spent and the clock is frozen; advance it')
      }
    },
    counts: () => ({ ...state.calls }),
    failedCounts: () => ({ ...state.failures }),
    resetCounts: () => state.resetCounts(),
    timeScale: () => state.timeScale,
    setTimeScale: (scale) => state.setTimeScale(scale),
    expireConsoleSessions: () => state.consoleSessions.expireAll(now()),
    multiSession: () => state.multiSession,
    setMultiSession: (on) => {
      state.multiSession = on
    },
    injectFault: (spec) => faults.inject(spec),
    clearFaults: () => faults.clear(),
    close: async () => {
      await Promise.all([closeServer(server), closeServer(tlsServer)])
    },
  }
}

function listen(server: Server, port = 0): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port))
  })
}

function closeServer(server: HttpServer | HttpsServer): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()))
    server.closeAllConnections()
  })
}

/** console.aws.amazon.com, console.amazonaws.cn or console.amazonaws-us-gov.com, by the region's partition. */
function consoleDomainOf(region: string): string {
  return `console.${WEB_DOMAINS[partitionOfRegion(region) ?? 'aws']}`
}
