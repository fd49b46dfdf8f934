// npm start: the whole Rolecall flow with no AWS account. Builds Rolecall (the store build, as users get it),
// starts the local AWS stand-in with a demo organisation, and opens Firefox ESR (or Chromium with --chromium)
// with Rolecall loaded on the e2e suite's closed network: AWS's real host names (sts.<region>.amazonaws.com,
// signin.aws.amazon.com, <region>.console.aws.amazon.com) reach the stand-in over TLS, nothing else resolves
// (test/e2e/harness/aws-network.ts). It prints what to paste and the MFA codes as they change.
//
//   npm start                 Firefox ESR
//   npm start -- --chromium   Chromium
//   npm start -- --no-browser only the stand-in (load dist/firefox or dist/chrome by hand)
import { execFileSync } from 'node:child_process'
import { startFakeAws } from '../test/fake-aws/index'
import {
  DEMO_AWS_CONFIG,
  DEMO_AWS_CREDENTIALS,
  DEMO_MFA_SERIAL,
  DEMO_PASSPHRASE,
  DEMO_SSO_CONFIG,
  DEMO_SSO_PASSWORD,
  DEMO_SSO_REGION,
  DEMO_SSO_START_URL,
  DEMO_SSO_USER,
} from '../test/fake-aws/demo-org'
import {
  chromiumNetworkArgs,
  launchChromium,
  launchFirefox,
  OPTIONS,
  callBackground,
  type ExtensionBrowser,
} from '../test/e2e/harness'

const args = new Set(process.argv.slice(2))
const useChromium = args.has('--chromium')
// Fixed ports by default, so endpoints typed into a hand-loaded extension (or a hand-started browser's flags)
// stay valid across demo runs.
const port = Number(process.env.ROLECALL_DEMO_PORT ?? 4599)
const tlsPort = Number(process.env.ROLECALL_DEMO_TLS_PORT ?? 4600)
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY)

const bold = (s: string) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s)
const rule = () => console.log('─'.repeat(78))

console.log('Building Rolecall (the store build: dist/firefox, dist/chrome)…')
execFileSync('npx', ['tsx', 'scripts/build.ts'], { stdio: ['ignore', 'ignore', 'inherit'] })

const aws = await startFakeAws({ port, tlsPort })
const endpoints = { stsEndpoint: aws.stsEndpoint, signinEndpoint: aws.signinEndpoint, consoleBase: aws.consoleBase }

rule()
console.log(`${bold('Local AWS stand-in')} (STS, federation sign-in, a console and IAM Identity Center)`)
console.log(`  AWS's own host names, over TLS:  127.0.0.1:${aws.tlsPort} (certificate made for this run)`)
console.log(`  as an HTTPS proxy for them:      ${aws.url}`)
console.log(`  plain endpoints (botocore's endpoint_url, Rolecall's custom endpoints):`)
console.log(`    STS endpoint: ${endpoints.stsEndpoint}`)
console.log(`    Sign-in endpoint: ${endpoints.signinEndpoint}`)
console.log(`    Console address: ${endpoints.consoleBase}`)
console.log(`    OIDC endpoint: ${aws.oidcEndpoint}`)
console.log(`    Portal endpoint: ${aws.portalEndpoint}`)
console.log(`  Identity Center:`)
console.log(`    Start URL: ${DEMO_SSO_START_URL}`)
console.log(`    Identity Center region: ${DEMO_SSO_REGION}`)
console.log(`    its sign-in page's user ${bold(DEMO_SSO_USER)}, password ${bold(DEMO_SSO_PASSWORD)}`)
rule()
console.log(
  `${bold('1. The vault')}: in the browser Rolecall opens it is already created with the demo passphrase ${bold(DEMO_PASSPHRASE)}.`,
)
console.log(
  "   Rolecall uses AWS's own endpoints, as installed from the store: the browser sends them to the stand-in.",
)
console.log(
  `${bold('2. Import')} this ~/.aws/config in the options page (key-based profiles, then Identity Center ones):\n`,
)
console.log(DEMO_AWS_CONFIG)
console.log(DEMO_SSO_CONFIG)
console.log(`${bold('   and')} this ~/.aws/credentials (its keys go into the vault only):\n`)
console.log(DEMO_AWS_CREDENTIALS)
rule()

let browser: ExtensionBrowser | undefined
if (args.has('--no-browser') || !hasDisplay) {
  if (!hasDisplay && !args.has('--no-browser'))
    console.log('No display here ($DISPLAY is not set), so no browser window opens.')
  console.log("Either start Chromium on the stand-in's network with Rolecall loaded (a throw-away profile):")
  const flags = [
    ...chromiumNetworkArgs(aws),
    '--user-data-dir=$(mktemp -d)',
    '--load-extension=dist/chrome',
    '--disable-background-networking',
  ]
  console.log(`  chromium ${flags.map((f) => (f.includes(' ') ? `'${f}'` : f)).join(' ')}`)
  console.log('or load Rolecall by hand into any browser:')
  console.log(
    '  Firefox: about:debugging#/runtime/this-firefox → "Load Temporary Add-on…" → dist/firefox/manifest.json',
  )
  console.log('  Chrome:  chrome://extensions → Developer mode → "Load unpacked" → dist/chrome')
  console.log("then in Rolecall's options create the vault (e.g. with the demo passphrase above), and under")
  console.log('Settings → Custom endpoints set the three plain endpoints above, save them with your passphrase, and')
  console.log('let the browser grant Rolecall access to 127.0.0.1.')
  console.log(
    "Identity Center profiles always use AWS's own hosts (oidc.<region>.amazonaws.com, portal.sso.<region>…): they reach the",
  )
  console.log(
    'stand-in only in a browser on its network, such as the Chromium command above or `npm start` with a display.',
  )
} else {
  browser = useChromium ? await launchChromium({ headed: true, aws }) : await launchFirefox({ headed: true, aws })
  const options = await browser.openPage(OPTIONS)
  const reply = await callBackground(options, 'vault.create', { passphrase: DEMO_PASSPHRASE })
  if (!reply.ok) throw new Error(reply.error.message)
  // A fresh options page shows the vault just made (reloading a page is not reliable over BiDi).
  await browser.openPage(OPTIONS)
  await options.close()
  console.log(
    `${useChromium ? 'Chromium' : 'Firefox ESR'} is open with Rolecall; AWS's host names lead to the stand-in. Click the Rolecall toolbar icon.`,
  )
}
rule()
console.log(
  `${bold('MFA codes')} for ${DEMO_MFA_SERIAL} (what an authenticator app would show). Ctrl-C stops the demo.`,
)

let last = ''
const showCode = () => {
  const code = aws.totp(DEMO_MFA_SERIAL)
  if (code !== last) {
    last = code
    const left = 30 - (Math.floor(Date.now() / 1000) % 30)
    console.log(`  ${new Date().toLocaleTimeString()}  code ${bold(code)}  (changes in ${left}s)`)
  }
}
showCode()
const timer = setInterval(showCode, 1000)

const stop = async () => {
  clearInterval(timer)
  await browser?.close().catch(() => undefined)
  await aws.close()
  process.exit(0)
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
