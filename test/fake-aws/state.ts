// Everything the running stand-in remembers, in one object handed to each handler.
import type { Now } from './clock'
import { CredentialStore } from './credential-store'
import type { IamFixture } from './fixture'
import { IamModel } from './iam-model'
import { MfaCodeBook } from './totp'
import { ConsoleSessionStore, SigninTokenStore } from './signin-state'
import { SessionJars } from './multi-session'
import { HostLog } from './tls/host-log'
import { IdentityCenter } from './sso/identity-center'
import type { IdentityCenterFixture } from './sso/instance'
import { DEMO_IDENTITY_CENTER } from './demo-org'

export const COUNTED_ACTIONS = [
  'AssumeRole',
  'GetSessionToken',
  'GetFederationToken',
  'GetCallerIdentity',
  'getSigninToken',
  'login',
  /** /oauth?Action=logout, with or without redirect_uri (refused: the logout-then-login hop in multi-session). */
  'logout',
] as const
export type CountedAction = (typeof COUNTED_ACTIONS)[number]
export type ActionCounts = Record<CountedAction, number>

const zeroCounts = (): ActionCounts => Object.fromEntries(COUNTED_ACTIONS.map((a) => [a, 0])) as ActionCounts

export class FakeAwsState {
  readonly model: IamModel
  readonly codes = new MfaCodeBook()
  readonly credentials = new CredentialStore()
  readonly signinTokens = new SigninTokenStore()
  readonly consoleSessions = new ConsoleSessionStore()
  /** Host names served, handshaken and refused (tls/host-log.ts). */
  readonly hosts = new HostLog()
  /** Cookie jars holding several console sessions (multi-session.ts, a model). */
  readonly jars = new SessionJars()
  /** The console's multi-session support: a login joins the jar's sessions (up to 5) instead of replacing. */
  multiSession = false
  /** IAM Identity Center: registrations, portal sessions, tokens and its own counts (sso/identity-center.ts). */
  readonly sso: IdentityCenter
  /** Every request per action, successful or not (what a login costs on the wire). */
  calls = zeroCounts()
  /** The subset of calls that were refused. */
  failures = zeroCounts()

  constructor(
    fixture: IamFixture,
    readonly now: Now,
    public timeScale: number,
    identityCenter: IdentityCenterFixture = DEMO_IDENTITY_CENTER,
  ) {
    this.model = new IamModel(fixture)
    this.checkTimeScale(timeScale)
    this.sso = new IdentityCenter(identityCenter, now, (seconds) => this.endOfLifetime(seconds))
  }

  checkTimeScale(scale: number): void {
    if (!(scale > 0) || !Number.isFinite(scale)) throw new Error(`timeScale must be a positive number, got ${scale}`)
  }

  setTimeScale(scale: number): void {
    this.checkTimeScale(scale)
    this.timeScale = scale
  }

  /**
   * When something granted for `seconds` (what was asked, validated as AWS does) really ends: the time scale
   * shortens what the stand-in grants, not its clock, so request dates and signatures are checked as AWS does.
   */
  endOfLifetime(seconds: number): number {
    return Math.round(this.now() + seconds * 1000 * this.timeScale)
  }

  /** The same for issued credentials: at scale 1 cut to whole seconds, as AWS's Expiration has no fractions. */
  credentialExpiry(seconds: number): number {
    const end = this.endOfLifetime(seconds)
    return this.timeScale === 1 ? Math.floor(end / 1000) * 1000 : end
  }

  count(action: CountedAction, failed: boolean): void {
    this.calls[action] += 1
    if (failed) this.failures[action] += 1
  }

  resetCounts(): void {
    this.calls = zeroCounts()
    this.failures = zeroCounts()
    this.sso.resetCounts()
  }
}
