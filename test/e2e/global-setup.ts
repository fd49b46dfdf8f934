// Builds the store build once before the e2e suites, so `npm run test:e2e` always drives current code.
import { execFileSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { ROOT, TMP_DIR } from './harness/paths'

export default function setup() {
  mkdirSync(TMP_DIR, { recursive: true })
  if (process.env.ROLECALL_SKIP_E2E_BUILD === '1') return
  execFileSync('npx', ['tsx', 'scripts/build.ts'], { cwd: ROOT, stdio: 'inherit' })
}
