// Custom endpoints decide where credentials go: they are tagged under the vault's data key when saved, a
// login uses them only while the tag matches, and only while the browser still grants their hosts.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { vaultWorld } from '../vault/service-fakes'
import { PASSPHRASE, failureOf } from '../vault/helpers'

/** The RolecallFailure `action` throws, checked for its code. */
async function expectFailure(action: Promise<unknown>, code: string) {
  const failure = await failureOf(() => action)
  expect(failure.code).toBe(code)
  return failure
}

vi.mock('webextension-polyfill', async () => ({ default: (await import('../security/fake-browser')).fakeBrowser.api }))
const { fakeBrowser } = await import('../security/fake-browser')
const { endpointNotice, readSettings, trustedEndpoints, writeEndpoints, writeSettings } =
  await import('../../../src/background/settings')
const { requireEndpointPermissions, requireStsPermission, newIssuerToken } =
  await import('../../../src/background/login/endpoint-checks')
const { resolveTarget } = await import('../../../src/core/aws/partition')
const { requireSsoPermission } = await import('../../../src/background/sso/endpoints')

const CUSTOM = {
  stsEndpoint: 'https://vpce-1.sts.eu-west-1.vpce.amazonaws.com',
  signinEndpoint: 'https://signin.example.internal/federation',
  consoleBase: '',
}

let world: Awaited<ReturnType<typeof vaultWorld>>

beforeEach(async () => {
  await fakeBrowser.api.storage.local.clear()
  fakeBrowser.api.permissions.contains = async () => true
  world = await vaultWorld()
  await world.service.create(PASSPHRASE)
})

const local = fakeBrowser.api.storage.local

describe('custom endpoints', () => {
  it("AWS's own hosts need no tag; saved custom endpoints are trusted", async () => {
    expect(await trustedEndpoints(await readSettings(), world.service)).toEqual({})
    expect(await endpointNotice(world.service)).toBeUndefined()
    await writeEndpoints(CUSTOM, world.service)
    const settings = await readSettings()
    expect(await trustedEndpoints(settings, world.service)).toEqual({
      stsEndpoint: CUSTOM.stsEndpoint,
      signinEndpoint: CUSTOM.signinEndpoint,
    })
    expect(await endpointNotice(world.service)).toMatchObject({ stsEndpoint: CUSTOM.stsEndpoint, authentic: true })
  })

  it("refuses endpoints edited behind Rolecall's back, a removed tag, and a tag from another vault", async () => {
    await writeEndpoints(CUSTOM, world.service)
    const { settings } = (await local.get('settings')) as { settings: { endpoints: Record<string, string> } }
    await local.set({
      settings: {
        ...settings,
        endpoints: { ...settings.endpoints, signinEndpoint: 'https://evil.example/federation' },
      },
    })
    const edited = await expectFailure(trustedEndpoints(await readSettings(), world.service), 'tampered')
    expect(edited.message).toMatch(/changed outside Rolecall.*passphrase/)
    expect(await endpointNotice(world.service)).toMatchObject({ authentic: false })

    await writeEndpoints(CUSTOM, world.service)
    await local.remove('endpointsTag')
    await expectFailure(trustedEndpoints(await readSettings(), world.service), 'tampered')

    await writeEndpoints(CUSTOM, world.service)
    const other = await vaultWorld()
    await other.service.create(PASSPHRASE)
    await expectFailure(trustedEndpoints(await readSettings(), other.service), 'tampered')
  })

  it('clearing them removes the tag; the other settings never carry endpoints', async () => {
    await writeEndpoints(CUSTOM, world.service)
    await writeEndpoints({ stsEndpoint: '', signinEndpoint: '', consoleBase: '' }, world.service)
    expect((await local.get('endpointsTag')).endpointsTag).toBeUndefined()
    expect((await readSettings()).endpoints).toEqual({})
    await expectFailure(writeSettings({ endpoints: CUSTOM }), 'bad-request')
  })

  it('cannot be tagged or checked while locked', async () => {
    await world.service.lock()
    await expectFailure(writeEndpoints(CUSTOM, world.service), 'vault-locked')
    expect(await endpointNotice(world.service)).toBeUndefined()
  })

  it('a custom host whose permission was withdrawn stops a login before it sends anything', async () => {
    fakeBrowser.api.permissions.contains = async () => false
    const failure = await expectFailure(requireEndpointPermissions(CUSTOM), 'permission-missing')
    expect(failure.message).toContain('vpce-1.sts.eu-west-1.vpce.amazonaws.com')
    await requireEndpointPermissions({})
  })

  it("AWS's own STS in a region newer than the build stops a login before it sends anything, saying why", async () => {
    const asked: unknown[] = []
    fakeBrowser.api.permissions.contains = async (query: unknown) => (asked.push(query), false)
    const newer = resolveTarget({ region: 'eu-east-9' })
    const failure = await expectFailure(requireStsPermission('far', newer), 'permission-missing')
    expect(failure.message).toMatch(/"far".*eu-east-9.*sts\.eu-east-9\.amazonaws\.com.*sent nothing/)
    expect(failure.message).toContain('Custom endpoints')
    expect(asked).toEqual([{ origins: ['https://sts.eu-east-9.amazonaws.com/*'] }])
    // A region the build knows is granted at install: the browser is not even asked.
    await requireStsPermission('near', resolveTarget({ region: 'eu-west-1' }))
    expect(asked).toHaveLength(1)
    // Granted at run time (optional https://*/*): the login goes on.
    fakeBrowser.api.permissions.contains = async () => true
    await requireStsPermission('far', newer)
  })

  it('Identity Center in a region newer than the build is refused before anything is sent, saying why', async () => {
    const asked: unknown[] = []
    fakeBrowser.api.permissions.contains = async (query: unknown) => (asked.push(query), false)
    const failure = await expectFailure(requireSsoPermission('eu-east-9'), 'permission-missing')
    expect(failure.message).toMatch(/eu-east-9.*oidc\.eu-east-9\.amazonaws\.com and sent nothing/)
    await requireSsoPermission('eu-west-1')
    expect(asked).toEqual([{ origins: ['https://oidc.eu-east-9.amazonaws.com/*'] }])
    fakeBrowser.api.permissions.contains = async () => true
    await requireSsoPermission('eu-east-9')
  })

  it('per-login values are 128 random bits, URL-safe', () => {
    const values = new Set(Array.from({ length: 200 }, newIssuerToken))
    expect(values.size).toBe(200)
    for (const v of values) expect(v).toMatch(/^[A-Za-z0-9_-]{22}$/)
  })
})
