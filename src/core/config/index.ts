// The config module's public API (issue 4), exactly: outside conformance checks import this file.
// Helpers for the rest of the app live beside it (classify.ts, account.ts, preview.ts, diff.ts,
// credentials-file.ts) and are imported from their own files.
export { parseAwsConfig } from './parse'
export { resolveProfile } from './resolve'
export type { ParsedConfig, ResolvedProfile } from './types'
