// The config module's public API (issue 4), exactly: outside conformance checks import this file. The rest of
// the app imports the import side (import/preview.ts, classify.ts, diff.ts, ...) from its own files.
// parseAwsConfig's result is botocore's data, to be read, not changed; resolveProfile returns a new object
// each call, whose `source` chain is shared between calls and frozen.
export { parseAwsConfig } from './ini/profile-map'
export { resolveProfile } from './resolve/resolve'
export { ssoConfigOf } from './resolve/sso-config'
export type { ParsedConfig, ResolvedProfile } from './types'
export type { SsoConfig } from './resolve/sso-config'
