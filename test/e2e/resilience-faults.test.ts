// Issue 10: the stand-in fails the way AWS and networks do — HTTP 500, no answer at all, a reply cut off mid-XML,
// a reset connection — and each login says what failed and what to do (the sentences of
// src/core/aws/error-messages.ts), in both browsers through messages and in Firefox through the popup, where
// the busy state ("Signing in…") clears; once the fault is gone, the same login works.
import { describe, expect, it } from 'vitest'
import { type FakeAws, type FaultKind, type FaultSpec } from '../fake-aws/index'
import { DEMO_AWS_CONFIG, DEMO_MFA_SERIAL } from '../fake-aws/demo-org'
import {
  BROWSERS,
  POPUP,
  POPUP_SIZE,
  cacheMfaSession,
  callBackground,
  mustCall,
  poll,
  type ExtPage,
  type ExtensionBrowser,
} from './harness'
import { loginJourney } from './harness/journey'
import { consolePages } from './harness/console-pages'

/** Each demo profile's region: where its STS calls go (sts.<region>.amazonaws.com). */
const REGION_OF: Record<string, string> = {
  dev: 'eu-west-1',
  staging: 'eu-central-1',
  prod: 'us-east-1',
  security: 'eu-west-1',
}

/** What the user reads for each fault (error-messages.ts), with the AWS host the call went to. */
function expected(action: FaultSpec['action'], kind: FaultKind, profile = 'dev'): { code: string; message: string } {
  const host = action === 'getSigninToken' ? 'signin.aws.amazon.com' : `sts.${REGION_OF[profile]}.amazonaws.com`
  const what = action === 'getSigninToken' ? 'the AWS sign-in service' : 'AWS STS'
  const What = what.charAt(0).toUpperCase() + what.slice(1)
  switch (kind) {
    case '500':
      return {
        code: 'aws',
        message: `${What} had an internal error (HTTP 500). The problem is on AWS's side; try again in a moment.`,
      }
    case 'truncated':
      return {
        code: 'aws',
        message: `${What} at ${host} sent an answer Rolecall could not read (cut off, or not what AWS sends). Try again; if you set a custom endpoint, check it.`,
      }
    case 'reset':
      return {
        code: 'network',
        message: `Could not reach ${what} at ${host}: the network seems to be down, or a firewall or proxy blocks it. Check the connection and try again.`,
      }
    case 'timeout':
      return {
        code: 'network',
        message: `${What} at ${host} did not answer within 10 seconds. Check the connection and try again.`,
      }
    case 'hold':
      throw new Error('not a failure')
  }
}

const FAULTS: Array<{ action: FaultSpec['action']; kind: FaultKind }> = [
  { action: 'AssumeRole', kind: '500' },
  { action: 'AssumeRole', kind: 'truncated' },
  { action: 'AssumeRole', kind: 'reset' },
  { action: 'getSigninToken', kind: '500' },
  { action: 'getSigninToken', kind: 'truncated' },
]

async function openProfileInPopup(popup: ExtPage, filter: string) {
  await popup.fill('[data-testid="profile-filter"]', filter)
  await popup.waitForFunction(() => document.querySelectorAll('[data-testid="profile-row"]').length > 0)
  await popup.press('Enter')
}

for (const kind of BROWSERS) {
  describe(`the stand-in failing, in ${kind}`, () => {
    let aws: FakeAws
    let browser: ExtensionBrowser
    let options: ExtPage

    loginJourney(kind, DEMO_AWS_CONFIG, async (journey) => {
      ;({ aws, browser, options } = journey)
      // A cached MFA session, so the logins below make AssumeRole + getSigninToken only.
      await cacheMfaSession(options, aws)
    })

    const faults =
      kind === 'chromium' ? [...FAULTS, { action: 'AssumeRole' as const, kind: 'timeout' as const }] : FAULTS
    for (const { action, kind: fault } of faults) {
      it(`${action} ${fault}: login.open says what failed and what to do; the retry opens the console`, async () => {
        // Every attempt fails (the SDK retries a call without a code once).
        const injected = aws.injectFault({ action, kind: fault, times: Infinity })
        const reply = await callBackground(options, 'login.open', { profile: 'dev', newTab: true, replace: true })
        expect(injected.hits).toBeGreaterThanOrEqual(1)
        expect(reply).toEqual({
          ok: false,
          error: { ...expected(action, fault), detail: expect.objectContaining({ retryable: true }) },
        })
        injected.remove()
        const retry = await mustCall(options, 'login.open', { profile: 'dev', newTab: true, replace: true })
        expect(retry.status).toBe('opened')
        expect((await mustCall(options, 'login.pending', {})).prompts).toEqual([])
      })
    }

    if (kind === 'firefox') {
      it('popup: GetSessionToken not answering shows "Signing in…", then the message, and clears; the retry works', async () => {
        await mustCall(options, 'sessions.forget', {})
        const popup = await browser.openPage(POPUP, POPUP_SIZE)
        await openProfileInPopup(popup, 'staging')
        await popup.waitFor('[data-testid="mfa-prompt"]')
        const injected = aws.injectFault({ action: 'GetSessionToken', kind: 'timeout' })
        const code = await aws.unusedTotp(DEMO_MFA_SERIAL)
        await popup.fill('[data-testid="mfa-code"]', code)
        await injected.hit()
        expect(await popup.text('[data-testid="mfa-prompt"]')).toContain('Signing in…')
        await popup.waitFor('[data-testid="login-message"]', 20_000)
        expect(await popup.text('[data-testid="login-message"]')).toBe(
          expected('GetSessionToken', 'timeout', 'staging').message,
        )
        expect(await popup.evaluate(() => document.body.textContent?.includes('Signing in…'))).toBe(false)
        await popup.screenshot('resilience-popup-timeout')

        // The code never reached AWS: the same one works on the retry.
        await openProfileInPopup(popup, 'staging')
        await popup.waitFor('[data-testid="mfa-prompt"]')
        await popup.fill('[data-testid="mfa-code"]', code)
        await poll(
          async () => (await consolePages(browser, aws)).find((p) => p.account === '333333333333' && p.signedIn),
          15_000,
          'the staging console',
        )
        await popup.close()
      })

      // A profile not open yet for each, so the popup signs in rather than focusing its tab.
      for (const [fault, profile] of [
        ['500', 'prod'],
        ['truncated', 'security'],
      ] as const) {
        it(`popup: AssumeRole ${fault} shows what failed and what to do, nothing stays busy; the retry works`, async () => {
          const popup = await browser.openPage(POPUP, POPUP_SIZE)
          const injected = aws.injectFault({ action: 'AssumeRole', kind: fault, times: Infinity })
          await openProfileInPopup(popup, profile)
          await popup.waitFor('[data-testid="login-message"]')
          expect(await popup.text('[data-testid="login-message"]')).toBe(expected('AssumeRole', fault, profile).message)
          expect(await popup.count('[data-testid="mfa-prompt"]')).toBe(0)
          await popup.screenshot(`resilience-popup-${fault}`)
          injected.remove()
          await openProfileInPopup(popup, profile)
          await popup.waitForFunction(
            () => document.querySelector('[data-testid="login-message"]')?.textContent?.startsWith('Opened ') ?? false,
          )
          expect(await popup.text('[data-testid="login-message"]')).toBe(`Opened ${profile}.`)
          await popup.close()
        })
      }
    }
  })
}
