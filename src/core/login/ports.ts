// What a login needs from the outside, as small interfaces the background implements (vault, user prompt,
// network). The core never imports the vault or the browser.
import type { SigninApi } from '../aws/federation'
import type { AwsCredentials, StsApi, TemporaryCredentials } from '../aws/sts'
import type { LoginPlan, PlanStep } from './plan'
import type { LoginPreferences, LoginSubject, SsoRole } from './subject'

export type { SigninApi, StsApi, AwsCredentials, TemporaryCredentials }

/** Cached MFA sessions (GetSessionToken credentials), one per MFA device, encrypted by the vault. */
export interface MfaSessionCache {
  get(mfaSerial: string): Promise<TemporaryCredentials | undefined>
  put(mfaSerial: string, session: TemporaryCredentials): Promise<void>
  delete(mfaSerial: string): Promise<void>
}

export interface Clock {
  /** Epoch milliseconds. */
  now(): number
}

export interface LoginPorts {
  sts: StsApi
  signin: SigninApi
  /** The long-term IAM user keys stored for a profile (throws when the vault is locked or has none). */
  baseKeys(profile: string): Promise<AwsCredentials>
  cache: MfaSessionCache
  /**
   * Asks the user for the current code of an MFA device. Called only when the plan needs it, right before the
   * call that uses it, at most once per device per login. A rejection (the user cancelled) ends the login.
   */
  mfaCode(mfaSerial: string, context: { profile: string }): Promise<string>
  clock: Clock
  /** Identity Center: the portal's credentials for a role, with the user's (refreshed) access token. */
  sso?: { roleCredentials(role: SsoRole): Promise<TemporaryCredentials> }
}

export interface LoginRequest {
  subject: LoginSubject
  preferences?: LoginPreferences
  /** The login's Issuer: a URL Rolecall recognises (sessions.ts issuerUrl). */
  issuer: string
  /** A console path (`ec2/home`) or a full console URL (the page a re-login returns to). Default: region home. */
  destination?: string
  /** Build a logout-then-login URL: the browser (tab, container) holds another console identity. */
  switchIdentity?: boolean
}

/** One entry per step, in order. No secrets: names, ARNs, device serials, durations. */
export interface TraceEntry {
  call: PlanStep['call']
  /** ok: the call succeeded; cached: an MFA session from the cache; shared: the MFA session another login was getting. */
  outcome: 'ok' | 'cached' | 'shared' | 'failed'
  profile?: string
  roleArn?: string
  /** The device a code was sent for. */
  mfaSerial?: string
  durationSeconds?: number
  sessionDuration?: number
}

export interface LoginResult {
  profile: string
  /** The sign-in URL: valid 15 minutes, a secret. */
  url: string
  /** The final temporary credentials (for the copy-export action): never stored unencrypted. */
  credentials: TemporaryCredentials
  /** When the console session ends, epoch ms. */
  expiresAt: number
  /** arn:aws:sts::<account>:assumed-role/<role>/<session> or …:federated-user/<name>. */
  identityArn: string
  accountId: string
  /** The role session name or federated user name the console shows. */
  sessionName: string
  region: string
  destination: string
  plan: LoginPlan
  trace: TraceEntry[]
  /** Learned by GetCallerIdentity: keep it with the key's metadata so the next login skips the call. */
  learned?: { iamUserName?: string; userArn: string; accountId: string }
  /** The MFA session this login used or created. */
  mfaSession?: { mfaSerial: string; expiresAt: number; reused: boolean }
}
