// Loads the shared conformance cases (never copied into the project) and maps aws-vault's resolution
// output onto ResolvedProfile, so tests can compare like with like.
import { readFileSync } from 'node:fs'
import type { ResolutionDetail } from '../../../src/core/config/resolve/resolve'

export function loadCases<T>(file: string): T[] {
  const url = new URL(`../../../../shared/cases/${file}`, import.meta.url)
  return JSON.parse(readFileSync(url, 'utf8')) as T[]
}

export interface ParseCase {
  id: string
  input: string
  expected:
    | { error: string; message?: string }
    | { profiles: object; sso_sessions: object; services: object; other_sections: object }
  expected_raw_sections: Record<string, object> | null
}

export interface ResolutionCase {
  id: string
  input: string
  profile: string
  expected: Record<string, unknown>
  aws_vault_v6_6_2?: Record<string, unknown>
}

export interface StandardCase {
  id: string
  name: string
  input: { configFile?: string; credentialsFile?: string }
  expected_by_standard: { config?: { profiles: object; sso_sessions?: object }; errorContaining?: string }
  botocore?: { error: string } | { profiles: object; sso_sessions: object }
  botocore_matches_standard?: boolean
}

/**
 * The aws-vault fields a config can set, as the oracle records them. The GetSessionToken/GetFederationToken
 * durations are left out: they come only from environment variables, which the oracle ran without.
 */
export function vaultShape(detail: ResolutionDetail, chained = false): Record<string, unknown> {
  const p = detail.profile
  const field = (key: string): string => detail.fields[key]?.value ?? ''
  return {
    profile: p.name,
    is_chained: chained,
    region: p.region ?? '',
    mfa_serial: p.mfaSerial ?? '',
    role_arn: p.roleArn ?? '',
    role_session_name: p.roleSessionName ?? '',
    external_id: p.externalId ?? '',
    assume_role_duration_s: p.durationSeconds,
    source_profile: p.sourceProfile ?? '',
    source: detail.source ? vaultShape(detail.source, true) : null,
    sso_session: p.ssoSession ?? '',
    sso_start_url: p.ssoStartUrl ?? '',
    sso_region: p.ssoRegion ?? '',
    sso_account_id: p.ssoAccountId ?? '',
    sso_role_name: p.ssoRoleName ?? '',
    credential_process: p.credentialProcess ?? '',
    source_identity: p.sourceIdentity ?? '',
    session_tags: p.sessionTags ?? null,
    transitive_session_tags: p.transitiveSessionTags ?? null,
    mfa_process: field('mfa_process'),
    sts_regional_endpoints: field('sts_regional_endpoints'),
    web_identity_token_file: field('web_identity_token_file'),
  }
}

/** The oracle's record restricted to the keys vaultShape produces (recursively through `source`). */
export function comparable(expected: Record<string, unknown>, shape: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(shape)) {
    if (!(key in expected)) continue
    const value = expected[key]
    const inner = shape[key]
    out[key] =
      key === 'source' && value && inner
        ? comparable(value as Record<string, unknown>, inner as Record<string, unknown>)
        : value
  }
  return out
}
