// Issue 17, Chrome's one cookie jar through the real background login service, against the stand-in with its
// multi-session on: with the console's opt-in cookie in the browser (or a tab on a per-session console host),
// Rolecall treats the browser as multi-session though the setting is off, and signs in with a plain Action=login,
// never the oauth?Action=logout hop that breaks such a browser (HTTP 400). Without either, the first sign-in
// still goes through the hop, as one console identity per browser needs.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DEMO_MFA_SERIAL } from '../../fake-aws/demo-org'
import { startFakeAws, type FakeAws } from '../../fake-aws/index'
import { freshVaultDb } from '../vault/helpers'
import { faultyRolecallDb } from '../resilience/faulty-db'

vi.mock('webextension-polyfill', async () => ({ default: (await import('../security/fake-browser')).fakeBrowser.api }))
const db = vi.hoisted(() => ({
  current: undefined as undefined | ReturnType<(typeof import('../resilience/faulty-db'))['faultyRolecallDb']>,
}))
vi.mock('../../../src/background/db', () => ({ rolecallDb: () => db.current!.db() }))

const { fakeBrowser } = await import('../security/fake-browser')
const { demoLoginService } = await import('../login/demo-login-service')
const { readConsoleMode } = await import('../../../src/background/console/multi-session-mode')

let aws: FakeAws
let login: Awaited<ReturnType<typeof demoLoginService>>['login']
let counter = 0

beforeEach(async () => {
  aws = await startFakeAws({ multiSession: true })
  db.current = faultyRolecallDb(`rolecall-multi-session-${process.pid}-${++counter}`)
  for (const area of Object.values(fakeBrowser.api.storage)) await area.clear()
  fakeBrowser.tabs.clear()
  fakeBrowser.cookies.length = 0
  fakeBrowser.opened.length = 0
  ;({ login } = await demoLoginService(aws, (await freshVaultDb()).store))
})
afterEach(() => aws.close())

/** Opens dev with a code; answers the URL its console tab was sent to. */
async function openDev(): Promise<string> {
  const outcome = await login.open('dev', { newTab: true, replace: true })
  if (outcome.status !== 'needs-mfa') throw new Error(`expected an MFA prompt, got ${outcome.status}`)
  const outcomes = await login.submitMfa(outcome.prompt.id, await aws.unusedTotp(DEMO_MFA_SERIAL))
  expect(outcomes.map((o) => o.status)).toEqual(['opened'])
  return fakeBrowser.opened.at(-1)!
}

const isLogoutHop = (url: string) => new URL(url).pathname === '/oauth'

describe('the console multi-session mode, seen by Rolecall', () => {
  it('the opt-in cookie on the sign-in endpoint: a plain Action=login, the setting off', async () => {
    fakeBrowser.cookies.push({ origin: new URL(aws.signinEndpoint).origin, name: 'aws-prism-opt-in', value: 'true' })
    expect(await readConsoleMode()).toEqual({ multiSession: true, setting: false, detected: 'opt-in-cookie' })
    const url = await openDev()
    expect(isLogoutHop(url)).toBe(false)
    expect(new URL(url).searchParams.get('Action')).toBe('login')
  })

  it('a tab on a per-session console host: a plain Action=login too', async () => {
    await fakeBrowser.api.tabs.create({ url: 'https://111111111111-ab12cd34.eu-west-1.console.aws.amazon.com/' })
    expect((await readConsoleMode()).detected).toBe('session-host')
    expect(isLogoutHop(await openDev())).toBe(false)
  })

  it('a cookie of another name or value, or on another origin, shows nothing: the hop, as with one identity', async () => {
    const origin = new URL(aws.signinEndpoint).origin
    fakeBrowser.cookies.push(
      { origin, name: 'aws-prism-opt-in', value: 'false' },
      { origin, name: 'aws-prism', value: 'true' },
      { origin: 'https://example.com', name: 'aws-prism-opt-in', value: 'true' },
    )
    expect(await readConsoleMode()).toEqual({ multiSession: false, setting: false, detected: null })
    expect(isLogoutHop(await openDev())).toBe(true)
  })
})
