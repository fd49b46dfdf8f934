// The vault's messages, through the real handlers and router: validated requests, no secret in any reply.
import { describe, expect, it } from 'vitest'
import { vaultHandlers } from '../../src/background/handlers/vault'
import { createRouter } from '../../src/background/router'
import type { BackgroundServices } from '../../src/background/services'
import { vaultWorld } from './vault/service-fakes'
import { KEY_A, KEY_B, PASSPHRASE } from './vault/helpers'

const ID = 'abcdefghijklmnop'
const PAGE = { id: ID, url: `chrome-extension://${ID}/src/options/index.html`, external: false }

async function setup() {
  const world = await vaultWorld()
  const services = {
    vault: world.service,
    vaultState: () => world.service.state(),
    profileCount: async () => 0,
  } as BackgroundServices
  const dispatch = createRouter(vaultHandlers(services) as never, {
    extensionId: ID,
    extensionBaseUrl: `chrome-extension://${ID}/`,
  })
  const send = async (name: string, request: unknown) => dispatch({ rolecall: 1, name, request }, PAGE)
  const replies: string[] = []
  const ok = async (name: string, request: unknown) => {
    const reply = await send(name, request)
    replies.push(JSON.stringify(reply))
    if (!reply.ok) throw new Error(`${name}: ${reply.error.message}`)
    return reply.value as never
  }
  return { world, send, ok, replies }
}

const CREDENTIALS = `# pasted from ~/.aws/credentials
[default]
aws_access_key_id = ${KEY_A.accessKeyId}
aws_secret_access_key = ${KEY_A.secretAccessKey}

[work]
aws_access_key_id=${KEY_B.accessKeyId}
aws_secret_access_key=${KEY_B.secretAccessKey}
region = eu-west-1

[temp]
aws_access_key_id = ASIAIOSFODNN7EXAMPLE
aws_secret_access_key = ${KEY_B.secretAccessKey}
aws_session_token = FwoGZXIvYXdzEXAMPLE

[broken]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = tooShort

[only-config]
region = us-east-1
`

describe('vault messages', () => {
  it('create → keys.put → keys.list → lock → unlock, replying with metadata only', async () => {
    const { ok, replies } = await setup()
    expect(await ok('vault.create', { passphrase: PASSPHRASE })).toEqual({ state: 'unlocked' })
    expect(
      await ok('keys.put', { profile: 'prod', accessKeyId: KEY_A.accessKeyId, secretAccessKey: KEY_A.secretAccessKey }),
    ).toMatchObject({ profile: 'prod', accessKeyIdLast4: 'MPLE' })
    expect(await ok('keys.list', {})).toMatchObject({ keys: [{ profile: 'prod', accessKeyIdLast4: 'MPLE' }] })
    expect(await ok('vault.lock', {})).toEqual({ state: 'locked' })
    expect(await ok('vault.unlock', { passphrase: PASSPHRASE })).toEqual({ state: 'unlocked' })
    const exported = (await ok('vault.exportBackup', {})) as { text: string; fileName: string }
    expect(exported.fileName).toMatch(/^rolecall-backup-\d{4}-\d{2}-\d{2}\.json$/)
    for (const reply of replies) {
      for (const secret of [KEY_A.secretAccessKey, KEY_A.accessKeyId, PASSPHRASE]) expect(reply).not.toContain(secret)
    }
  })

  it('imports a pasted credentials file: valid keys stored, the rest reported by line and profile', async () => {
    const { ok, world } = await setup()
    await ok('vault.create', { passphrase: PASSPHRASE })
    const result = (await ok('keys.importCredentials', { text: CREDENTIALS })) as {
      imported: Array<{ profile: string }>
      problems: Array<{ line: number; profile: string; message: string }>
    }
    expect(result.imported.map((k) => k.profile)).toEqual(['default', 'work'])
    expect(result.problems).toEqual([
      { line: 11, message: expect.stringMatching(/^\[temp\]: these are temporary credentials/) },
      {
        line: 16,
        profile: 'broken',
        message:
          'Profile "broken": the secret access key must be exactly 40 characters; this one has 8. Copy it again in full. Skipped.',
      },
      { line: 20, message: expect.stringMatching(/^\[only-config\]: no aws_access_key_id .* nothing to import/) },
    ])
    expect(JSON.stringify(result)).not.toContain('tooShort')
    expect((await world.service.getBaseKey('work')).secretAccessKey).toBe(KEY_B.secretAccessKey)
  })

  it('says clearly when a paste holds no keys at all', async () => {
    const { ok, send } = await setup()
    await ok('vault.create', { passphrase: PASSPHRASE })
    const reply = await send('keys.importCredentials', { text: '\n# nothing here\n' })
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'bad-request', message: expect.stringMatching(/^No access keys found/) },
    })
    const configPasted = (await ok('keys.importCredentials', { text: '[profile x]\nregion = us-east-1\n' })) as {
      imported: unknown[]
      problems: Array<{ message: string }>
    }
    expect(configPasted.imported).toEqual([])
    expect(configPasted.problems[0]!.message).toMatch(/\[profile x\] is skipped/)
  })

  it('refuses malformed and hostile requests without changing anything', async () => {
    const { ok, send, world } = await setup()
    await ok('vault.create', { passphrase: PASSPHRASE })
    const before = await world.dump()
    for (const [name, request] of [
      ['vault.unlock', {}],
      ['vault.unlock', { passphrase: 42 }],
      ['vault.unlock', null],
      ['vault.unlock', { passphrase: 'x'.repeat(2000) }],
      ['keys.put', JSON.parse('{"__proto__":{"profile":"p"},"accessKeyId":"AKIAIOSFODNN7EXAMPLE"}')],
      ['keys.put', { profile: 'p', accessKeyId: KEY_A.accessKeyId, secretAccessKey: ['x'] }],
      ['keys.delete', { profile: 7 }],
      ['vault.settings.set', { autoLockMinutes: 1e9 }],
      ['vault.settings.set', { autoLockMinutes: '15' }],
      ['vault.importBackup', { text: 'x'.repeat(10), passphrase: undefined }],
    ] as const) {
      const reply = await send(name, request)
      expect(reply, `${name} ${JSON.stringify(request)}`).toMatchObject({ ok: false, error: { code: 'bad-request' } })
    }
    expect(await world.dump()).toBe(before)
    expect(({} as Record<string, unknown>).profile).toBeUndefined()
  })

  it('reports the auto-lock setting and refuses key changes while locked', async () => {
    const { ok, send } = await setup()
    await ok('vault.create', { passphrase: PASSPHRASE })
    expect(await ok('vault.settings.set', { autoLockMinutes: 30 })).toEqual({ autoLockMinutes: 30 })
    expect(await ok('vault.settings.get', {})).toEqual({ autoLockMinutes: 30 })
    await ok('vault.lock', {})
    const reply = await send('keys.put', {
      profile: 'p',
      accessKeyId: KEY_A.accessKeyId,
      secretAccessKey: KEY_A.secretAccessKey,
    })
    expect(reply).toMatchObject({ ok: false, error: { code: 'vault-locked' } })
  })
})
