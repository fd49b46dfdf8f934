// Login figures (issue 7): one click to a console with a cached MFA session, against the local AWS stand-in.
//
// What is measured: the popup's filter shows the demo profile "dev" (a role behind MFA, whose MFA session is
// already cached: the bench logs in with a code once first). The bench stamps Date.now() in the popup and
// dispatches the keydown the list handles, Shift+Enter ("open in a new tab": re-opening the same profile, so
// Chromium never asks to replace another identity, and the login never just focuses the open tab). The end is
// the moment the new tab's navigation to the federation login URL (…/federation?Action=login) reaches the
// stand-in, stamped with Date.now() in Node when the request's headers arrive: the same wall clock, ms precision.
//
// Overhead beyond the stand-in: the same interval minus the stand-in's own handling time of every request that
// arrived in it (the AssumeRole and getSigninToken calls, headers in → response written, measured in the
// server). What remains is Rolecall's work (background, crypto, storage, tab creation) plus loopback transport.
// Calls per login come from the stand-in's counters (STS actions + getSigninToken; the login navigation itself
// not counted). Console tabs are closed between runs so each run starts from the same state.
import { DEMO_AWS_CONFIG, DEMO_MFA_SERIAL, DEMO_PASSPHRASE } from '../fake-aws/demo-org'
import { DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY } from '../fake-aws/demo-org'
import { POPUP, POPUP_SIZE, mustCall, seedImport, type ExtensionBrowser, type ExtPage } from '../e2e/harness'
import type { LoggedRequest, TimedStandIn } from './timed-stand-in'
import { bringToFront } from './page-tools'
import { median, type BenchRow } from './table'

const RUNS = 7
const PROFILE = 'dev'
export const isLogin = (r: LoggedRequest) =>
  r.target.startsWith('/federation') && /[?&]Action=login(&|$)/.test(r.target)

/** In the popup: stamp the wall clock, then the keydown the list turns into "open the selected profile". */
function pressShiftEnter(): number {
  const input = document.querySelector<HTMLInputElement>('[data-testid="profile-filter"]')!
  const started = Date.now()
  input.dispatchEvent(
    new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', shiftKey: true, bubbles: true, cancelable: true }),
  )
  return started
}

/** AWS's console and sign-in hosts (the stand-in serves them to the bench's browser). */
const CONSOLE_OR_SIGNIN = /^https:\/\/([a-z0-9-]+\.)*(console|signin)\.aws\.amazon\.com\//.source

/** Closes every tab on the stand-in's console or federation pages, from an extension page (tabs API). */
export async function closeConsoleTabs(page: ExtPage, prefix = CONSOLE_OR_SIGNIN): Promise<number> {
  return page.evaluate(async (origin) => {
    type Api = {
      tabs: {
        query(q: object): Promise<{ id?: number; url?: string; pendingUrl?: string }[]>
        remove(ids: number[]): Promise<void>
      }
    }
    const g = globalThis as unknown as { browser?: Api; chrome?: Api }
    const api = (g.browser ?? g.chrome)!
    const ids = (await api.tabs.query({}))
      .filter((t) => new RegExp(origin).test(t.url ?? t.pendingUrl ?? ''))
      .map((t) => t.id!)
    if (ids.length) await api.tabs.remove(ids)
    return ids.length
  }, prefix)
}

async function waitForConsole(aws: TimedStandIn, since: number): Promise<void> {
  const page = await aws.waitForRequest((r) => r.target.startsWith('/console/'), since)
  await poll(() => page.handlingMs !== undefined)
}

async function poll(done: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!done()) {
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 5))
  }
}

