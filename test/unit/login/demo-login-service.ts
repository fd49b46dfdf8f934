// A login service on the demo organisation, as the background builds one: a vault (at the unit tests' low KDF
// cost) holding the demo key, the stand-in's endpoints saved with it, the demo config imported, and Chrome's one
// shared cookie jar. Test files mock webextension-polyfill (and the database, where they need to) and then
// import this file dynamically, so the background modules below load with those mocks.
import { createLoginService, type LoginService } from '../../../src/background/login/service'
import { createSsoService } from '../../../src/background/sso/service'
import { createVaultService } from '../../../src/background/vault/service'
import { sharedJarPolicy } from '../../../src/background/jars/shared-jar-policy'
import { writeStoredImport } from '../../../src/background/config/stored-import'
import { writeEndpoints } from '../../../src/background/settings'
import { buildPreview } from '../../../src/core/config/import/preview'
import { DEMO_ACCESS_KEY_ID, DEMO_AWS_CONFIG, DEMO_SECRET_ACCESS_KEY } from '../../fake-aws/demo-org'
import type { FakeAws } from '../../fake-aws/index'
import { type freshVaultDb, LOW_ITERATIONS, PASSPHRASE } from '../vault/helpers'
import { fakeArea } from '../vault/service-fakes'

type VaultStore = Awaited<ReturnType<typeof freshVaultDb>>['store']

export async function demoLoginService(aws: FakeAws, store: VaultStore) {
  const local = fakeArea()
  const vault = createVaultService({
    store,
    session: fakeArea(),
    local: { read: local.read, write: (key, value) => local.write({ [key]: value }) },
    alarms: { schedule: async () => {}, clear: async () => {} },
    kdfIterations: LOW_ITERATIONS,
  })
  await vault.create(PASSPHRASE)
  await vault.putBaseKey('identity', DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY)
  await writeEndpoints(
    { stsEndpoint: aws.stsEndpoint, signinEndpoint: aws.signinEndpoint, consoleBase: aws.consoleBase },
    vault,
  )
  await writeStoredImport({
    version: 1,
    text: DEMO_AWS_CONFIG,
    importedAt: 1,
    rows: buildPreview(DEMO_AWS_CONFIG).rows,
  })
  // The SSO service resumes waiting logins through the login service, which starts sign-ins through it.
  const sso = createSsoService(vault, (logins) => login.resume(logins))
  const login: LoginService = createLoginService({
    vault,
    jars: sharedJarPolicy,
    onSessionsChanged: async () => {},
    sso,
  })
  return { vault, login, sso }
}
