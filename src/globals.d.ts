/**
 * Defined (always false) in every vite build, undefined in Node's unit tests: kdf-policy.ts, its only reader, refuses
 * the unit tests' low PBKDF2 count in a built extension. The name is from when a test flavour of the build existed.
 */
declare const __ROLECALL_TEST_BUILD__: boolean
