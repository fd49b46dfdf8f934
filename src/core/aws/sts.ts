// The four STS calls a login makes, through the AWS SDK with explicit credentials (no provider chain: this
// runs in a service worker). Returns plain typed values; failures become AwsCallError with secret-free facts.
// Named imports of the client and the four commands only: the package is side-effect free, so the bundler
// leaves out every other command (and the aggregated STS class).
import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  GetFederationTokenCommand,
  GetSessionTokenCommand,
  STSClient,
} from '@aws-sdk/client-sts'
import { withDeadline } from './deadline'
import { AwsCallError, factsOf, type StsOperation } from './errors'

/** Long-term IAM user keys (no token), or temporary credentials. */
export interface AwsCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
}

export interface TemporaryCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken: string
  expiration: Date
}

/** Where one STS call goes: the signing region and the endpoint URL. */
export interface StsTarget {
  region: string
  endpoint: string
}

export interface AssumeRoleParams {
  roleArn: string
  roleSessionName: string
  externalId?: string
  durationSeconds?: number
  serialNumber?: string
  tokenCode?: string
  sourceIdentity?: string
  tags?: Record<string, string>
  transitiveTagKeys?: string[]
}

export interface AssumedRole {
  credentials: TemporaryCredentials
  /** arn:aws:sts::<account>:assumed-role/<role>/<session> */
  assumedRoleArn: string
}

export interface FederatedSession {
  credentials: TemporaryCredentials
  /** arn:aws:sts::<account>:federated-user/<name> */
  federatedUserArn: string
}

export interface CallerIdentity {
  account: string
  arn: string
  userId: string
}

/** The STS port a login uses; `createSdkSts` is the real one, tests may pass fakes. */
export interface StsApi {
  assumeRole(at: StsTarget, caller: AwsCredentials, params: AssumeRoleParams): Promise<AssumedRole>
  getSessionToken(
    at: StsTarget,
    caller: AwsCredentials,
    params: { durationSeconds?: number; serialNumber?: string; tokenCode?: string },
  ): Promise<TemporaryCredentials>
  getFederationToken(
    at: StsTarget,
    caller: AwsCredentials,
    params: { name: string; policy?: string; durationSeconds?: number },
  ): Promise<FederatedSession>
  getCallerIdentity(at: StsTarget, caller: AwsCredentials): Promise<CallerIdentity>
}

export interface SdkStsOptions {
  /** Per call, including retries. Default 10 s. */
  timeoutMs?: number
  /**
   * SDK attempts for calls without an MFA code (default 2: one retry covers a transient error and lets the SDK
   * correct clock skew from the server's Date header). Calls carrying a TokenCode are made once: a retry could
   * replay a code AWS already consumed and turn a network blip into a "wrong code" error.
   */
  maxAttempts?: number
  /** A smithy request handler or its options (tests). */
  requestHandler?: unknown
}

