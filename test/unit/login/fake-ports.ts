// In-memory stand-ins for the login ports that follow AWS's rules closely enough to catch a wrong plan:
// codes work once, GetSessionToken credentials cannot sign in, SessionDuration fails on chained credentials,
// GetFederationToken needs long-term keys. Failures are thrown as the real adapters throw them.
import { AwsCallError, type StsOperation } from '../../../src/core/aws/errors'
import type { SigninApi } from '../../../src/core/aws/federation'
import type { AwsCredentials, StsApi, TemporaryCredentials } from '../../../src/core/aws/sts'
import type { LoginPorts, MfaSessionCache } from '../../../src/core/login/ports'
import type { SsoRole } from '../../../src/core/login/subject'

type Kind = 'session' | 'role' | 'federation'
interface Issued {
  kind: Kind
  chained: boolean
  arn: string
  expiration: number
}

export const BASE_KEYS = {
  accessKeyId: 'AKIAALICEALICEALICE1',
  secretAccessKey: 'alice-secret-key-0000000000000000000000',
}

export class FakeAws {
  now = Date.parse('2026-03-01T09:00:00Z')
  calls: Array<{ op: StsOperation | 'getSigninToken' | 'GetRoleCredentials'; params?: Record<string, unknown> }> = []
  /** The code each device shows now; a used code is refused until the device shows another. */
  codes = new Map<string, string>()
  used = new Set<string>()
  issued = new Map<string, Issued>()
  /** Make the next call of this operation fail with this STS error. */
  failNext = new Map<StsOperation | 'getSigninToken', { code: string; message: string; status?: number }>()
  private serial = 0

  clock = { now: () => this.now }

  private fail(op: StsOperation, code: string, message: string, status = 403): never {
    throw new AwsCallError({
      operation: op,
      kind: 'aws-error',
      stsCode: code,
      awsMessage: message,
      httpStatus: status,
      host: 'sts.fake',
    })
  }

  private issue(kind: Kind, chained: boolean, arn: string, seconds: number): TemporaryCredentials {
    const id = `ASIA${kind.toUpperCase()}${++this.serial}`
    const expiration = this.now + seconds * 1000
    this.issued.set(id, { kind, chained, arn, expiration })
    return {
      accessKeyId: id,
      secretAccessKey: `secret-${id}`,
      sessionToken: `token-${id}`,
      expiration: new Date(expiration),
    }
  }

  private check(op: StsOperation, caller: AwsCredentials): Issued | undefined {
    const injected = this.failNext.get(op)
    if (injected) {
      this.failNext.delete(op)
      this.fail(op, injected.code, injected.message, injected.status)
    }
    if (
      caller.accessKeyId === BASE_KEYS.accessKeyId &&
      caller.secretAccessKey === BASE_KEYS.secretAccessKey &&
      !caller.sessionToken
    )
      return undefined
    const issued = this.issued.get(caller.accessKeyId)
    if (!issued || caller.sessionToken !== `token-${caller.accessKeyId}`)
      this.fail(op, 'InvalidClientTokenId', 'The security token included in the request is invalid.')
    if (issued.expiration <= this.now)
      this.fail(op, 'ExpiredToken', 'The security token included in the request is expired', 400)
    return issued
  }

  private checkCode(op: StsOperation, serial: string | undefined, code: string | undefined) {
    if (!serial && !code) return
    if (code !== this.codes.get(serial ?? '') || this.used.has(`${serial}:${code}`))
      this.fail(op, 'AccessDenied', 'MultiFactorAuthentication failed with invalid MFA one time pass code. ')
    this.used.add(`${serial}:${code}`)
  }

