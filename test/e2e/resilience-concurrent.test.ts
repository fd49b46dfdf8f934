// Issue 10: logins started at once. With a cached MFA session, five login.open messages sent together from one
// page: in Firefox, five profiles open five console tabs in five distinct containers, one per profile, each
// console showing its profile's account; five opens of one new profile make one container for it. In Chromium
// (one cookie jar: different profiles replace one another's identity by design), five opens of one profile
// with newTab end with one tab group holding five tabs, all tracked, and no error.
import { describe, expect, it } from 'vitest'
import type { FakeAws } from '../fake-aws/index'
import { DEMO_AWS_CONFIG, DEMO_MFA_SERIAL, DEMO_PROFILES } from '../fake-aws/demo-org'
import { BROWSERS, cacheMfaSession, callBackground, mustCall, type ExtPage } from './harness'
import { loginJourney } from './harness/journey'

// One more profile, opened for the first time by five clicks at once.
const CONFIG = `${DEMO_AWS_CONFIG}
[profile fresh]
source_profile = identity
role_arn = ${DEMO_PROFILES.staging.roleArn}
mfa_serial = ${DEMO_MFA_SERIAL}
region = eu-west-1
`
const FIVE = ['dev', 'staging', 'prod', 'security', 'data'] as const

type Api = {
  tabs: {
    query(q: object): Promise<Array<{ id?: number; url?: string; cookieStoreId?: string; groupId?: number }>>
    get(id: number): Promise<{
      id?: number
      url?: string
      title?: string
      cookieStoreId?: string
      groupId?: number
      status?: string
    }>
    remove(ids: number[]): Promise<void>
  }
  contextualIdentities: { query(q: object): Promise<Array<{ cookieStoreId: string; name: string }>> }
  tabGroups: { query(q: object): Promise<Array<{ id: number; title?: string }>> }
}

/** A console page on AWS's console hosts (the stand-in serves them): https://<region>.console.aws.amazon.com/… */
const CONSOLE_URL = /^https:\/\/([a-z0-9-]+\.)*console\.aws\.amazon\.com\//

/**
 * Every console tab or tab tracked by a session, once each tracked one shows a console, with its container or
 * group and the account its console shows (the stand-in's console title ends with it; the extension sees tab
 * titles through its tabs permission). A tab Firefox has just opened may still say about:blank.
 */
async function consoleTabs(page: ExtPage) {
  const origin = CONSOLE_URL.source
  const tracked = (await mustCall(page, 'sessions.list', {})).sessions.flatMap((s) => s.tabIds)
  return page.evaluate(
    async ({ origin, tracked }) => {
      const g = globalThis as unknown as { browser?: Api; chrome?: Api }
      const api = (g.browser ?? g.chrome)!
      const isConsole = new RegExp(origin)
      const out: Array<{ id: number; cookieStoreId?: string; groupId?: number; account?: string; url: string }> = []
      const ids = new Set([
        ...tracked,
        ...(await api.tabs.query({})).filter((t) => t.url && isConsole.test(t.url)).map((t) => t.id!),
      ])
      for (const id of ids) {
        let account: string | undefined
        for (let i = 0; i < 100 && !account; i++) {
          const t = await api.tabs.get(id)
          if (t.status === 'complete' && t.url && isConsole.test(t.url))
            account = /AWS Console \(stand-in\) — .* — (\d{12})$/.exec(t.title ?? '')?.[1]
          if (!account) await new Promise((r) => setTimeout(r, 100))
        }
        const t = await api.tabs.get(id)
        out.push({
          id,
          url: t.url ?? '',
          ...(t.cookieStoreId ? { cookieStoreId: t.cookieStoreId } : {}),
          ...(t.groupId !== undefined && t.groupId >= 0 ? { groupId: t.groupId } : {}),
          ...(account ? { account } : {}),
        })
      }
      return out
    },
    { origin, tracked },
  )
}

/** Closes every console tab and every tab a session tracks (a new tab may not show its URL yet). */
async function closeConsoleTabs(page: ExtPage) {
  const origin = CONSOLE_URL.source
  const tracked = (await mustCall(page, 'sessions.list', {})).sessions.flatMap((s) => s.tabIds)
  await page.evaluate(
    async ({ origin, tracked }) => {
      const g = globalThis as unknown as { browser?: Api; chrome?: Api }
      const api = (g.browser ?? g.chrome)!
      const ids = (await api.tabs.query({}))
        .filter((t) => (t.url && new RegExp(origin).test(t.url)) || tracked.includes(t.id!))
        .map((t) => t.id!)
      if (ids.length) await api.tabs.remove(ids)
    },
    { origin, tracked },
  )
}

/** Sends every open at once from the page (one Promise.all inside it) and returns the replies. */
async function openAtOnce(page: ExtPage, opens: Array<{ profile: string; newTab: boolean }>) {
  const replies = await Promise.all(opens.map((o) => callBackground(page, 'login.open', { ...o, replace: false })))
  for (const [i, reply] of replies.entries()) {
    if (!reply.ok) throw new Error(`login.open ${opens[i]!.profile} failed: ${reply.error.message}`)
  }
  return replies.map((r) => (r.ok ? r.value : undefined)!)
}

