// ssoConfigOf: a profile's IAM Identity Center (SSO) settings as botocore's SSO credential provider reads them
// (credentials.SSOProvider._load_sso_config, docs/aws-protocol.md §7.1). Read from botocore's own tables
// (parseAwsConfig's profiles and ssoSessions, [DEFAULT] keys included), so it agrees with botocore by
// construction on everything the parser already agrees on.
import type { ConfigDiagnostic } from '../diagnostics'
import { profileValues } from '../ini/profile-map'
import type { IniValue } from '../ini/raw-ini'
import type { ParsedConfig } from '../types'

/** botocore's dict for a profile its SSO provider serves: the four keys, and sso_session when one is named. */
export interface SsoConfig {
  sso_role_name: IniValue
  sso_account_id: IniValue
  sso_start_url: IniValue
  sso_region: IniValue
  sso_session?: IniValue
}

/** The keys that say "this profile signs in through Identity Center": either one is enough. */
const PROFILE_KEYS = ['sso_role_name', 'sso_account_id'] as const
/** Every key the provider needs, in botocore's order (its "missing" message lists them in this order). */
const REQUIRED_KEYS = [...PROFILE_KEYS, 'sso_start_url', 'sso_region'] as const

/**
 * `null` where botocore's SSO provider does not apply to the profile (no sso_role_name or sso_account_id,
 * or no such profile); otherwise botocore's settings. Throws an Error with botocore's message where botocore
 * refuses: the file does not parse, the named sso-session does not exist, a value differs between profile
 * and sso-session, or a required key is missing.
 */
export function ssoConfigOf(config: ParsedConfig, profileName: string): SsoConfig | null {
  const parseError = parseErrorOf(config)
  if (parseError) {
    // botocore reads the whole file before any profile, so one bad line refuses every profile.
    throw new Error(`Unable to parse config file: line ${parseError.line}: ${parseError.message}`)
  }
  const profile = profileValues(config, profileName) ?? {}
  if (PROFILE_KEYS.every((key) => !Object.hasOwn(profile, key))) return null
  const { settings, extra } = withSsoSession(profile, config)
  const missing = [...REQUIRED_KEYS, ...extra].filter((key) => !Object.hasOwn(settings, key))
  if (missing.length > 0) {
    throw new Error(
      `The profile "${profileName}" is configured to use SSO but is missing required configuration: ${missing.join(', ')}`,
    )
  }
  const result: Record<string, IniValue> = {}
  for (const key of [...REQUIRED_KEYS, ...extra]) result[key] = settings[key] as IniValue
  return result as unknown as SsoConfig
}

/** One scan of the parse's diagnostics per config: a preview asks for each of thousands of SSO profiles. */
const parseErrors = new WeakMap<ParsedConfig, ConfigDiagnostic | null>()

/** The file's first parse error (botocore refuses the whole file for it), or null. */
export function parseErrorOf(config: ParsedConfig): ConfigDiagnostic | null {
  let found = parseErrors.get(config)
  if (found === undefined) {
    found = config.diagnostics.find((d) => d.severity === 'error') ?? null
    parseErrors.set(config, found)
  }
  return found
}

/**
 * The profile's keys with its sso-session's laid over them (botocore's _resolve_sso_session_reference):
 * every key of the session, not only the SSO ones, and a key set in both must agree.
 */
function withSsoSession(
  profile: Record<string, IniValue>,
  config: ParsedConfig,
): { settings: Record<string, IniValue>; extra: 'sso_session'[] } {
  if (!Object.hasOwn(profile, 'sso_session')) return { settings: profile, extra: [] }
  const name = profile.sso_session as IniValue
  if (typeof name !== 'string') {
    // Python cannot look a dict up in a dict (TypeError): botocore fails; say what is wrong instead.
    throw new Error('The value of sso_session must be the name of an [sso-session] section, not a sub-section.')
  }
  const session = ownEntry(config.ssoSessions, name)
  if (!session) throw new Error(`The specified sso-session does not exist: "${name}"`)
  const settings = { ...profile }
  for (const [key, value] of Object.entries(session)) {
    if (Object.hasOwn(settings, key) && !sameValue(settings[key] as IniValue, value)) {
      throw new Error(
        `The value for ${key} is inconsistent between profile (${pyStr(settings[key] as IniValue)}) and sso-session (${pyStr(value)}).`,
      )
    }
    settings[key] = value
  }
  return { settings, extra: ['sso_session'] }
}

/** A table's own entry: a profile named "constructor" or "__proto__" is data, not Object.prototype. */
function ownEntry<T>(table: Record<string, T>, name: string): T | undefined {
  return Object.hasOwn(table, name) ? table[name] : undefined
}

/** Python's == on a config value: strings by text, sub-sections as dicts (order does not matter). */
function sameValue(a: IniValue, b: IniValue): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && a[key] === b[key])
}

/** Python's str() of a config value, as botocore's message prints it: a sub-section shows as a dict's repr. */
function pyStr(value: IniValue): string {
  if (typeof value === 'string') return value
  return `{${Object.entries(value)
    .map(([key, text]) => `${pyRepr(key)}: ${pyRepr(text)}`)
    .join(', ')}}`
}

/** Python's repr() of a str: single quotes unless the text has a single quote and no double one. */
function pyRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'"
  const escaped = text
    .replaceAll('\\', '\\\\')
    .replaceAll(quote, `\\${quote}`)
    .replaceAll('\t', '\\t')
    .replaceAll('\n', '\\n')
    .replaceAll('\r', '\\r')
  return `${quote}${escaped}${quote}`
}