  sts: StsApi = {
    assumeRole: async (_at, caller, p) => {
      this.calls.push({ op: 'AssumeRole', params: { ...p } })
      const from = this.check('AssumeRole', caller)
      this.checkCode('AssumeRole', p.serialNumber, p.tokenCode)
      if (from?.kind === 'federation')
        this.fail('AssumeRole', 'AccessDenied', 'federated users cannot assume roles here')
      const chained = from !== undefined
      if (chained && (p.durationSeconds ?? 3600) > 3600)
        this.fail(
          'AssumeRole',
          'ValidationError',
          'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
          400,
        )
      const [, , , , account, resource] = p.roleArn.split(':')
      const arn = `arn:aws:sts::${account}:assumed-role/${resource!.split('/').at(-1)}/${p.roleSessionName}`
      return { credentials: this.issue('role', chained, arn, p.durationSeconds ?? 3600), assumedRoleArn: arn }
    },
    getSessionToken: async (_at, caller, p) => {
      this.calls.push({ op: 'GetSessionToken', params: { ...p } })
      if (this.check('GetSessionToken', caller))
        this.fail('GetSessionToken', 'AccessDenied', 'Cannot call GetSessionToken with session credentials')
      this.checkCode('GetSessionToken', p.serialNumber, p.tokenCode)
      return this.issue('session', false, 'arn:aws:iam::111111111111:user/alice', p.durationSeconds ?? 43_200)
    },
    getFederationToken: async (_at, caller, p) => {
      this.calls.push({ op: 'GetFederationToken', params: { ...p } })
      if (this.check('GetFederationToken', caller))
        this.fail('GetFederationToken', 'AccessDenied', 'Cannot call GetFederationToken with session credentials')
      const arn = `arn:aws:sts::111111111111:federated-user/${p.name}`
      return { credentials: this.issue('federation', false, arn, p.durationSeconds ?? 43_200), federatedUserArn: arn }
    },
    getCallerIdentity: async (_at, caller) => {
      this.calls.push({ op: 'GetCallerIdentity' })
      const issued = this.check('GetCallerIdentity', caller)
      return {
        account: '111111111111',
        arn: issued?.arn ?? 'arn:aws:iam::111111111111:user/team/alice',
        userId: 'AIDAALICE',
      }
    },
  }

  /** Identity Center's portal: a role's credentials (temporary, so a role assumed with them is chained). */
  sso = {
    roleCredentials: async (role: SsoRole): Promise<TemporaryCredentials> => {
      this.calls.push({ op: 'GetRoleCredentials', params: { accountId: role.accountId, roleName: role.roleName } })
      const arn = `arn:aws:sts::${role.accountId}:assumed-role/AWSReservedSSO_${role.roleName}_0123456789abcdef/alice`
      return this.issue('role', false, arn, 3600)
    },
  }

  signin: SigninApi = {
    getSigninToken: async (credentials, request) => {
      this.calls.push({ op: 'getSigninToken', params: { sessionDuration: request.sessionDuration } })
      const injected = this.failNext.get('getSigninToken')
      if (injected) {
        this.failNext.delete('getSigninToken')
        throw new AwsCallError({ operation: 'getSigninToken', kind: 'http', httpStatus: injected.status ?? 400 })
      }
      const issued = this.issued.get(credentials.accessKeyId)
      const refuse =
        !issued ||
        issued.kind === 'session' ||
        (request.sessionDuration !== undefined && (issued.chained || issued.kind === 'federation'))
      if (refuse) throw new AwsCallError({ operation: 'getSigninToken', kind: 'http', httpStatus: 400 })
      return `signin-token-for-${credentials.accessKeyId}`
    },
  }

  count(op?: string): number {
    return op ? this.calls.filter((c) => c.op === op).length : this.calls.length
  }
}

export class MemoryCache implements MfaSessionCache {
  store = new Map<string, TemporaryCredentials>()
  async get(serial: string) {
    return this.store.get(serial)
  }
  async put(serial: string, session: TemporaryCredentials) {
    this.store.set(serial, session)
  }
  async delete(serial: string) {
    this.store.delete(serial)
  }
}

/** Ports over a FakeAws; `codes` answers mfaCode (default: the device's current code) and records each ask. */
export function portsFor(
  aws: FakeAws,
  cache = new MemoryCache(),
  codes?: (serial: string) => string | Promise<string>,
) {
  const asked: string[] = []
  const ports: LoginPorts = {
    sts: aws.sts,
    signin: aws.signin,
    cache,
    clock: aws.clock,
    baseKeys: async () => BASE_KEYS,
    sso: aws.sso,
    mfaCode: async (serial) => {
      asked.push(serial)
      return codes ? codes(serial) : (aws.codes.get(serial) ?? '000000')
    },
  }
  return { ports, asked, cache }
}
