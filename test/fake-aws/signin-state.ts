// Sign-in tokens issued by getSigninToken, and console sessions created by Action=login.
import type { IssuedCredentials } from './credential-store'
import { principalArn } from './iam-model'
import * as ids from './ids'

export interface SigninTokenRecord {
  token: string
  credentials: IssuedCredentials
  /** When the console session this token opens will end. */
  consoleExpiresAtMs: number
  expiresAtMs: number
  used: boolean
}

export interface ConsoleSession {
  id: string
  credentials: IssuedCredentials
  issuer: string
  signedInAtMs: number
  expiresAtMs: number
}

/**
 * Two logins are "the same identity" when they are the same role (any session name) or the same federated
 * user: re-signing a role is what a refresh does, signing another role is what the console refuses.
 */
export function identityKey(credentials: IssuedCredentials): string {
  const p = credentials.principal
  return p.type === 'assumed-role' ? p.role.arn : principalArn(p)
}

export class SigninTokenStore {
  private readonly tokens = new Map<string, SigninTokenRecord>()

  issue(credentials: IssuedCredentials, consoleExpiresAtMs: number, expiresAtMs: number): SigninTokenRecord {
    const record = { token: ids.signinToken(), credentials, consoleExpiresAtMs, expiresAtMs, used: false }
    this.tokens.set(record.token, record)
    return record
  }

  find(token: string): SigninTokenRecord | undefined {
    return this.tokens.get(token)
  }
}

export class ConsoleSessionStore {
  private readonly sessions = new Map<string, ConsoleSession>()

  create(fields: Omit<ConsoleSession, 'id'>): ConsoleSession {
    const session = { id: ids.consoleSessionId(), ...fields }
    this.sessions.set(session.id, session)
    return session
  }

  find(id: string | undefined): ConsoleSession | undefined {
    return id === undefined ? undefined : this.sessions.get(id)
  }

  delete(id: string | undefined): void {
    if (id !== undefined) this.sessions.delete(id)
  }

  /** Test hook: end every console session now (the pages then show "session expired"). */
  expireAll(nowMs: number): void {
    for (const s of this.sessions.values()) s.expiresAtMs = Math.min(s.expiresAtMs, nowMs)
  }
}
