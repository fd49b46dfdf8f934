// Short set-ups for journeys that are about something else: a vault with the demo keys, the stand-in's
// time scale, and an imported config. Each goes through the real background by protocol messages.
import { buildPreview } from '../../../src/core/config/import/preview'
import { DEMO_ACCESS_KEY_ID, DEMO_MFA_SERIAL, DEMO_PASSPHRASE, DEMO_SECRET_ACCESS_KEY } from '../../fake-aws/demo-org'
import type { FakeAws } from '../../fake-aws/index'
import { callBackground } from './call-background'
import type { ExtPage } from './ext-page'
import { OPTIONS, type ExtensionBrowser } from './extension-browser'
import type { MessageName, RequestOf, ResponseOf } from '../../../src/shared/protocol'

export async function mustCall<N extends MessageName>(
  page: ExtPage,
  name: N,
  request: RequestOf<N>,
): Promise<ResponseOf<N>> {
  const reply = await callBackground(page, name, request)
  if (!reply.ok) throw new Error(`${name} failed: ${reply.error.code}: ${reply.error.message}`)
  return reply.value
}

/**
 * Readies Rolecall for the stand-in. Nothing to point: the browser was launched on the stand-in's network
 * (`launch(kind, { aws })`, aws-network.ts), so Rolecall's own defaults — sts.<region>.amazonaws.com,
 * signin.aws.amazon.com, <region>.console.aws.amazon.com — reach it. Checks that no custom endpoint is set,
 * so a journey drives the hosts users' browsers call.
 */
export async function useFakeAws(page: ExtPage): Promise<void> {
  const { endpoints } = await mustCall(page, 'settings.get', {})
  if (endpoints.stsEndpoint || endpoints.signinEndpoint || endpoints.consoleBase)
    throw new Error(`custom endpoints are set (${JSON.stringify(endpoints)}): journeys use AWS's own host names`)
}

export async function createVaultWithDemoKey(page: ExtPage, baseProfile = 'identity'): Promise<void> {
  await mustCall(page, 'vault.create', { passphrase: DEMO_PASSPHRASE })
  await mustCall(page, 'keys.put', {
    profile: baseProfile,
    accessKeyId: DEMO_ACCESS_KEY_ID,
    secretAccessKey: DEMO_SECRET_ACCESS_KEY,
  })
}

/**
 * Stores an import exactly as src/background/config/stored-import.ts does (IndexedDB "rolecall", store
 * "config", key "current"), computing the rows with the real core in Node. The import UI has its own journey.
 */
export async function seedImport(page: ExtPage, configText: string): Promise<void> {
  const record = { version: 1, text: configText, importedAt: Date.now(), rows: buildPreview(configText).rows }
  await page.evaluate(async (value) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('rolecall')
      open.onsuccess = () => resolve(open.result)
      open.onerror = () => reject(open.error)
    })
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('config', 'readwrite')
      tx.objectStore('config').put(JSON.parse(value), 'current')
      // The popup's list record is derived from this one when missing.
      tx.objectStore('config').delete('list')
      tx.oncomplete = () => resolve()
      tx.onerror = () => reject(tx.error)
    })
    db.close()
  }, JSON.stringify(record))
}

/**
 * The usual start of a login journey: an options page of a browser pointed at the stand-in, with a vault
 * holding the demo key and `configText` imported. Returns that options page.
 */
export async function readyForLogins(browser: ExtensionBrowser, aws: FakeAws, configText: string): Promise<ExtPage> {
  const options = await browser.openPage(OPTIONS)
  await createVaultWithDemoKey(options)
  await useFakeAws(options)
  await seedImport(options, configText)
  return options
}

/**
 * Opens `profile` (a role profile behind the demo MFA device) once with a fresh code from the stand-in, so
 * an MFA session is cached for the logins a journey is really about. Returns the login's outcome.
 */
export async function cacheMfaSession(
  options: ExtPage,
  aws: FakeAws,
  profile = 'dev',
): Promise<ResponseOf<'login.submitMfa'>['outcomes'][number] | undefined> {
  const first = await mustCall(options, 'login.open', { profile, newTab: false, replace: true })
  if (first.status !== 'needs-mfa') throw new Error(`expected an MFA prompt for ${profile}, got ${first.status}`)
  const [outcome] = (
    await mustCall(options, 'login.submitMfa', {
      promptId: first.prompt.id,
      code: await aws.unusedTotp(DEMO_MFA_SERIAL),
    })
  ).outcomes
  return outcome
}
