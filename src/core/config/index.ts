// The config module's public API (issue 4), exactly: outside conformance checks import this file.
// Helpers for the rest of the app live beside it (classify.ts, account.ts, preview.ts, diff.ts,
// credentials-file.ts) and are imported from their own files.
// parseAwsConfig's result is read by resolveProfile as it was returned (`profiles` is the parse's own table of
// profiles, and a profile's object its section's own keys): a caller that wants to change one changes a copy.
export { parseAwsConfig } from './parse'
// resolveProfile returns a new object each call; its `source` chain is shared between calls and frozen (a large
// config has thousands of role profiles on a few sources), so a caller that wants to change one copies it.
export { resolveProfile } from './resolve'
export type { ParsedConfig, ResolvedProfile } from './types'
