// `npx tsx test/fake-aws/cli.ts [--port N] [--time-scale X] [--test-api] [--sts-region R]`: runs the stand-in with the demo
// organisation and prints what a person needs to try Rolecall against it. The MFA code is printed again
// each time it changes. `npm start` wraps runDemo().
import { pathToFileURL } from 'node:url'
import { startFakeAws, type FakeAws } from './index'
import {
  DEMO_AWS_CONFIG,
  DEMO_AWS_CREDENTIALS,
  DEMO_MFA_SERIAL,
  DEMO_PASSPHRASE,
  DEMO_PROFILES,
  DEMO_SSO_CONFIG,
  DEMO_SSO_PASSWORD,
  DEMO_SSO_USER,
} from './demo-org'
import { TOTP_PERIOD_MS } from './totp'

export interface DemoOptions {
  port?: number
  timeScale?: number
  testApi?: boolean
  /** STS at the printed address takes only this signing region (default: any region AWS has). */
  stsRegion?: string
  /** Where to print (console.log by default). */
  print?: (line: string) => void
}

export function describeDemo(fake: FakeAws): string {
  const profiles = Object.entries(DEMO_PROFILES).map(
    ([name, p]) =>
      `  ${name.padEnd(9)} ${p.account}  ${p.kind === 'federation' ? '(no role: GetFederationToken)' : p.roleArn}${'via' in p ? `  (chained via ${p.via})` : ''}`,
  )
  return [
    `Local AWS stand-in running at ${fake.url}`,
    // "<Label>: <value>", one space: scripts and tests read these lines.
    `  STS endpoint: ${fake.stsEndpoint}`,
    `    (signing region: ${fake.stsRegion ?? 'any region AWS has'}; ${fake.url}/region/<region> takes only <region>)`,
    `  Sign-in endpoint: ${fake.signinEndpoint}`,
    `  OIDC endpoint: ${fake.oidcEndpoint}`,
    `  Portal endpoint: ${fake.portalEndpoint}`,
    `  Start URL: ${fake.ssoStartUrl}`,
    `  Identity Center region: ${fake.ssoRegion}`,
    `  Device page: ${fake.deviceUrl}`,
    `  Identity Center user: ${DEMO_SSO_USER}`,
    `  Identity Center password: ${DEMO_SSO_PASSWORD}`,
    `  Console: ${fake.consoleBase}`,
    `  AWS host names: https://127.0.0.1:${fake.tlsPort} serves sts.<region>.amazonaws.com, signin.aws.amazon.com,`,
    `    <region>.console.aws.amazon.com, oidc.<region>.amazonaws.com, portal.sso.<region>.amazonaws.com,`,
    `    device.sso.<region>.amazonaws.com, … over TLS (for a browser that maps those names here;`,
    `    ${fake.url} is also an HTTPS proxy for them). Certificate SPKI sha256: ${fake.certificate.spkiSha256}`,
    `  Time scale: ${fake.timeScale()}${fake.timeScale() === 1 ? '' : ' (an hour lasts ' + (3600 * fake.timeScale()).toFixed(1) + ' s)'}`,
    '',
    `Demo passphrase:     ${DEMO_PASSPHRASE}`,
    `MFA device:          ${DEMO_MFA_SERIAL}`,
    '',
    'Profiles:',
    ...profiles,
    '',
    '~/.aws/config to paste:',
    '-----8<-----',
    DEMO_AWS_CONFIG.trimEnd(),
    '-----8<-----',
    '',
    '~/.aws/config for IAM Identity Center (sign in as the user above):',
    '-----8<-----',
    DEMO_SSO_CONFIG.trimEnd(),
    '-----8<-----',
    '',
    '~/.aws/credentials (the demo base keys; they are fake and work only here):',
    '-----8<-----',
    DEMO_AWS_CREDENTIALS.trimEnd(),
    '-----8<-----',
  ].join('\n')
}

/** Prints the current MFA code now and at every 30-second step; returns a function that stops it. */
export function printMfaCodes(fake: FakeAws, print: (line: string) => void): () => void {
  let timer: NodeJS.Timeout | undefined
  const tick = () => {
    const secondsLeft = Math.ceil((TOTP_PERIOD_MS - (Date.now() % TOTP_PERIOD_MS)) / 1000)
    print(`MFA code: ${fake.totp(DEMO_MFA_SERIAL)}  (next ${fake.totpNext(DEMO_MFA_SERIAL)} in ${secondsLeft} s)`)
    timer = setTimeout(tick, TOTP_PERIOD_MS - (Date.now() % TOTP_PERIOD_MS) + 50)
  }
  tick()
  return () => clearTimeout(timer)
}

export async function runDemo(options: DemoOptions = {}): Promise<{ fake: FakeAws; stop: () => Promise<void> }> {
  const print = options.print ?? ((line: string) => console.log(line))
  const fake = await startFakeAws({
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.timeScale !== undefined ? { timeScale: options.timeScale } : {}),
    testApi: options.testApi ?? false,
    ...(options.stsRegion !== undefined ? { stsRegion: options.stsRegion } : {}),
  })
  print(describeDemo(fake))
  print('')
  const stopCodes = printMfaCodes(fake, print)
  return {
    fake,
    stop: async () => {
      stopCodes()
      await fake.close()
    },
  }
}

export function parseDemoArgs(argv: string[]): DemoOptions {
  const options: DemoOptions = {}
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const value = () => {
      const v = argv[++i]
      if (v === undefined) throw new Error(`${arg} needs a value`)
      return v
    }
    if (arg === '--port') options.port = Number(value())
    else if (arg === '--time-scale') options.timeScale = Number(value())
    else if (arg === '--test-api') options.testApi = true
    else if (arg === '--sts-region') options.stsRegion = value()
    else throw new Error(`unknown option ${arg} (use --port N, --time-scale X, --test-api, --sts-region R)`)
  }
  if (options.port !== undefined && !(Number.isInteger(options.port) && options.port >= 0 && options.port < 65536))
    throw new Error('--port must be 0..65535')
  if (options.timeScale !== undefined && !(options.timeScale > 0))
    throw new Error('--time-scale must be a positive number')
  return options
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const { stop } = await runDemo(parseDemoArgs(process.argv.slice(2)))
    const shutdown = () => {
      void stop().then(() => process.exit(0))
    }
    process.on('SIGINT', shutdown)
    process.on('SIGTERM', shutdown)
  } catch (error) {
    console.error(`fake-aws: ${(error as Error).message}`)
    process.exit(1)
  }
}
