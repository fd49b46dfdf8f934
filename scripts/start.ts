// npm start: the whole Rolecall flow with no AWS account. Starts the local AWS stand-in with a demo
// organisation, builds Rolecall, opens Firefox ESR (or Chromium with --chromium) with it loaded and pointed at
// the stand-in, and prints what to paste and the MFA codes as they change.
//
//   npm start                 Firefox ESR
//   npm start -- --chromium   Chromium
//   npm start -- --no-browser only the stand-in (load dist/test-firefox or dist/test-chrome by hand)
import { execFileSync } from 'node:child_process'
import { startFakeAws } from '../test/fake-aws/index'
import { DEMO_AWS_CONFIG, DEMO_AWS_CREDENTIALS, DEMO_MFA_SERIAL, DEMO_PASSPHRASE } from '../test/fake-aws/demo-org'
import { launchChromium, launchFirefox, OPTIONS, callBackground, type ExtensionBrowser } from '../test/e2e/harness'

const args = new Set(process.argv.slice(2))
const useChromium = args.has('--chromium')
// A fixed port by default, so endpoints typed into a hand-loaded extension stay valid across demo runs.
const port = Number(process.env.ROLECALL_DEMO_PORT ?? 4599)
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY)

const bold = (s: string) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s)
const rule = () => console.log('─'.repeat(78))

console.log('Building Rolecall (test flavour: may reach the stand-in on 127.0.0.1)…')
execFileSync('npx', ['tsx', 'scripts/build.ts', '--only-test'], { stdio: ['ignore', 'ignore', 'inherit'] })

const aws = await startFakeAws({ port })
const endpoints = { stsEndpoint: aws.stsEndpoint, signinEndpoint: aws.signinEndpoint, consoleBase: aws.consoleBase }

rule()
console.log(`${bold('Local AWS stand-in')} on ${aws.url} (STS, federation sign-in and a console)`)
console.log(`  STS endpoint:      ${endpoints.stsEndpoint}`)
console.log(`  Sign-in endpoint:  ${endpoints.signinEndpoint}`)
console.log(`  Console address:   ${endpoints.consoleBase}`)
rule()
console.log(
  `${bold('1. The vault')}: in the browser Rolecall opens it is already created with the demo passphrase ${bold(DEMO_PASSPHRASE)}`,
)
console.log('   (custom endpoints need an unlocked vault and its passphrase, so the demo makes one for you).')
console.log(`${bold('2. Import')} this ~/.aws/config in the options page:\n`)
console.log(DEMO_AWS_CONFIG)
console.log(`${bold('   and')} this ~/.aws/credentials (its keys go into the vault only):\n`)
console.log(DEMO_AWS_CREDENTIALS)
rule()

let browser: ExtensionBrowser | undefined
if (args.has('--no-browser') || !hasDisplay) {
  if (!hasDisplay && !args.has('--no-browser'))
    console.log('No display here ($DISPLAY is not set), so no browser window opens.')
  console.log('Load Rolecall by hand:')
  console.log(
    '  Firefox: about:debugging#/runtime/this-firefox → "Load Temporary Add-on…" → dist/test-firefox/manifest.json',
  )
  console.log('  Chrome:  chrome://extensions → Developer mode → "Load unpacked" → dist/test-chrome')
  console.log("then in Rolecall's options create the vault (e.g. with the demo passphrase above), and under")
  console.log('Settings → Custom endpoints set the three endpoints above and save them with your passphrase.')
} else {
  browser = useChromium ? await launchChromium({ headed: true }) : await launchFirefox({ headed: true })
  const options = await browser.openPage(OPTIONS)
  for (const [name, request] of [
    ['vault.create', { passphrase: DEMO_PASSPHRASE }],
    ['settings.setEndpoints', { endpoints, passphrase: DEMO_PASSPHRASE }],
  ] as const) {
    const reply = await callBackground(options, name, request)
    if (!reply.ok) throw new Error(reply.error.message)
  }
  // A fresh options page shows the vault and endpoints just set (reloading a page is not reliable over BiDi).
  await browser.openPage(OPTIONS)
  await options.close()
  console.log(
    `${useChromium ? 'Chromium' : 'Firefox ESR'} is open with Rolecall, pointed at the stand-in. Click the Rolecall toolbar icon.`,
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
