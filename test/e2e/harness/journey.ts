// The set-up most login journeys share: the stand-in, a browser with the extension, and an options page
// ready for logins (vault with the demo key, a config imported), started before a describe block's tests and
// closed after them. Imported by test files directly: it registers vitest hooks, and the harness index is
// also loaded by the benchmarks, outside vitest.
import { afterAll, beforeAll } from 'vitest'
import { type FakeAws, type FakeAwsOptions, startFakeAws } from '../../fake-aws/index'
import type { ExtPage } from './ext-page'
import type { ExtensionBrowser } from './extension-browser'
import { type BrowserKind, launch } from './index'
import { readyForLogins } from './setup'

export interface Journey<B extends ExtensionBrowser = ExtensionBrowser> {
  aws: FakeAws
  browser: B
  options: ExtPage
}

/**
 * Registers beforeAll/afterAll for a journey in `kind` with `configText` imported; `ready` receives the
 * journey (assign it to the block's variables) and may go on setting up, e.g. cache an MFA session.
 */
export function loginJourney<B extends ExtensionBrowser = ExtensionBrowser>(
  kind: BrowserKind,
  configText: string,
  ready: (journey: Journey<B>) => void | Promise<void>,
  awsOptions: FakeAwsOptions = {},
): void {
  let aws: FakeAws | undefined
  let browser: ExtensionBrowser | undefined
  beforeAll(async () => {
    aws = await startFakeAws({ testApi: true, ...awsOptions })
    browser = await launch(kind, { aws })
    const options = await readyForLogins(browser, aws, configText)
    await ready({ aws, browser: browser as B, options })
  })
  afterAll(async () => {
    await browser?.close()
    await aws?.close()
  })
}
