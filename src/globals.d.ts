/** True only in the test flavour of the build (dist/test-*); read only by src/core/vault/kdf-policy.ts. */
declare const __ROLECALL_TEST_BUILD__: boolean
