// The popup keeps the list it showed in the extension's localStorage and draws it first at the next open (see
// src/popup/cached-list.ts), in both browsers: the kept list holds the imported profiles' non-secret fields and
// no secret; a changed import shows through once the background answers, and a profile that is gone cannot be
// opened from a stale row (the click goes to the background, which refuses it); a lock drops the kept list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  BROWSERS,
  OPTIONS,
  POPUP,
  POPUP_SIZE,
  callBackground,
  createVaultWithDemoKey,
  launch,
  mustCall,
  poll,
  seedImport,
  type ExtPage,
  type ExtensionBrowser,
} from './harness'
import { dumpExtensionStorage, findSecrets } from './harness/secret-scan'
import { DEMO_PASSPHRASE, DEMO_SECRET_ACCESS_KEY } from '../fake-aws/demo-org'
import { CACHED_LIST_KEY } from '../../src/popup/cached-list'
import { FIRST_ROWS_MARK, LIVE_MARK } from '../../src/popup/first-rows-mark'

const config = (profiles: string[]) =>
  [
    '[profile identity]\nregion = us-east-1\n',
    ...profiles.map(
      (name, i) =>
        `[profile ${name}]\nsource_profile = identity\nrole_arn = arn:aws:iam::${222222222222 + i}:role/Developer\n`,
    ),
  ].join('\n')

const $ = (testId: string) => `[data-testid="${testId}"]`

/** The kept list as the popup stored it, read from another extension page (same origin, same localStorage). */
async function keptList(page: ExtPage): Promise<Array<Record<string, unknown>> | undefined> {
  const text = await page.evaluate((key) => localStorage.getItem(key), CACHED_LIST_KEY)
  return text === null ? undefined : (JSON.parse(text) as { profiles: Array<Record<string, unknown>> }).profiles
}

/** Opens the popup, waits for the background's answer, returns the names of the rows it shows then. */
async function openPopup(browser: ExtensionBrowser): Promise<{ popup: ExtPage; rows: string[] }> {
  const popup = await browser.openPage(POPUP, POPUP_SIZE)
  await popup.waitFor('main[data-state="unlocked"]', 20_000)
  await popup.waitFor($('profile-row'))
  const rows = await popup.evaluate(() =>
    [...document.querySelectorAll('[data-testid="profile-row"]')].map((r) => r.getAttribute('data-profile') ?? ''),
  )
  return { popup, rows }
}

for (const kind of BROWSERS) {
  describe(`popup kept list (${kind})`, () => {
    let browser: ExtensionBrowser
    let options: ExtPage

    beforeAll(async () => {
      browser = await launch(kind)
      options = await browser.openPage(OPTIONS)
      await createVaultWithDemoKey(options)
      if ((await mustCall(options, 'app.status', {})).vault !== 'unlocked')
        await mustCall(options, 'vault.unlock', { passphrase: DEMO_PASSPHRASE })
      await seedImport(options, config(['dev', 'gone']))
    })
    afterAll(() => browser?.close())

    it('keeps the shown list without secrets or session state, marks its first rows, and shows a changed import after the answer', async () => {
      expect(await keptList(options)).toBeUndefined()
      const first = await openPopup(browser)
      expect(first.rows.sort()).toEqual(['dev', 'gone', 'identity'])
      // The popup's own stamp of its first rows (the bench reads it in Firefox), after its time origin.
      const mark = await first.popup.evaluate(
        (name) => performance.getEntriesByName(name, 'mark')[0]?.startTime ?? -1,
        FIRST_ROWS_MARK,
      )
      expect(mark).toBeGreaterThan(0)
      const kept = await poll(() => keptList(options), 10_000, 'the popup to keep its list')
      await first.popup.close()
      expect(kept.map((p) => p.name).sort()).toEqual(['dev', 'gone', 'identity'])
      expect(kept.every((p) => p.session === 'none' && !('expiresAt' in p))).toBe(true)
      expect(kept.find((p) => p.name === 'dev')).toMatchObject({
        kind: 'role',
        accountId: '222222222222',
        roleName: 'Developer',
      })
      // Kept no longer than the vault stays unlocked without use (its auto-lock setting, from the background).
      const { autoLockMinutes } = await mustCall(options, 'vault.settings.get', {})
      const until = await options.evaluate(
        (key) => (JSON.parse(localStorage.getItem(key) ?? '{}') as { until?: number }).until ?? 0,
        CACHED_LIST_KEY,
      )
      expect(until - Date.now()).toBeGreaterThan((autoLockMinutes - 1.5) * 60_000)
      expect(until - Date.now()).toBeLessThanOrEqual(autoLockMinutes * 60_000)
      const dump = await dumpExtensionStorage(options)
      expect(dump.map((e) => e.where)).toContain(`localStorage › ${CACHED_LIST_KEY}`)
      expect(findSecrets(dump, [DEMO_PASSPHRASE, DEMO_SECRET_ACCESS_KEY])).toEqual([])

      // A new import: the next open may draw the kept (stale) rows first, then shows the new list.
      await seedImport(options, config(['dev', 'fresh']))
      const second = await openPopup(browser)
      expect(second.rows.sort()).toEqual(['dev', 'fresh', 'identity'])
      // The kept rows were drawn in plain DOM (src/popup/first-frame.ts) a frame or more before Svelte's list, which
      // then took their place: one list on the page.
      const [rowsAt, liveAt] = await second.popup.evaluate(
        (names) => names.map((name) => performance.getEntriesByName(name, 'mark')[0]?.startTime ?? -1),
        [FIRST_ROWS_MARK, LIVE_MARK],
      )
      expect(rowsAt).toBeGreaterThan(0)
      expect(liveAt).toBeGreaterThan(rowsAt!)
      expect(await second.popup.count('main')).toBe(1)
      await poll(
        async () => (await keptList(options))?.some((p) => p.name === 'fresh'),
        10_000,
        'the new list to be kept',
      )
      await second.popup.close()
      // What a click on the stale "gone" row sends: the background refuses it with a clear message.
      const reply = await callBackground(options, 'login.open', { profile: 'gone', newTab: true })
      expect(reply).toMatchObject({
        ok: false,
        error: { code: 'not-found', message: expect.stringMatching(/no profile "gone"/) },
      })
    })

    it('a lock made elsewhere shows the unlock form and drops the kept list', async () => {
      expect(await keptList(options)).toBeDefined()
      await mustCall(options, 'vault.lock', {})
      const popup = await browser.openPage(POPUP, POPUP_SIZE)
      await popup.waitFor($('unlock-passphrase'), 20_000)
      expect(await popup.count($('profile-row'))).toBe(0)
      await poll(
        async () => (await keptList(options)) === undefined || undefined,
        10_000,
        'the kept list to be dropped',
      )
      // Unlocking from the popup shows the list again and keeps it again.
      await popup.fill($('unlock-passphrase'), DEMO_PASSPHRASE)
      await popup.press('Enter')
      await popup.waitFor('main[data-state="unlocked"]', 20_000)
      await poll(() => keptList(options), 10_000, 'the list to be kept again')
      await popup.close()
    })
  })
}