async function loginOnce(aws: TimedStandIn, popup: ExtPage, control: ExtPage) {
  await bringToFront(popup) // as for a person, the popup is in front when they press Enter
  aws.resetCounts()
  const started = await popup.evaluate(pressShiftEnter)
  const login = await aws.waitForRequest(isLogin, started)
  const inBetween = aws.requests.filter((r) => r.arrivedAt >= started && r.arrivedAt <= login.arrivedAt && r !== login)
  await poll(() => inBetween.every((r) => r.handlingMs !== undefined))
  const counts = aws.counts()
  const calls = Object.entries(counts)
    .filter(([action]) => action !== 'login')
    .reduce((sum, [, n]) => sum + n, 0)
  await waitForConsole(aws, login.arrivedAt)
  const said =
    (await popup.waitForFunction(() => document.querySelector('[data-testid="login-message"]')?.textContent)) ?? ''
  if (!said.includes(`Opened ${PROFILE}`)) throw new Error(`the popup said "${said}" instead of "Opened ${PROFILE}."`)
  await closeConsoleTabs(control)
  await new Promise((r) => setTimeout(r, 150)) // let the background record the closed tabs
  const total = login.arrivedAt - started
  const standIn = inBetween.reduce((sum, r) => sum + r.handlingMs!, 0)
  // Where the time went: before the first request, between responses and the next request, and from the last
  // response to the console tab's navigation (Date.now() in Node: 1 ms steps).
  const phases: number[] = []
  let previousEnd = started
  for (const r of [...inBetween, login]) {
    phases.push(r.arrivedAt - previousEnd)
    previousEnd = r.arrivedAt + (r.handlingMs ?? 0)
  }
  return {
    total,
    overhead: total - standIn,
    calls,
    phases,
    requests: inBetween.map((r) => `${r.method} ${r.target.split('?')[0]}`),
  }
}

/**
 * `control` is an extension page of a browser whose vault is unlocked, launched on `aws`'s network (AWS's host
 * names lead to it: Rolecall's own endpoints are used); the demo key and config are set up here.
 */
export async function benchLogin(
  browser: ExtensionBrowser,
  control: ExtPage,
  aws: TimedStandIn,
): Promise<{ rows: BenchRow[]; notes: string[] }> {
  if ((await mustCall(control, 'app.status', {})).vault !== 'unlocked')
    await mustCall(control, 'vault.unlock', { passphrase: DEMO_PASSPHRASE })
  await mustCall(control, 'keys.put', {
    profile: 'identity',
    accessKeyId: DEMO_ACCESS_KEY_ID,
    secretAccessKey: DEMO_SECRET_ACCESS_KEY,
  })
  await seedImport(control, DEMO_AWS_CONFIG)
  await mustCall(control, 'sessions.forget', {})

  const popup = await browser.openPage(POPUP, POPUP_SIZE)
  await popup.fill('[data-testid="profile-filter"]', PROFILE)
  await popup.waitForFunction(
    () => document.querySelector('[data-testid="profile-row"]')?.getAttribute('data-profile') === 'dev',
  )
  // The first login asks for the MFA code and caches the MFA session; it is not timed.
  await popup.press('Enter')
  await popup.waitFor('[data-testid="mfa-code"]')
  const codeAt = Date.now()
  await popup.fill('[data-testid="mfa-code"]', aws.unusedTotp(DEMO_MFA_SERIAL))
  await waitForConsole(aws, codeAt)
  await closeConsoleTabs(control)

  const runs: Awaited<ReturnType<typeof loginOnce>>[] = []
  for (let i = 0; i < RUNS + 1; i++) {
    const run = await loginOnce(aws, popup, control)
    if (i > 0) runs.push(run)
  }
  await popup.close()
  const requests = [...new Set(runs.map((r) => r.requests.join(' + ')))]
  const phaseCount = Math.max(...runs.map((r) => r.phases.length))
  const phases = Array.from({ length: phaseCount }, (_, i) => median(runs.map((r) => r.phases[i] ?? 0)).toFixed(0))
  return {
    rows: [
      {
        figure: `login ${browser.name}: click to console navigation (cached MFA)`,
        unit: 'ms',
        samples: runs.map((r) => r.total),
      },
      {
        figure: `login ${browser.name}: overhead beyond the stand-in`,
        unit: 'ms',
        samples: runs.map((r) => r.overhead),
        target: '< 150 ms',
      },
      {
        figure: `login ${browser.name}: network calls per login`,
        unit: 'calls',
        samples: runs.map((r) => r.calls),
        target: 'min 2',
      },
    ],
    notes: [
      `${browser.name}: each timed login made these requests before the console navigation: ${requests.join(' | ')}.`,
      `${browser.name}: login time outside the stand-in, median ms per phase (keypress → 1st request, between each response and the next request, last response → console navigation): ${phases.join(' / ')}.`,
    ],
  }
}
