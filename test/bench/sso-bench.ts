// Identity Center figures (issue 18), against the stand-in's Identity Center on AWS's host names:
//
// SSO open with a live token: the demo's sso-staging-readonly opened by the protocol message the popup sends
// (login.open, newTab), from the message to the moment the console tab's navigation to …/federation?Action=login
// reaches the stand-in (both Date.now(), ms). The first open signs in once (PKCE, the stand-in approving at
// once) and is not timed. Calls per open: every STS, federation and Identity Center request the stand-in
// counted (the login navigation itself not counted); the target is exactly 2 (GetRoleCredentials,
// getSigninToken). The timed opens reopen one profile in a new tab, as the login bench does, so Chrome's one
// cookie jar needs no logout hop (a navigation the stand-in counts too).
//
// 3,000 discovered roles: the stand-in's instance gets 1,000 accounts × 3 permission sets; "Refresh accounts"
// (sso.discover) lists them (ListAccounts, 1,000 ListAccountRoles), timed from the message to its answer; then
// the popup opens with those 3,000 roles beside the demo config, timed as the popup bench times an open.
import { DEMO_SSO_CONFIG, DEMO_SSO_REGION, DEMO_SSO_START_URL } from '../fake-aws/demo-org'
import { mustCall, seedImport, type ExtensionBrowser, type ExtPage } from '../e2e/harness'
import { closeConsoleTabs, isLogin } from './login-bench'
import { forgetKeptList, toolbarOpenRow } from './popup-bench'
import type { TimedStandIn } from './timed-stand-in'
import type { BenchRow } from './table'

const RUNS = 7
const instance = { startUrl: DEMO_SSO_START_URL, region: DEMO_SSO_REGION }

/** `replace`: sign the browser's other console identity out first (Chrome's one jar), a navigation hop. */
async function openSso(control: ExtPage, aws: TimedStandIn, profile: string, replace = false) {
  aws.resetCounts()
  const started = Date.now()
  const outcome = await mustCall(control, 'login.open', { profile, newTab: true, replace })
  const login = await aws.waitForRequest(isLogin, started)
  const sts = Object.entries(aws.counts())
    .filter(([action]) => action !== 'login')
    .reduce((sum, [, n]) => sum + n, 0)
  await closeConsoleTabs(control)
  return { status: outcome.status, ms: login.arrivedAt - started, calls: sts + aws.sso.calls() }
}

export async function benchSso(
  browser: ExtensionBrowser,
  control: ExtPage,
  aws: TimedStandIn,
): Promise<{ rows: BenchRow[]; notes: string[] }> {
  await seedImport(control, DEMO_SSO_CONFIG)
  aws.sso.setAutoApprove(true)
  const first = await openSso(control, aws, 'sso-dev-admin', true)
  if (first.status !== 'needs-sso') throw new Error(`the first SSO open said ${first.status}, not needs-sso`)
  const runs: Awaited<ReturnType<typeof openSso>>[] = []
  for (let i = 0; i <= RUNS; i++) {
    // The warm-up replaces the first profile's identity; the timed opens reopen this one, as the login bench does.
    const run = await openSso(control, aws, 'sso-staging-readonly', i === 0)
    if (run.status !== 'opened') throw new Error(`an SSO open with a live token said ${run.status}`)
    if (i > 0) runs.push(run)
  }

  aws.sso.setGeneratedAccounts(1000, 3)
  const listStarted = performance.now()
  const listed = await mustCall(control, 'sso.discover', instance)
  const listMs = performance.now() - listStarted
  if (listed.roles !== 3000) throw new Error(`listed ${listed.roles} roles, not 3,000`)
  await forgetKeptList(control)
  const popup = await toolbarOpenRow(
    browser,
    control,
    `sso ${browser.name}: popup toolbar click → list drawn (3,000 discovered roles)`,
  )
  const discovered = await openSso(control, aws, 'generated-0001/ReadOnlyAccess', true).catch(() => undefined)
  return {
    rows: [
      {
        figure: `sso ${browser.name}: open with a live token to console navigation`,
        unit: 'ms',
        samples: runs.map((r) => r.ms),
      },
      {
        figure: `sso ${browser.name}: network calls per SSO open (live token)`,
        unit: 'calls',
        samples: runs.map((r) => r.calls),
        target: '2',
      },
      {
        figure: `sso ${browser.name}: list 1,000 accounts × 3 roles (Refresh accounts)`,
        unit: 'ms',
        samples: [listMs],
      },
      popup,
    ],
    notes: discovered
      ? [`${browser.name}: opening a discovered role made ${discovered.calls} calls (${discovered.status}).`]
      : [],
  }
}
