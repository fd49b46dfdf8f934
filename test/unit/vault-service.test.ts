import { describe, expect, it, vi } from 'vitest'
import { importDataKey, toBase64, utf8 } from '../../src/core/crypto'
import { createVault, putBaseKey, type VaultHeader } from '../../src/core/vault'
import { checksumOf } from '../../src/core/vault/checksum'
import { AUTO_LOCK_ALARM } from '../../src/background/vault/unlock-state'
import { vaultWorld } from './vault/service-fakes'
import { failureOf, KEY_A, KEY_B, OTHER_PASSPHRASE, PASSPHRASE, SESSION, TEST_KDF } from './vault/helpers'

const MINUTE = 60_000

describe('vault service: unlock state', () => {
  it('starts with no vault, creates one and is then unlocked with the auto-lock armed (15 minutes)', async () => {
    const w = await vaultWorld()
    expect(await w.service.state()).toBe('none')
    await w.service.create(PASSPHRASE)
    expect(await w.service.state()).toBe('unlocked')
    expect(w.alarms.get(AUTO_LOCK_ALARM)).toBe(w.clock.now + 15 * MINUTE)
    expect([...w.session.data.keys()].sort()).toEqual(['vault.lockAt', 'vault.unlocked'])
  })

  it('stays unlocked across a stopped worker: a fresh service reads the key back from storage.session', async () => {
    const w = await vaultWorld()
    await w.service.create(PASSPHRASE)
    await w.service.putBaseKey(KEY_A.profile, KEY_A.accessKeyId, KEY_A.secretAccessKey)
    const restarted = w.restartWorker()
    expect(await restarted.state()).toBe('unlocked')
    expect(await restarted.getBaseKey(KEY_A.profile)).toEqual({
      accessKeyId: KEY_A.accessKeyId,
      secretAccessKey: KEY_A.secretAccessKey,
    })
  })

  it('is locked after a browser restart and unlocks again with the passphrase', async () => {
    const w = await vaultWorld()
    await w.service.create(PASSPHRASE)
    await w.service.putBaseKey(KEY_A.profile, KEY_A.accessKeyId, KEY_A.secretAccessKey)
    const after = w.restartBrowser()
    expect(await after.state()).toBe('locked')
    expect((await failureOf(() => after.getBaseKey(KEY_A.profile))).code).toBe('vault-locked')
    await after.unlock(PASSPHRASE)
    expect((await after.getBaseKey(KEY_A.profile)).secretAccessKey).toBe(KEY_A.secretAccessKey)
  })

  it('"Lock now" removes the data key from storage.session and every secret operation then refuses', async () => {
    const w = await vaultWorld()
    const onLock = vi.fn()
    w.service.onLock(onLock)
    await w.service.create(PASSPHRASE)
    await w.service.putBaseKey(KEY_A.profile, KEY_A.accessKeyId, KEY_A.secretAccessKey)
    await w.service.putCachedSession('mfa', SESSION)
    await w.service.lock()
    expect(onLock).toHaveBeenCalledOnce()
    expect(w.session.data.size).toBe(0)
    expect(w.alarms.has(AUTO_LOCK_ALARM)).toBe(false)
    expect(await w.service.state()).toBe('locked')
    for (const action of [
      () => w.service.getBaseKey(KEY_A.profile),
      () => w.service.getCachedSession('mfa'),
      () => w.service.putBaseKey(KEY_B.profile, KEY_B.accessKeyId, KEY_B.secretAccessKey),
      () => w.service.putCachedSession('mfa', SESSION),
      () => w.service.deleteBaseKey(KEY_A.profile),
      () => w.service.exportBackup(),
    ]) {
      const failure = await failureOf(action)
      expect(failure.code).toBe('vault-locked')
      expect(failure.message).toBe('The vault is locked. Unlock it with your passphrase and try again.')
    }
    // Metadata is not secret: the options page can still list keys while locked.
    expect((await w.service.listKeys()).map((k) => k.profile)).toEqual([KEY_A.profile])
  })

  it('keeps the wrong-passphrase vault locked and says so', async () => {
    const w = await vaultWorld()
    await w.service.create(PASSPHRASE)
    await w.service.lock()
    const failure = await failureOf(() => w.service.unlock('not my passphrase'))
    expect(failure.code).toBe('wrong-passphrase')
    expect(await w.service.state()).toBe('locked')
    expect(w.session.data.size).toBe(0)
  })

  it('locks itself once idle past the timeout; activity pushes the deadline back', async () => {
    const w = await vaultWorld()
    await w.service.create(PASSPHRASE)
    w.clock.now += 10 * MINUTE
    await w.service.touch()
    expect(w.alarms.get(AUTO_LOCK_ALARM)).toBe(w.clock.now + 15 * MINUTE)
    w.clock.now += 14 * MINUTE
    await w.service.autoLockDue() // an early alarm re-arms instead of locking
    expect(await w.service.state()).toBe('unlocked')
    w.clock.now += 1 * MINUTE
    await w.service.autoLockDue()
    expect(await w.service.state()).toBe('locked')
    expect(w.session.data.size).toBe(0)
  })

  it('treats a deadline that passed without the alarm (a sleeping computer) as locked', async () => {
    const w = await vaultWorld()
    await w.service.create(PASSPHRASE)
    await w.service.putBaseKey(KEY_A.profile, KEY_A.accessKeyId, KEY_A.secretAccessKey)
    w.clock.now += 16 * MINUTE
    expect((await failureOf(() => w.service.getBaseKey(KEY_A.profile))).code).toBe('vault-locked')
    expect(w.session.data.size).toBe(0)
  })

  it('uses the configured auto-lock minutes (non-secret, in storage.local) and validates them', async () => {
    const w = await vaultWorld()
    expect(await w.service.settings()).toEqual({ autoLockMinutes: 15 })
    await w.service.create(PASSPHRASE)
    await w.service.setSettings({ autoLockMinutes: 5 })
    expect(w.alarms.get(AUTO_LOCK_ALARM)).toBe(w.clock.now + 5 * MINUTE)
    expect(Object.keys(JSON.parse(w.localArea.dump()).vaultSettings)).toEqual(['autoLockMinutes', 'tag'])
    expect((await failureOf(() => w.service.setSettings({ autoLockMinutes: 0 }))).code).toBe('bad-request')
    expect((await w.restartWorker().settings()).autoLockMinutes).toBe(5)
  })

  it('follows a longer auto-lock only with its tag: an edit in storage.local gets the default', async () => {
    const w = await vaultWorld()
    await w.service.create(PASSPHRASE)
    await w.service.setSettings({ autoLockMinutes: 60 })
    expect((await w.service.settings()).autoLockMinutes).toBe(60)
    const { tag } = JSON.parse(w.localArea.dump()).vaultSettings as { tag: string }
    // Someone at the locked browser lengthens it to a day, keeping the old tag, or with none.
    await w.service.lock()
    for (const edited of [{ autoLockMinutes: 1440, tag }, { autoLockMinutes: 1440 }]) {
      await w.localArea.write({ vaultSettings: edited })
      expect((await w.service.settings()).autoLockMinutes).toBe(1440) // locked: shown as stored
      await w.service.unlock(PASSPHRASE)
      expect((await w.service.settings()).autoLockMinutes).toBe(15)
      expect(w.alarms.get(AUTO_LOCK_ALARM)).toBe(w.clock.now + 15 * MINUTE)
      await w.service.lock()
    }
    // A shorter one needs no tag: it only locks sooner.
    await w.localArea.write({ vaultSettings: { autoLockMinutes: 3 } })
    await w.service.unlock(PASSPHRASE)
    expect(w.alarms.get(AUTO_LOCK_ALARM)).toBe(w.clock.now + 3 * MINUTE)
    // Changing it needs the unlocked vault.
    await w.service.lock()
    expect((await failureOf(() => w.service.setSettings({ autoLockMinutes: 30 }))).code).toBe('vault-locked')
  })

  it('changes the passphrase and stays unlocked (the data key is the same)', async () => {
    const w = await vaultWorld()
    await w.service.create(PASSPHRASE)
    await w.service.putBaseKey(KEY_A.profile, KEY_A.accessKeyId, KEY_A.secretAccessKey)
    await w.service.changePassphrase(PASSPHRASE, OTHER_PASSPHRASE)
    expect((await w.service.getBaseKey(KEY_A.profile)).secretAccessKey).toBe(KEY_A.secretAccessKey)
    const after = w.restartBrowser()
    expect((await failureOf(() => after.unlock(PASSPHRASE))).code).toBe('wrong-passphrase')
    await after.unlock(OTHER_PASSPHRASE)
  })

  it('holds neither the passphrase nor any secret in storage.session, only the data key; nothing once locked', async () => {
    const w = await vaultWorld()
    await w.service.create(PASSPHRASE)
    await w.service.putBaseKey(KEY_A.profile, KEY_A.accessKeyId, KEY_A.secretAccessKey)
    await w.service.getBaseKey(KEY_A.profile)
    const unlocked = w.session.dump()
    for (const secret of [PASSPHRASE, KEY_A.secretAccessKey]) {
      expect(unlocked).not.toContain(secret)
      expect(unlocked).not.toContain(toBase64(utf8(secret)))
    }
    await w.service.lock()
    expect(w.session.dump()).toBe('{}')
  })
})

