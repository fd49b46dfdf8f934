// Issue 19, accessibility: keyboard and screen-reader users. In both browsers and both colour schemes, an
// axe-core audit (WCAG 2.x A/AA and axe's best practices, no rule left out) of the popup's unlock form, profile
// list and MFA prompt, of the options page with an import preview, and of the first screens (no vault yet; the
// options page locked) finds nothing; and a journey by keyboard alone — real key events through
// the protocol, no click, no focus() from the test — unlocks, filters, opens a profile with an MFA code, then a
// second one (answering Chromium's replace question), and imports a config, with the focused element visibly
// marked at every step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FakeAws } from '../fake-aws/index'
import { DEMO_AWS_CONFIG, DEMO_MFA_SERIAL, DEMO_PASSPHRASE } from '../fake-aws/demo-org'
import {
  BROWSERS,
  OPTIONS,
  POPUP,
  POPUP_SIZE,
  mustCall,
  poll,
  launch,
  type ExtPage,
  type ExtensionBrowser,
} from './harness'
import { loginJourney } from './harness/journey'
import { axeViolations, formatViolations } from './harness/axe'
import { consolePages } from './harness/console-pages'

const $ = (testId: string) => `[data-testid="${testId}"]`

/** What the keyboard journey types into the options page (short: every character is a key event): a profile added. */
const TYPED_CONFIG = `[profile identity]
region = eu-west-1

[profile keyboard]
source_profile = identity
role_arn = arn:aws:iam::222222222222:role/Developer
`

/** No axe violation on the page as it is, in the light and the dark colour scheme, switched while it runs. */
async function expectNoViolations(page: ExtPage, screen: string) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateColorScheme(scheme)
    const violations = await axeViolations(page)
    // Compared as text, so a failure reads as rule, impact, element and what to fix there.
    expect(formatViolations(violations), `axe on the ${screen} (${scheme})`).toBe('')
  }
  await page.emulateColorScheme('light')
}

interface Focused {
  testid: string | null
  tag: string
  name: string
  /** On screen: has a box, is not hidden, lies inside the viewport. */
  onScreen: boolean
  /** Its outline or box shadow differs from the same element's unfocused look. */
  marked: boolean
  /** The page has the focus (a background tab has not, and shows no focus ring). */
  pageFocused: boolean
}

/** The focused element, and whether a sighted keyboard user can see where the focus is. */
function focused(page: ExtPage): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null
    if (!el || el === document.body)
      return { testid: null, tag: 'body', name: '', onScreen: false, marked: false, pageFocused: document.hasFocus() }
    const look = (s: CSSStyleDeclaration) =>
      s.outlineStyle === 'none' || parseFloat(s.outlineWidth) === 0
        ? `none|${s.boxShadow}`
        : `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}|${s.boxShadow}`
    const style = getComputedStyle(el)
    const focusedLook = look(style)
    // The same element unfocused: a shallow copy beside it, without the attributes that would move the focus.
    const twin = el.cloneNode(false) as HTMLElement
    for (const attr of ['id', 'autofocus', 'data-testid']) twin.removeAttribute(attr)
    el.after(twin)
    const plainLook = look(getComputedStyle(twin))
    twin.remove()
    const box = el.getBoundingClientRect()
    return {
      testid: el.getAttribute('data-testid'),
      tag: el.tagName.toLowerCase(),
      name: (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 60),
      onScreen:
        box.width > 0 &&
        box.height > 0 &&
        style.visibility === 'visible' &&
        box.bottom > 0 &&
        box.right > 0 &&
        box.top < innerHeight &&
        box.left < innerWidth,
      marked: focusedLook !== plainLook,
      pageFocused: document.hasFocus(),
    }
  })
}

/** The focus is on `testid` (or, without one, anywhere but the page), visible and marked. */
async function expectFocusOn(page: ExtPage, testid?: string): Promise<Focused> {
  const now = await poll(
    async () => {
      const f = await focused(page)
      return (testid === undefined ? f.tag !== 'body' : f.testid === testid) && f
    },
    5_000,
    `the focus on ${testid ?? 'an element'} (it is on ${JSON.stringify(await focused(page))})`,
  )
  expect(now, `focus on ${testid ?? now.tag}`).toMatchObject({ onScreen: true, marked: true })
  return now
}

/** Tabs forward until `testid` has the focus, checking every element on the way is visibly focused. */
async function tabTo(page: ExtPage, testid: string, limit = 30) {
  for (let i = 0; i < limit; i++) {
    await page.press('Tab')
    const now = await expectFocusOn(page)
    if (now.testid === testid) return
  }
  throw new Error(`${testid} not reached in ${limit} Tab presses`)
}

function signedInConsole(browser: ExtensionBrowser, aws: FakeAws, account: string) {
  return poll(
    async () => (await consolePages(browser, aws)).find((p) => p.account === account && p.signedIn),
    15_000,
    `the console of ${account}`,
  )
}

