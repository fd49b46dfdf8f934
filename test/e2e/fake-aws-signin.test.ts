// The two-step federation sign-in against the local AWS stand-in, in real Chromium (no extension): the
// console shows the identity, each browser context is its own cookie jar, a second identity in the same jar
// meets "You must first log out", and an expiring session ends on the page that links to the Issuer. Both faces
// of the stand-in: its own loopback address, and AWS's host names over TLS (signin.aws.amazon.com setting the
// cookie every <region>.console.aws.amazon.com reads), with Chromium on the e2e suite's closed network.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromium, type Browser, type BrowserContext } from 'playwright-core'
import { AssumeRoleCommand, GetFederationTokenCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts'
import { startFakeAws, type FakeAws } from '../fake-aws/index'
import { DEMO_ACCESS_KEY_ID, DEMO_MFA_SERIAL, DEMO_PROFILES, DEMO_SECRET_ACCESS_KEY } from '../fake-aws/demo-org'
import { keysOf, sdkClient, type Keys } from '../fake-aws/sts-client'
import { chromiumNetworkArgs, screenshotPath } from './harness'

const BASE: Keys = { accessKeyId: DEMO_ACCESS_KEY_ID, secretAccessKey: DEMO_SECRET_ACCESS_KEY }
const ISSUER = 'https://rolecall.invalid/relogin?profile=dev'
let fake: FakeAws
let mfaSession: Keys

beforeAll(async () => {
  fake = await startFakeAws()
  mfaSession = keysOf(
    (
      await sdkClient(fake.url, BASE).send(
        new GetSessionTokenCommand({ SerialNumber: DEMO_MFA_SERIAL, TokenCode: fake.totp(DEMO_MFA_SERIAL) }),
      )
    ).Credentials,
  )
})
afterAll(async () => {
  await fake?.close()
})

/** Where a browser reaches the stand-in: its loopback address, or AWS's own host names over TLS. */
const FACES = {
  loopback: {
    signin: () => fake.signinEndpoint,
    console: (region: string, path?: string) => fake.consoleUrl(region, path),
    consolePath: (path: string) => `/console${path}`,
    network: (): string[] => [],
  },
  'AWS host names': {
    signin: () => 'https://signin.aws.amazon.com/federation',
    console: (region: string, path?: string) => fake.realConsoleUrl(region, path),
    consolePath: (path: string) => path,
    network: () => chromiumNetworkArgs(fake),
  },
}
type Face = (typeof FACES)[keyof typeof FACES]

const role = async (roleArn: string, session = 'demo-user', duration?: number) =>
  keysOf(
    (
      await sdkClient(fake.url, mfaSession).send(
        new AssumeRoleCommand({
          RoleArn: roleArn,
          RoleSessionName: session,
          ...(duration ? { DurationSeconds: duration } : {}),
        }),
      )
    ).Credentials,
  )

/** The token comes from the loopback address (Node has no host mapping); the browser spends it at `face`. */
async function loginUrl(face: Face, keys: Keys, destination: string): Promise<string> {
  const session = JSON.stringify({
    sessionId: keys.accessKeyId,
    sessionKey: keys.secretAccessKey,
    sessionToken: keys.sessionToken,
  })
  const response = await fetch(`${fake.signinEndpoint}?Action=getSigninToken&Session=${encodeURIComponent(session)}`)
  const { SigninToken } = (await response.json()) as { SigninToken: string }
  return `${face.signin()}?${new URLSearchParams({ Action: 'login', Issuer: ISSUER, Destination: destination, SigninToken })}`
}

for (const [faceName, face] of Object.entries(FACES))
  describe(`federation sign-in in Chromium, ${faceName}`, () => {
    let browser: Browser
    let contextA: BrowserContext
    let contextB: BrowserContext
    const shot = (name: string) => screenshotPath(`${name}${faceName === 'loopback' ? '' : '-aws-hosts'}`)
    beforeAll(async () => {
      browser = await chromium.launch({
        executablePath: '/usr/bin/chromium',
        args: [
          '--no-sandbox',
          '--disable-background-networking',
          '--disable-component-update',
          '--no-first-run',
          ...face.network(),
        ],
      })
      contextA = await browser.newContext()
      contextB = await browser.newContext()
    })
    afterAll(async () => {
      await browser?.close()
    })

    it('signs in with the two steps and the console shows the identity at the deep page asked for', async () => {
      const page = await contextA.newPage()
      const destination = face.console('eu-west-1', '/ec2/home#Instances:')
      await page.goto(await loginUrl(face, await role(DEMO_PROFILES.dev.roleArn), destination))
      expect(page.url()).toBe(destination)
      expect(await page.textContent('[data-testid="account"]')).toBe('222222222222')
      expect(await page.textContent('[data-testid="role-name"]')).toBe('Developer')
      expect(await page.textContent('[data-testid="session-name"]')).toBe('demo-user')
      expect(await page.textContent('[data-testid="requested-path"]')).toBe(
        face.consolePath('/ec2/home?region=eu-west-1'),
      )
      await page.screenshot({ path: shot('fake-aws-console-signed-in') })
    })

    it('another browser context keeps its own identity', async () => {
      const fed = keysOf(
        (await sdkClient(fake.url, BASE).send(new GetFederationTokenCommand({ Name: 'demo-user' }))).Credentials,
      )
      const page = await contextB.newPage()
      await page.goto(await loginUrl(face, fed, face.console('us-east-1')))
      expect(await page.textContent('[data-testid="federated-user"]')).toBe('demo-user')
      expect(await page.getAttribute('[data-testid="permissions"]', 'data-permissions')).toBe('none')
      const other = await contextA.newPage()
      await other.goto(face.console('eu-west-1'))
      expect(await other.textContent('[data-testid="role-name"]')).toBe('Developer')
    })

    it('a second identity in the same context meets "You must first log out"; its logout link then signs in', async () => {
      const page = await contextA.newPage()
      await page.goto(await loginUrl(face, await role(DEMO_PROFILES.prod.roleArn), face.console('us-east-1')))
      await page.waitForSelector('[data-testid="must-log-out"]')
      await page.screenshot({ path: shot('fake-aws-must-log-out') })
      await page.click('[data-testid="logout-link"]')
      await page.waitForSelector('[data-testid="console-identity"]')
      expect(await page.textContent('[data-testid="account"]')).toBe('444444444444')
    })

    it('an expiring console session reloads into "session expired", which links to the Issuer', async () => {
      const context = await browser.newContext()
      fake.setTimeScale(0.005) // 900 s last 4.5 s
      try {
        const page = await context.newPage()
        await page.goto(
          await loginUrl(face, await role(DEMO_PROFILES.staging.roleArn, 'short', 900), face.console('eu-central-1')),
        )
        expect(await page.textContent('[data-testid="account"]')).toBe('333333333333')
        await page.waitForSelector('[data-testid="session-expired"]', { timeout: 30_000 })
        expect(await page.getAttribute('[data-testid="issuer-link"]', 'href')).toBe(ISSUER)
        await page.screenshot({ path: shot('fake-aws-session-expired') })
      } finally {
        fake.setTimeScale(1)
        await context.close()
      }
    })
  })