describe('vault service: unlock of an older vault', () => {
  it('re-wraps it at 600,000 iterations and keeps the key readable with the same passphrase', async () => {
    const w = await vaultWorld({ kdfIterations: undefined }) // as the background runs it
    const { dataKey } = await createVault(w.store, PASSPHRASE, TEST_KDF) // what an older Rolecall left
    await putBaseKey(w.store, await importDataKey(dataKey), KEY_A.profile, KEY_A.accessKeyId, KEY_A.secretAccessKey)
    await w.service.unlock(PASSPHRASE)
    expect(await w.service.state()).toBe('unlocked')
    expect(((await w.store.readHeader()) as VaultHeader).kdf.iterations).toBe(600_000)
    expect((await w.service.getBaseKey(KEY_A.profile)).secretAccessKey).toBe(KEY_A.secretAccessKey)
    const after = w.restartBrowser()
    await after.unlock(PASSPHRASE)
    expect((await after.getBaseKey(KEY_A.profile)).secretAccessKey).toBe(KEY_A.secretAccessKey)
  }, 30_000)

  it('confirming the passphrase (for a sensitive change) never writes, not even the re-wrap', async () => {
    const w = await vaultWorld({ kdfIterations: undefined })
    await createVault(w.store, PASSPHRASE, TEST_KDF)
    const before = await w.dump()
    await w.service.confirmPassphrase(PASSPHRASE)
    expect((await failureOf(() => w.service.confirmPassphrase(OTHER_PASSPHRASE))).code).toBe('wrong-passphrase')
    expect(await w.dump()).toBe(before)
  })
})