export function createSdkSts(options: SdkStsOptions = {}): StsApi {
  const timeoutMs = options.timeoutMs ?? 10_000

  async function send<T>(
    operation: StsOperation,
    at: StsTarget,
    caller: AwsCredentials,
    command: unknown,
    tokenCode?: string,
  ): Promise<T> {
    const client = new STSClient({
      region: at.region,
      endpoint: at.endpoint,
      credentials: {
        accessKeyId: caller.accessKeyId,
        secretAccessKey: caller.secretAccessKey,
        ...(caller.sessionToken ? { sessionToken: caller.sessionToken } : {}),
      },
      maxAttempts: tokenCode ? 1 : (options.maxAttempts ?? 2),
      ...(options.requestHandler ? { requestHandler: options.requestHandler as never } : {}),
    })
    return withDeadline(
      timeoutMs,
      async (abortSignal) => (await client.send(command as never, { abortSignal })) as T,
      (error, timedOut) =>
        new AwsCallError(
          factsOf(error, {
            operation,
            host: hostOf(at.endpoint),
            timedOut,
            timeoutSeconds: Math.round(timeoutMs / 1000),
            secrets: [caller.secretAccessKey, caller.sessionToken],
          }),
        ),
      () => client.destroy(),
    )
  }

  return {
    async assumeRole(at, caller, p) {
      const out = await send<{ Credentials?: SdkCredentials; AssumedRoleUser?: { Arn?: string } }>(
        'AssumeRole',
        at,
        caller,
        new AssumeRoleCommand({
          RoleArn: p.roleArn,
          RoleSessionName: p.roleSessionName,
          ...(p.externalId ? { ExternalId: p.externalId } : {}),
          ...(p.durationSeconds ? { DurationSeconds: p.durationSeconds } : {}),
          ...(p.serialNumber && p.tokenCode ? { SerialNumber: p.serialNumber, TokenCode: p.tokenCode } : {}),
          ...(p.sourceIdentity ? { SourceIdentity: p.sourceIdentity } : {}),
          ...(p.tags && Object.keys(p.tags).length
            ? { Tags: Object.entries(p.tags).map(([Key, Value]) => ({ Key, Value })) }
            : {}),
          ...(p.transitiveTagKeys?.length ? { TransitiveTagKeys: p.transitiveTagKeys } : {}),
        }),
        p.tokenCode,
      )
      return {
        credentials: credentialsOf('AssumeRole', out.Credentials, at),
        assumedRoleArn: required('AssumeRole', out.AssumedRoleUser?.Arn, at),
      }
    },

    async getSessionToken(at, caller, p) {
      const out = await send<{ Credentials?: SdkCredentials }>(
        'GetSessionToken',
        at,
        caller,
        new GetSessionTokenCommand({
          ...(p.durationSeconds ? { DurationSeconds: p.durationSeconds } : {}),
          ...(p.serialNumber && p.tokenCode ? { SerialNumber: p.serialNumber, TokenCode: p.tokenCode } : {}),
        }),
        p.tokenCode,
      )
      return credentialsOf('GetSessionToken', out.Credentials, at)
    },

    async getFederationToken(at, caller, p) {
      const out = await send<{ Credentials?: SdkCredentials; FederatedUser?: { Arn?: string } }>(
        'GetFederationToken',
        at,
        caller,
        new GetFederationTokenCommand({
          Name: p.name,
          ...(p.policy ? { Policy: p.policy } : {}),
          ...(p.durationSeconds ? { DurationSeconds: p.durationSeconds } : {}),
        }),
      )
      return {
        credentials: credentialsOf('GetFederationToken', out.Credentials, at),
        federatedUserArn: required('GetFederationToken', out.FederatedUser?.Arn, at),
      }
    },

    async getCallerIdentity(at, caller) {
      const out = await send<{ Account?: string; Arn?: string; UserId?: string }>(
        'GetCallerIdentity',
        at,
        caller,
        new GetCallerIdentityCommand({}),
      )
      return {
        account: required('GetCallerIdentity', out.Account, at),
        arn: required('GetCallerIdentity', out.Arn, at),
        userId: required('GetCallerIdentity', out.UserId, at),
      }
    },
  }
}

interface SdkCredentials {
  AccessKeyId?: string
  SecretAccessKey?: string
  SessionToken?: string
  Expiration?: Date
}

function credentialsOf(operation: StsOperation, c: SdkCredentials | undefined, at: StsTarget): TemporaryCredentials {
  const expiration = c?.Expiration
  if (
    !c?.AccessKeyId ||
    !c.SecretAccessKey ||
    !c.SessionToken ||
    !(expiration instanceof Date) ||
    Number.isNaN(expiration.getTime())
  ) {
    throw new AwsCallError({ operation, kind: 'bad-response', host: hostOf(at.endpoint) })
  }
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration }
}

function required(operation: StsOperation, value: string | undefined, at: StsTarget): string {
  if (!value) throw new AwsCallError({ operation, kind: 'bad-response', host: hostOf(at.endpoint) })
  return value
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return 'the configured endpoint'
  }
}
