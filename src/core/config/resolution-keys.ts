// The profile keys aws-vault v7 resolution reads (vault/config.go ProfileSection), in one place.

/** Copied "if still empty" from each section visited (order does not matter once sso_session is handled). */
export const PLAIN_FIELDS: ReadonlySet<string> = new Set([
  'mfa_serial', 'role_arn', 'external_id', 'region', 'role_session_name', 'source_profile', 'sso_start_url',
  'sso_region', 'sso_account_id', 'sso_role_name', 'web_identity_token_file', 'web_identity_token_process',
  'sts_regional_endpoints', 'source_identity', 'credential_process', 'mfa_process',
])

/** Every key resolution reads from a profile section. */
export const RESOLUTION_KEYS: ReadonlySet<string> = new Set([
  ...PLAIN_FIELDS, 'duration_seconds', 'sso_session', 'session_tags', 'transitive_session_tags', 'include_profile',
])

/** What resolution does with a key, as a small number so the hot loop can switch on it. */
export const KeyKind = {
  Other: 0,
  Plain: 1,
  Duration: 2,
  SsoSession: 3,
  SessionTags: 4,
  TransitiveTags: 5,
  Include: 6,
} as const
export type KeyKind = (typeof KeyKind)[keyof typeof KeyKind]

const KINDS = new Map<string, KeyKind>([
  ...[...PLAIN_FIELDS].map((key) => [key, KeyKind.Plain] as [string, KeyKind]),
  ['duration_seconds', KeyKind.Duration],
  ['sso_session', KeyKind.SsoSession],
  ['session_tags', KeyKind.SessionTags],
  ['transitive_session_tags', KeyKind.TransitiveTags],
  ['include_profile', KeyKind.Include],
])

export function kindOf(key: string): KeyKind {
  return KINDS.get(key) ?? KeyKind.Other
}
