// Temporary credentials the stand-in has issued, keyed by their ASIA access key id.
import type { IamUser, Principal } from './iam-model'
import * as ids from './ids'

/** GetRoleCredentials: IAM Identity Center's portal (sso/portal.ts), a session of the permission set's role. */
export type IssuedBy = 'AssumeRole' | 'GetSessionToken' | 'GetFederationToken' | 'GetRoleCredentials'

/** What the federated session may do: no session policy means AWS grants nothing. */
export type SessionPolicy = 'none' | 'allow-all' | 'custom'

export interface IssuedCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken: string
  issuedBy: IssuedBy
  principal: Principal
  /** The IAM user at the root of the chain that produced these credentials (for Identity Center, its user). */
  baseUser: IamUser
  /** aws:MultiFactorAuthPresent for calls made with these credentials. */
  mfaPresent: boolean
  /** The issuing call was signed with long-term IAM user keys (not role chaining). */
  issuedWithLongTermKeys: boolean
  /** GetFederationToken only. */
  sessionPolicy?: SessionPolicy
  /** Region in the issuing request's signing scope. */
  region: string
  durationSeconds: number
  issuedAtMs: number
  expiresAtMs: number
}

export class CredentialStore {
  private readonly byKeyId = new Map<string, IssuedCredentials>()

  issue(fields: Omit<IssuedCredentials, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>): IssuedCredentials {
    const issued: IssuedCredentials = {
      accessKeyId: ids.temporaryAccessKeyId(),
      secretAccessKey: ids.secretAccessKey(),
      sessionToken: ids.sessionToken(),
      ...fields,
    }
    this.byKeyId.set(issued.accessKeyId, issued)
    return issued
  }

  find(accessKeyId: string): IssuedCredentials | undefined {
    return this.byKeyId.get(accessKeyId)
  }

  all(): IssuedCredentials[] {
    return [...this.byKeyId.values()]
  }
}