for (const kind of BROWSERS) {
  describe(`accessibility in ${kind}`, () => {
    let aws: FakeAws
    let browser: ExtensionBrowser
    let options: ExtPage

    loginJourney(kind, DEMO_AWS_CONFIG, async (journey) => {
      ;({ aws, browser, options } = journey)
      await mustCall(options, 'vault.lock', {})
    })

    it('popup by keyboard alone: unlock, filter, open a profile with an MFA code; axe finds nothing', async () => {
      const popup = await browser.openPage(POPUP, POPUP_SIZE)
      await popup.waitFor($('unlock'))
      await expectNoViolations(popup, 'popup unlock form')
      await expectFocusOn(popup, 'unlock-passphrase')
      await popup.type(DEMO_PASSPHRASE)
      await popup.press('Enter')

      await popup.waitFor($('profile-list'))
      await popup.waitForFunction(() => document.querySelectorAll('[data-testid="profile-row"]').length === 6)
      await expectNoViolations(popup, 'popup profile list')
      await expectFocusOn(popup, 'profile-filter')
      await popup.type('dev')
      await popup.waitForFunction(
        () =>
          document.querySelector('[data-testid="profile-row"][aria-selected="true"]')?.getAttribute('data-profile') ===
          'dev',
      )
      // The selected row's copy and pin buttons are next in the tab order, and back again.
      await popup.press('Tab')
      expect((await expectFocusOn(popup, 'copy-url')).name).toMatch(/URL.*dev/)
      await popup.press('Tab')
      expect((await expectFocusOn(popup, 'copy-exports')).name).toMatch(/CLI.*dev/)
      await popup.press('Shift+Tab')
      await popup.press('Shift+Tab')
      await expectFocusOn(popup, 'profile-filter')
      await popup.press('Enter')

      await popup.waitFor($('mfa-prompt'))
      await expectFocusOn(popup, 'mfa-code')
      await expectNoViolations(popup, 'popup MFA prompt')
      await popup.type(await aws.unusedTotp(DEMO_MFA_SERIAL))
      expect((await signedInConsole(browser, aws, '222222222222')).roleName).toBe('Developer')
      // The prompt gone, the focus is back in the filter: select its text, type another profile, Enter. (Firefox
      // brings the new console tab to the front; the person comes back to the popup.)
      await popup.bringToFront()
      await expectFocusOn(popup, 'profile-filter')
      await popup.press('Control+A')
      await popup.type('staging')
      await popup.press('Enter')
      if (kind === 'chromium') {
        // One console identity per Chrome profile: the question takes the focus, Enter answers it.
        await popup.waitFor($('confirm-replace'))
        await expectFocusOn(popup, 'confirm-open')
        await expectNoViolations(popup, 'popup replace question')
        await popup.press('Enter')
      }
      expect((await signedInConsole(browser, aws, '333333333333')).roleName).toBe('Developer')
      await popup.bringToFront()
      await expectFocusOn(popup, 'profile-filter')
      await popup.close()
    })

    it('options by keyboard alone: type a config, preview it, import it; axe finds nothing', async () => {
      // Importing needs the unlocked vault (the popup's journey unlocked it; run alone, this does).
      if ((await mustCall(options, 'app.status', {})).vault !== 'unlocked')
        await mustCall(options, 'vault.unlock', { passphrase: DEMO_PASSPHRASE })
      const page = await browser.openPage(OPTIONS)
      await page.waitFor($('import-section'))
      await tabTo(page, 'config-text')
      await page.type(TYPED_CONFIG)
      await tabTo(page, 'config-preview-button', 3)
      await page.press('Enter')
      await page.waitFor($('preview-table'))
      await expectNoViolations(page, 'options page with an import preview')
      await expectFocusOn(page, 'config-preview-button')
      await tabTo(page, 'config-apply-button', 2)
      await page.press('Enter')
      await page.waitFor($('import-result'))
      await expectFocusOn(page, 'import-result')
      expect(await page.text($('import-result'))).toMatch(/Imported 2 profiles \(1 added, 0 changed, 5 removed\)/)
      const stored = await mustCall(page, 'config.profiles', {})
      expect(stored.profiles.map((p) => p.name)).toContain('keyboard')
      await page.close()
    })
  })
}

for (const kind of BROWSERS) {
  describe(`accessibility of the first screens in ${kind}`, () => {
    let browser: ExtensionBrowser
    beforeAll(async () => {
      browser = await launch(kind)
    })
    afterAll(() => browser?.close())

    it('setup screens with no vault, then the locked options page: axe finds nothing', async () => {
      const popup = await browser.openPage(POPUP, POPUP_SIZE)
      await popup.waitFor($('setup-prompt'))
      await expectNoViolations(popup, 'popup setup prompt')
      await popup.close()

      const options = await browser.openPage(OPTIONS)
      await options.waitFor($('create-vault'))
      await expectNoViolations(options, 'options page with no vault')
      await mustCall(options, 'vault.create', { passphrase: DEMO_PASSPHRASE })
      await mustCall(options, 'vault.lock', {})
      await options.goto(browser.baseUrl + OPTIONS)
      await options.waitForFunction(
        () => document.querySelector('[data-testid="options"]')?.getAttribute('data-state') === 'locked',
      )
      await expectNoViolations(options, 'options page, vault locked')
      await options.close()
    })
  })
}
