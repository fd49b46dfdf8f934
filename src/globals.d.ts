/** True only in the test flavour of the build (dist/test-*): enables test-only knobs. */
declare const __ROLECALL_TEST_BUILD__: boolean
