// Line diagnostics shared by the config and credentials parsers. Messages say what is wrong and what to do,
// and never quote a value that could be a secret (see `mayQuoteValue`).

export interface ConfigDiagnostic {
  /** 1-based line in the pasted text. */
  line: number
  severity: 'error' | 'warning'
  message: string
}

/** Keys whose values are secrets or identify a secret: never quoted in a message, removed before storing. */
export const SECRET_KEY_NAMES: readonly string[] = [
  'aws_access_key_id',
  'aws_secret_access_key',
  'aws_session_token',
  'aws_security_token',
]
const SECRET_KEYS = new Set(SECRET_KEY_NAMES)

/** Keys Rolecall knows to be harmless to show (names, ARNs, regions, durations, display hints). */
const QUOTABLE_KEYS = new Set([
  'region',
  'output',
  'role_arn',
  'source_profile',
  'include_profile',
  'mfa_serial',
  'external_id',
  'role_session_name',
  'duration_seconds',
  'sso_session',
  'sso_start_url',
  'sso_region',
  'sso_account_id',
  'sso_role_name',
  'sso_registration_scopes',
  'credential_source',
  'sts_regional_endpoints',
  'source_identity',
  'session_tags',
  'transitive_session_tags',
  'color',
  'web_identity_token_file',
  'parent_profile',
  'services',
  'endpoint_url',
  'cli_pager',
  'aws_account_id',
])

export function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(key)
}

/** Whether a message may quote this key's value. Unknown keys are not quoted: they could hold anything. */
export function mayQuoteValue(key: string): boolean {
  return QUOTABLE_KEYS.has(key)
}

const IDENTIFIER = /^[A-Za-z0-9_.@:/+-]{1,40}$/

/** A key name as it may appear in a message: odd or long names (perhaps a pasted secret) are not echoed. */
export function describeKey(key: string): string {
  if (SECRET_KEYS.has(key) || QUOTABLE_KEYS.has(key)) return `"${key}"`
  if (IDENTIFIER.test(key) && !/^[A-Za-z0-9/+]{20,}$/.test(key)) return `"${key}"`
  return 'a key'
}

/** Shortens a value for display in a message. */
export function quoteShort(value: string, max = 60): string {
  const oneLine = value.replace(/[\r\n]+/g, ' ')
  return `"${oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine}"`
}

export function sortDiagnostics(list: ConfigDiagnostic[]): ConfigDiagnostic[] {
  return list.sort((a, b) => a.line - b.line || (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1))
}
