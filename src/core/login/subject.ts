// What a login starts from: the profile's chain of roles down to the profile holding base keys, in the form the
// planner needs. The background builds it from the config module's classification (adapt.ts) plus the key's
// metadata (the IAM user name learned once with GetCallerIdentity).
import type { CustomEndpoints } from '../aws/partition'
// One AssumeRole of a chain: the role of `profile`, assumed with the credentials of the step before. The config's
// classification makes them, so its type is the one both use (a copy here could drift from it unnoticed).
import type { RoleHop, SsoRole } from '../config/import/classify'

export type { RoleHop, SsoRole }

/** The profile whose long-term IAM user keys sit in the vault. */
export interface BaseKeyProfile {
  profile: string
  mfaSerial?: string
  /** From the key's metadata; undefined until GetCallerIdentity has run once for this key. */
  iamUserName?: string
}

export type LoginSubject =
  | {
      kind: 'role'
      /** The profile being opened (the last hop's profile). */
      profile: string
      region?: string
      base: BaseKeyProfile
      /** In call order: hops[0] is assumed with the base keys (or their MFA session), the last is `profile`'s role. */
      hops: RoleHop[]
    }
  | {
      kind: 'federation'
      profile: string
      region?: string
      base: BaseKeyProfile
      /** The profile's mfa_serial, if any: GetFederationToken cannot use it (shown as a note). */
      mfaSerial?: string
    }
  | {
      kind: 'sso'
      profile: string
      region?: string
      /** The Identity Center role whose credentials (GetRoleCredentials) start the login. */
      sso: SsoRole
      /** Roles assumed from those credentials, in call order; empty when the profile is the portal's role itself. */
      hops: RoleHop[]
    }

/** Choices from settings; every field has a default. */
export interface LoginPreferences {
  /** GetSessionToken lifetime, 900–129600 s (AWS's range for IAM users). Default 12 h. */
  mfaSessionSeconds?: number
  /**
   * This profile's console session length. Above 3600 s it asks for a direct AssumeRole with the base keys and a
   * fresh MFA code (a chained role cannot last longer than 1 hour). Default: the credentials' lifetime.
   */
  consoleSessionSeconds?: number
  /** A cached MFA session closer than this to its expiry is not used. Default 300 s. */
  refreshMarginSeconds?: number
  /** Region for profiles that set none. */
  defaultRegion?: string
  endpoints?: CustomEndpoints
}

export const DEFAULT_MFA_SESSION_SECONDS = 12 * 3600
export const MIN_MFA_SESSION_SECONDS = 900
export const MAX_MFA_SESSION_SECONDS = 36 * 3600
export const DEFAULT_REFRESH_MARGIN_SECONDS = 300
/** AWS's limit for a role assumed with temporary credentials (role chaining). */
export const CHAINED_MAX_SECONDS = 3600
export const MIN_ROLE_SECONDS = 900
export const MAX_ROLE_SECONDS = 43_200
/** GetFederationToken lifetime: the same hour a role login gets, refreshed silently (no MFA is involved). */
export const DEFAULT_FEDERATION_SECONDS = 3600

/** Allow-all session policy: the federated console gets the IAM user's own permissions (§2.2). */
export const ALLOW_ALL_POLICY = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}'
