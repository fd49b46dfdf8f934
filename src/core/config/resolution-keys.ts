// The profile keys aws-vault v7 resolution reads (vault/config.go ProfileSection), in one place.

/** Copied "if still empty" from each section visited (order does not matter once sso_session is handled). */
const PLAIN_FIELDS: ReadonlySet<string> = new Set([
  'mfa_serial',
  'role_arn',
  'external_id',
  'region',
  'role_session_name',
  'source_profile',
  'sso_start_url',
  'sso_region',
  'sso_account_id',
  'sso_role_name',
  'web_identity_token_file',
  'web_identity_token_process',
  'sts_regional_endpoints',
  'source_identity',
  'credential_process',
  'mfa_process',
])

/** Every key resolution reads from a profile section. */
export const RESOLUTION_KEYS: ReadonlySet<string> = new Set([
  ...PLAIN_FIELDS,
  'duration_seconds',
  'sso_session',
  'session_tags',
  'transitive_session_tags',
  'include_profile',
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

/**
 * Every field a resolution can record, numbered: resolution keeps its fields in arrays indexed by these
 * numbers instead of objects keyed by name (objects of ever-different shapes were most of its cost).
 * Index 0 is "not a resolution field"; sso_registration_scopes only ever comes from an [sso-session].
 */
export const FIELD_NAMES: readonly string[] = ['', ...RESOLUTION_KEYS, 'sso_registration_scopes']
export const FIELD_COUNT = FIELD_NAMES.length

const FIELD_IDS = new Map(FIELD_NAMES.map((name, id) => [name, id]))
FIELD_IDS.delete('')

/** The field number of a config key, or 0 if it is none of FIELD_NAMES. */
export function fieldOf(key: string): number {
  return FIELD_IDS.get(key) ?? 0
}

/** The field number of one of FIELD_NAMES (for keys named in code). */
export function field(key: string): number {
  const id = FIELD_IDS.get(key)
  if (id === undefined) throw new Error(`${key} is not a resolution field`)
  return id
}

/** KeyKind of each field number. */
export const KIND_OF_FIELD: readonly KeyKind[] = FIELD_NAMES.map((name, id) => {
  if (id === 0 || name === 'sso_registration_scopes') return KeyKind.Other
  if (PLAIN_FIELDS.has(name)) return KeyKind.Plain
  if (name === 'duration_seconds') return KeyKind.Duration
  if (name === 'sso_session') return KeyKind.SsoSession
  if (name === 'session_tags') return KeyKind.SessionTags
  if (name === 'transitive_session_tags') return KeyKind.TransitiveTags
  return KeyKind.Include
})