async function trackedTabs(page: ExtPage, profile: string): Promise<number[]> {
  return (await mustCall(page, 'sessions.list', {})).sessions.find((s) => s.profile === profile)?.tabIds ?? []
}

for (const kind of BROWSERS) {
  describe(`logins started at once in ${kind}`, () => {
    let aws: FakeAws
    let options: ExtPage

    loginJourney(kind, CONFIG, async (journey) => {
      ;({ aws, options } = journey)
      // A cached MFA session: one login with a code, then its tab is closed.
      expect((await cacheMfaSession(options, aws))?.status).toBe('opened')
      await closeConsoleTabs(options)
    })

    if (kind === 'firefox') {
      it('five profiles at once: five console tabs in five distinct containers, each showing its account', async () => {
        aws.resetCounts()
        const outcomes = await openAtOnce(
          options,
          FIVE.map((profile) => ({ profile, newTab: false })),
        )
        expect(outcomes.map((o) => o.status)).toEqual(FIVE.map(() => 'opened'))
        // The MFA session served all five: no code, no GetSessionToken; the chained profile made two AssumeRoles.
        expect(aws.counts()).toMatchObject({ GetSessionToken: 0, AssumeRole: 6, getSigninToken: 5 })

        const tabs = await consoleTabs(options)
        expect(tabs).toHaveLength(5)
        const containers = await options.evaluate(async () =>
          (await (globalThis as unknown as { browser: Api }).browser.contextualIdentities.query({})).map((c) => ({
            id: c.cookieStoreId,
            name: c.name,
          })),
        )
        const containerOf = (profile: string) => containers.filter((c) => c.name.split(' (')[0] === profile)
        for (const profile of FIVE) {
          // One container per profile, no duplicates; the profile's one tracked tab lives in it and shows its account.
          expect(containerOf(profile), profile).toHaveLength(1)
          const tracked = await trackedTabs(options, profile)
          expect(tracked, profile).toHaveLength(1)
          const tab = tabs.find((t) => t.id === tracked[0])
          expect(tab, profile).toMatchObject({
            cookieStoreId: containerOf(profile)[0]!.id,
            account: DEMO_PROFILES[profile].account,
          })
        }
        expect(new Set(tabs.map((t) => t.cookieStoreId)).size).toBe(5)
        await closeConsoleTabs(options)
      })

      it('five opens of one new profile at once: one container for it', async () => {
        const outcomes = await openAtOnce(
          options,
          FIVE.map(() => ({ profile: 'fresh', newTab: false })),
        )
        // The first opens the console; the others find its tab and focus it.
        expect(outcomes.map((o) => o.status).sort()).toEqual(['focused', 'focused', 'focused', 'focused', 'opened'])
        const containers = await options.evaluate(async () =>
          (await (globalThis as unknown as { browser: Api }).browser.contextualIdentities.query({})).map((c) => ({
            id: c.cookieStoreId,
            name: c.name,
          })),
        )
        const fresh = containers.filter((c) => c.name.split(' (')[0] === 'fresh')
        expect(fresh).toHaveLength(1)
        const tabs = await consoleTabs(options)
        expect(tabs).toHaveLength(1)
        for (const tab of tabs)
          expect(tab).toMatchObject({ cookieStoreId: fresh[0]!.id, account: DEMO_PROFILES.staging.account })
        // Every console tab opened is tracked (none left that a refresh would miss).
        expect((await trackedTabs(options, 'fresh')).sort()).toEqual(tabs.map((t) => t.id).sort())
      })
    } else {
      it('five opens of one profile with newTab at once: one tab group with five tabs, all tracked, no error', async () => {
        aws.resetCounts()
        const outcomes = await openAtOnce(
          options,
          FIVE.map(() => ({ profile: 'staging', newTab: true })),
        )
        expect(outcomes.map((o) => o.status)).toEqual(FIVE.map(() => 'opened'))
        expect(aws.counts()).toMatchObject({ GetSessionToken: 0 })
        const tabs = await consoleTabs(options)
        expect(tabs).toHaveLength(5)
        for (const tab of tabs) expect(tab.account).toBe(DEMO_PROFILES.staging.account)
        const groups = await options.evaluate(async () =>
          (await (globalThis as unknown as { chrome: Api }).chrome.tabGroups.query({})).map((g) => ({
            id: g.id,
            title: g.title ?? '',
          })),
        )
        const staging = groups.filter((g) => g.title.split(' (')[0] === 'staging')
        expect(staging).toHaveLength(1)
        expect(tabs.every((t) => t.groupId === staging[0]!.id)).toBe(true)
        expect((await trackedTabs(options, 'staging')).sort()).toEqual(tabs.map((t) => t.id).sort())
      })
    }
  })
}
