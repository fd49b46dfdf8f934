// The Issuer gate's rules, one at a time, with the in-memory browser: only a tracked tab of the named
// profile, carrying that profile's latest per-login value, in that profile's container (Firefox), while
// unlocked, may be signed in again. Every refusal says why in words a person can act on.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { TrackedSession } from '../../../src/background/console/tracked'

vi.mock('webextension-polyfill', async () => ({ default: (await import('../security/fake-browser')).fakeBrowser.api }))
const { fakeBrowser } = await import('../security/fake-browser')
const { isReportOfLastSignIn, issuerRefusal } = await import('../../../src/background/relogin/issuer-gate')
const { containerPolicy } = await import('../../../src/background/jars/container-policy')
const { sharedJarPolicy } = await import('../../../src/background/jars/shared-jar-policy')

const TOKEN = 'Zm9vYmFyYmF6cXV4cXV1eA'
const tracked: TrackedSession = { profile: 'prod', tabs: { 7: {} }, expiresAt: 0, signedInAt: 0, issuerToken: TOKEN }
const tab = { id: 7, url: 'https://rolecall.invalid/relogin?profile=prod', cookieStoreId: 'firefox-container-3' }
/** A visit judged as Chrome judges it (one cookie jar), unless a test passes Firefox's container policy. */
const visit = (over: Partial<Parameters<typeof issuerRefusal>[0]> = {}, jars = sharedJarPolicy) =>
  issuerRefusal({ link: { profile: 'prod', token: TOKEN }, tab, tracked, unlocked: true, ...over }, jars)

describe('the Issuer gate', () => {
  beforeEach(async () => {
    await fakeBrowser.api.storage.local.clear()
  })

  it('lets the tracked tab of the named profile with its current value through', async () => {
    expect(await visit()).toBeUndefined()
  })

  it('refuses a tab Rolecall does not track, or one that is gone', async () => {
    expect(await visit({ tracked: undefined })).toMatch(/not a console that Rolecall opened/)
    expect(await visit({ tab: undefined })).toMatch(/not a console that Rolecall opened/)
  })

  it("refuses another profile's tab", async () => {
    expect(await visit({ link: { profile: 'dev', token: TOKEN } })).toMatch(/holds the console of "prod"/)
  })

  it('refuses a missing, forged or stale value, and a session stored before values existed', async () => {
    for (const token of ['', 'forged', TOKEN.slice(1), `${TOKEN}x`])
      expect(await visit({ link: { profile: 'prod', token } })).toMatch(/out of date or was not made by Rolecall/)
    const { issuerToken: _none, ...old } = tracked
    expect(await visit({ tracked: old })).toMatch(/out of date/)
  })

  it('refuses while locked', async () => {
    expect(await visit({ unlocked: false })).toMatch(/Rolecall is locked/)
  })

  it("with containers, refuses a tab outside the profile's own container", async () => {
    expect(await visit({}, containerPolicy)).toMatch(/not in the container of "prod"/)
    await fakeBrowser.api.storage.local.set({ places: { prod: { cookieStoreId: 'firefox-container-3' } } })
    expect(await visit({}, containerPolicy)).toBeUndefined()
    expect(await visit({ tab: { ...tab, cookieStoreId: 'firefox-default' } }, containerPolicy)).toMatch(
      /not in the container/,
    )
  })
})

describe('a second report of the visit that signed the tab in', () => {
  const now = 1_000_000
  const signedIn = { ...tracked, issuerToken: 'new-value', replacedIssuerToken: TOKEN, signedInAt: now - 2_000 }

  it('is recognised moments after the sign-in it started', () => {
    expect(isReportOfLastSignIn(signedIn, { profile: 'prod', token: TOKEN }, now)).toBe(true)
  })

  it('is not, for another value, another profile, a minute later, or with no visit spent', () => {
    expect(isReportOfLastSignIn(signedIn, { profile: 'prod', token: 'other' }, now)).toBe(false)
    expect(isReportOfLastSignIn(signedIn, { profile: 'dev', token: TOKEN }, now)).toBe(false)
    expect(isReportOfLastSignIn(signedIn, { profile: 'prod', token: TOKEN }, now + 60_000)).toBe(false)
    const { replacedIssuerToken: _none, ...plain } = signedIn
    expect(isReportOfLastSignIn(plain, { profile: 'prod', token: TOKEN }, now)).toBe(false)
  })
})
