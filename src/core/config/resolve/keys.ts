// The profile keys aws-vault v7 resolution reads (vault/config.go ProfileSection), in one place, with the
// ResolvedProfile property each one fills. New keys (SSO's, say) are a line here and one in resolution.ts.
import type { ResolvedProfile } from '../types'

type TextProperty = {
  [P in keyof ResolvedProfile]-?: ResolvedProfile[P] extends string | undefined ? P : never
}[keyof ResolvedProfile]

/** Keys copied "if still unset" from each section read, and the ResolvedProfile property (if any) they fill. */
export const PLAIN_KEYS: ReadonlyMap<string, TextProperty | undefined> = new Map<string, TextProperty | undefined>([
  ['region', 'region'],
  ['mfa_serial', 'mfaSerial'],
  ['role_arn', 'roleArn'],
  ['role_session_name', 'roleSessionName'],
  ['external_id', 'externalId'],
  ['source_profile', 'sourceProfile'],
  ['sso_start_url', 'ssoStartUrl'],
  ['sso_region', 'ssoRegion'],
  ['sso_account_id', 'ssoAccountId'],
  ['sso_role_name', 'ssoRoleName'],
  ['credential_process', 'credentialProcess'],
  ['source_identity', 'sourceIdentity'],
  ['web_identity_token_file', undefined],
  ['web_identity_token_process', undefined],
  ['sts_regional_endpoints', undefined],
  ['mfa_process', undefined],
])

/** Every key resolution reads from a profile section. */
export const RESOLUTION_KEYS: ReadonlySet<string> = new Set([
  ...PLAIN_KEYS.keys(),
  'duration_seconds',
  'sso_session',
  'session_tags',
  'transitive_session_tags',
  'include_profile',
])

/** What an [sso-session] overwrites in the profile that names it, even with empty values, in this order. */
export const SSO_SESSION_KEYS: readonly string[] = ['sso_start_url', 'sso_region', 'sso_registration_scopes']
