/**
 * Defined (true) in every vite build, undefined in Node's unit tests: kdf-policy.ts, its only reader, refuses the
 * unit tests' low PBKDF2 count in a built extension.
 */
declare const __ROLECALL_BUILT__: boolean
