// The public shapes of the config module (issue 4). Kept in one place so index.ts re-exports exactly these.
import type { ConfigDiagnostic } from './diagnostics'

export type SectionMap = Record<string, Record<string, string | Record<string, string>>>

export interface ParsedConfig {
  // same names, keys and values as botocore's build_profile_map(): profiles, sso-sessions, services;
  // a sub-section (`s3 =` followed by indented `k = v` lines) is a nested Record<string, string>
  profiles: SectionMap
  ssoSessions: SectionMap
  services: SectionMap
  diagnostics: ConfigDiagnostic[]
}

export interface ResolvedProfile {
  name: string
  region?: string
  mfaSerial?: string
  roleArn?: string
  roleSessionName?: string
  externalId?: string
  durationSeconds?: number // resolveProfile always sets it: duration_seconds, else aws-vault's default 3600
  sourceProfile?: string
  source?: ResolvedProfile
  ssoSession?: string
  ssoStartUrl?: string
  ssoRegion?: string
  ssoAccountId?: string
  ssoRoleName?: string
  credentialProcess?: string
  sourceIdentity?: string
  sessionTags?: Record<string, string>
  transitiveSessionTags?: string[]
  color?: string // display colour from the profile's `color` key, if any
}
