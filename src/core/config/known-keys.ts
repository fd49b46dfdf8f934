// Key names the parser recognises in place. A large config repeats the same few keys tens of thousands of
// times; matching them against the text returns one shared (interned) string instead of slicing and
// lower-casing a fresh copy per line, which is most of what a parse would otherwise keep alive for the
// garbage collector, and makes later lookups by key name (sets, maps, object properties) cheaper.
import { isSecretKey } from './diagnostics'
import { RESOLUTION_KEYS, fieldOf } from './resolution-keys'

/** The known key names; KNOWN_FIELDS[i] is KNOWN_KEYS[i]'s resolution-keys.ts field number. */
export const KNOWN_KEYS: readonly string[] = [
  ...RESOLUTION_KEYS,
  'output',
  'color',
  'aws_access_key_id',
  'aws_secret_access_key',
  'aws_session_token',
  'aws_security_token',
  'credential_source',
  'sso_registration_scopes',
  'parent_profile',
  'services',
  'endpoint_url',
  'cli_pager',
  'aws_account_id',
  's3',
  'ca_bundle',
  'max_attempts',
  'retry_mode',
  'cli_timestamp_format',
]

export const KNOWN_FIELDS: readonly number[] = KNOWN_KEYS.map(fieldOf)

/**
 * Keys that always get a look from parse-warnings.ts (and redaction) whatever their value: secrets in the
 * config, the retired parent_profile. The scan marks their lines, so the warnings pass reads only marked keys.
 */
export function alwaysLookedAt(key: string): boolean {
  return isSecretKey(key) || key === 'parent_profile'
}

/** alwaysLookedAt of each known key, by KNOWN_KEYS index (the scan matches most key names in place). */
export const KNOWN_LOOKED_AT: readonly boolean[] = KNOWN_KEYS.map(alwaysLookedAt)

/**
 * Indexes into KNOWN_KEYS by length and first character (an array, not a Map: this runs for every key
 * line), so a line is compared with two candidates at most. Known keys are shorter than 64 characters.
 */
const BY_SHAPE: (number[] | undefined)[] = new Array<number[] | undefined>(64 * 128).fill(undefined)
const shapeOf = (length: number, first: number): number => length * 128 + first
KNOWN_KEYS.forEach((key, index) => {
  const shape = shapeOf(key.length, key.charCodeAt(0))
  BY_SHAPE[shape] = [...(BY_SHAPE[shape] ?? []), index]
})

/**
 * The index in KNOWN_KEYS of the key spelled exactly by text[start, end), or -1. All known keys are
 * lower-case ASCII, so an exact match is already what configparser's lower-casing would give.
 */
export function knownKeyAt(text: string, start: number, end: number): number {
  const length = end - start
  const first = text.charCodeAt(start)
  if (length >= 64 || first >= 128) return -1
  const candidates = BY_SHAPE[shapeOf(length, first)]
  if (candidates === undefined) return -1
  for (const index of candidates) if (text.startsWith(KNOWN_KEYS[index] as string, start)) return index
  return -1
}