describe('vault service: backup', () => {
  it('exports while unlocked and imports into a new browser profile, which is then unlocked', async () => {
    const a = await vaultWorld()
    await a.service.create(PASSPHRASE)
    await a.service.putBaseKey(KEY_A.profile, KEY_A.accessKeyId, KEY_A.secretAccessKey)
    const text = await a.service.exportBackup()
    const b = await vaultWorld()
    const keys = await b.service.importBackup(text, PASSPHRASE)
    expect(keys.map((k) => k.profile)).toEqual([KEY_A.profile])
    expect(await b.service.state()).toBe('unlocked')
    expect((await b.service.getBaseKey(KEY_A.profile)).secretAccessKey).toBe(KEY_A.secretAccessKey)
  })

  it('refuses a backup whose metadata was edited after export; the vault stays as it was, unlocked', async () => {
    const a = await vaultWorld()
    await a.service.create(PASSPHRASE)
    await a.service.putBaseKey(KEY_A.profile, KEY_A.accessKeyId, KEY_A.secretAccessKey)
    await a.service.setKeyMeta(KEY_A.profile, { iamUserName: 'alice' })
    const { check: _check, ...file } = JSON.parse(await a.service.exportBackup())
    file.keyMeta[0].iamUserName = 'mallory'
    const edited = JSON.stringify({ ...file, check: await checksumOf(file) })
    const b = await vaultWorld()
    await b.service.create(OTHER_PASSPHRASE)
    await b.service.putBaseKey(KEY_B.profile, KEY_B.accessKeyId, KEY_B.secretAccessKey)
    const before = await b.dump()
    const failure = await failureOf(() => b.service.importBackup(edited, PASSPHRASE))
    expect(failure.code).toBe('tampered')
    expect(failure.message).toMatch(/^The backup file was changed after it was exported/)
    expect(await b.dump()).toBe(before)
    expect(await b.service.state()).toBe('unlocked')
    expect((await b.service.getBaseKey(KEY_B.profile)).secretAccessKey).toBe(KEY_B.secretAccessKey)
  })

  it('refuses to replace an existing vault while it is locked', async () => {
    const a = await vaultWorld()
    await a.service.create(PASSPHRASE)
    const text = await a.service.exportBackup()
    const b = await vaultWorld()
    await b.service.create(OTHER_PASSPHRASE)
    await b.service.putBaseKey(KEY_B.profile, KEY_B.accessKeyId, KEY_B.secretAccessKey)
    await b.service.lock()
    const before = await b.dump()
    expect((await failureOf(() => b.service.importBackup(text, PASSPHRASE))).message).toMatch(/Unlock the vault first/)
    expect(await b.dump()).toBe(before)
    await b.service.unlock(OTHER_PASSPHRASE)
    await b.service.importBackup(text, PASSPHRASE)
    expect(await b.service.listKeys()).toEqual([])
  })

  it('locks a worker whose remembered key belongs to a vault that was replaced', async () => {
    const w = await vaultWorld()
    await w.service.create(PASSPHRASE)
    const remembered = w.session.data.get('vault.unlocked')
    const other = await vaultWorld()
    await other.service.create(OTHER_PASSPHRASE)
    await w.service.importBackup(await other.service.exportBackup(), OTHER_PASSPHRASE)
    await w.session.write({ 'vault.unlocked': remembered })
    expect((await failureOf(() => w.service.getBaseKey('x'))).code).toBe('vault-locked')
    expect(w.session.data.size).toBe(0)
  })
})
