import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup, render, screen, fireEvent, within } from '@testing-library/svelte'
import { RolecallFailure } from '../../src/shared/protocol'

const call = vi.hoisted(() => vi.fn())
vi.mock('../../src/shared/client', () => ({ call }))

import VaultSection from '../../src/options/vault/vault-section.svelte'
import KeysSection from '../../src/options/vault/keys-section.svelte'
import BackupSection from '../../src/options/vault/backup-section.svelte'

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
const KEY = { profile: 'prod', accessKeyIdLast4: 'MPLE', createdAt: '2025-01-02T00:00:00.000Z', iamUserName: 'alice' }

afterEach(() => {
  cleanup()
  call.mockReset()
})

describe('options: create vault', () => {
  it('gives length and strength feedback, and enables "Create" only for a good passphrase typed twice', async () => {
    call.mockResolvedValue({ state: 'unlocked' })
    const onchange = vi.fn()
    render(VaultSection, { vault: 'none', onchange })
    const create = screen.getByTestId('create-submit') as HTMLButtonElement
    const first = screen.getByTestId('create-new')
    const second = screen.getByTestId('create-confirm')
    await fireEvent.input(first, { target: { value: 'short' } })
    expect(screen.getByTestId('create-strength').textContent).toMatch(/at least 10 characters \(5 more\)/)
    expect(create.disabled).toBe(true)
    await fireEvent.input(first, { target: { value: 'password123' } })
    expect(screen.getByTestId('create-strength').textContent).toMatch(/Too easy to guess/)
    await fireEvent.input(first, { target: { value: 'tangerine submarine violin' } })
    await fireEvent.input(second, { target: { value: 'tangerine submarine violim' } })
    expect(screen.getByTestId('create-mismatch').textContent).toBe('The two passphrases differ.')
    expect(create.disabled).toBe(true)
    await fireEvent.input(second, { target: { value: 'tangerine submarine violin' } })
    expect(screen.getByTestId('create-strength').textContent).toMatch(/Strong|Good/)
    expect(create.disabled).toBe(false)
    await fireEvent.click(create)
    await vi.waitFor(() => expect(onchange).toHaveBeenCalledOnce())
    expect(call).toHaveBeenCalledWith('vault.create', { passphrase: 'tangerine submarine violin' })
  })
})

describe('options: keys', () => {
  it('lists keys by the last 4 characters of their id only', async () => {
    call.mockImplementation(async (name: string) => (name === 'keys.list' ? { keys: [KEY] } : null))
    render(KeysSection)
    const row = await screen.findByTestId('key-row')
    expect(row.textContent).toContain('prod')
    expect(row.textContent).toContain('…MPLE')
    expect(row.textContent).toContain('alice')
  })

  it('adds a key, clears the secret field and never shows the secret again', async () => {
    call.mockImplementation(async (name: string) =>
      name === 'keys.list' ? { keys: [] } : name === 'keys.put' ? KEY : null,
    )
    render(KeysSection)
    await screen.findByTestId('keys-empty')
    const form = screen.getByTestId('add-key-form')
    await fireEvent.input(within(form).getByLabelText('Profile'), { target: { value: 'prod' } })
    await fireEvent.input(within(form).getByLabelText('Access key ID'), { target: { value: 'AKIAIOSFODNN7EXAMPLE' } })
    const secret = within(form).getByLabelText('Secret access key') as HTMLInputElement
    expect(secret.type).toBe('password')
    await fireEvent.input(secret, { target: { value: SECRET } })
    await fireEvent.click(within(form).getByTestId('key-save'))
    expect((await screen.findByTestId('keys-message')).textContent).toMatch(
      /Saved the key of “prod” \(…MPLE\)\. Its secret is encrypted and will not be shown again\./,
    )
    expect(call).toHaveBeenCalledWith('keys.put', {
      profile: 'prod',
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: SECRET,
    })
    expect(secret.value).toBe('')
    expect(document.body.innerHTML).not.toContain(SECRET)
    expect(document.body.innerHTML).not.toContain('AKIAIOSFODNN7EXAMPLE')
  })

  it('shows a validation failure naming the profile', async () => {
    call.mockImplementation(async (name: string) => {
      if (name === 'keys.list') return { keys: [] }
      throw new RolecallFailure('bad-request', 'Profile "prod": this is a temporary key (its ID starts with ASIA)…')
    })
    render(KeysSection)
    const form = await screen.findByTestId('add-key-form')
    await fireEvent.input(within(form).getByLabelText('Profile'), { target: { value: 'prod' } })
    await fireEvent.input(within(form).getByLabelText('Access key ID'), { target: { value: 'ASIAIOSFODNN7EXAMPLE' } })
    await fireEvent.input(within(form).getByLabelText('Secret access key'), { target: { value: SECRET } })
    await fireEvent.click(within(form).getByTestId('key-save'))
    expect((await screen.findByTestId('key-error')).textContent).toMatch(/^Profile "prod": this is a temporary key/)
  })

  it('deletes only after confirmation', async () => {
    call.mockImplementation(async (name: string) => (name === 'keys.list' ? { keys: [KEY] } : null))
    render(KeysSection)
    await fireEvent.click(await screen.findByTestId('key-delete'))
    expect(call).not.toHaveBeenCalledWith('keys.delete', expect.anything())
    await fireEvent.click(screen.getByTestId('key-delete-confirm'))
    await vi.waitFor(() => expect(call).toHaveBeenCalledWith('keys.delete', { profile: 'prod' }))
  })

  it('rotates a key with the profile fixed', async () => {
    call.mockImplementation(async (name: string) =>
      name === 'keys.list' ? { keys: [KEY] } : name === 'keys.put' ? { ...KEY, accessKeyIdLast4: '9999' } : null,
    )
    render(KeysSection)
    await fireEvent.click(await screen.findByTestId('key-rotate'))
    const form = screen.getByTestId('rotate-key-form')
    expect((within(form).getByLabelText('Profile') as HTMLInputElement).disabled).toBe(true)
    await fireEvent.input(within(form).getByLabelText('Access key ID'), { target: { value: 'AKIAZZZZZZZZZZZZ9999' } })
    await fireEvent.input(within(form).getByLabelText('Secret access key'), { target: { value: SECRET } })
    await fireEvent.click(within(form).getByTestId('key-save'))
    await vi.waitFor(() =>
      expect(call).toHaveBeenCalledWith('keys.put', {
        profile: 'prod',
        accessKeyId: 'AKIAZZZZZZZZZZZZ9999',
        secretAccessKey: SECRET,
      }),
    )
  })
})

describe('options: backup', () => {
  it('exports a file download', async () => {
    call.mockResolvedValue({ text: '{"format":"rolecall-backup"}', fileName: 'rolecall-backup-2025-01-02.json' })
    const createObjectURL = vi.fn(() => 'blob:backup')
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() })
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {})
    render(BackupSection, { vault: 'unlocked', onimported: vi.fn() })
    await fireEvent.click(screen.getByTestId('backup-export'))
    await vi.waitFor(() => expect(click).toHaveBeenCalledOnce())
    expect((click.mock.instances[0] as unknown as HTMLAnchorElement).download).toBe('rolecall-backup-2025-01-02.json')
    expect(screen.getByTestId('backup-message').textContent).toMatch(/Saved rolecall-backup-2025-01-02\.json/)
  })

  it('imports a picked file with its passphrase, after confirming the replacement', async () => {
    call.mockResolvedValue({ keys: [KEY] })
    const onimported = vi.fn()
    render(BackupSection, { vault: 'unlocked', onimported })
    const file = new File(['{"format":"rolecall-backup"}'], 'backup.json', { type: 'application/json' })
    await fireEvent.change(screen.getByTestId('backup-file'), { target: { files: [file] } })
    await fireEvent.input(screen.getByTestId('backup-passphrase'), { target: { value: 'backup passphrase!' } })
    const restore = screen.getByTestId('backup-import') as HTMLButtonElement
    await vi.waitFor(() => expect(restore.disabled).toBe(true)) // not yet confirmed
    await fireEvent.click(screen.getByTestId('backup-confirm'))
    await vi.waitFor(() => expect(restore.disabled).toBe(false))
    await fireEvent.click(restore)
    await vi.waitFor(() => expect(onimported).toHaveBeenCalledOnce())
    expect(call).toHaveBeenCalledWith('vault.importBackup', {
      text: '{"format":"rolecall-backup"}',
      passphrase: 'backup passphrase!',
    })
    expect(screen.getByTestId('backup-message').textContent).toMatch(/Restored 1 key from backup\.json/)
  })

  it("shows the importer's clear error for a wrong passphrase", async () => {
    call.mockRejectedValue(new RolecallFailure('wrong-passphrase', 'That passphrase does not open this backup.'))
    render(BackupSection, { vault: 'none', onimported: vi.fn() })
    await fireEvent.change(screen.getByTestId('backup-file'), { target: { files: [new File(['{}'], 'b.json')] } })
    await fireEvent.input(screen.getByTestId('backup-passphrase'), { target: { value: 'nope' } })
    const restore = screen.getByTestId('backup-import') as HTMLButtonElement
    await vi.waitFor(() => expect(restore.disabled).toBe(false))
    await fireEvent.click(restore)
    expect((await screen.findByRole('alert')).textContent).toBe('That passphrase does not open this backup.')
  })
})

describe('options: lock now', () => {
  it("locks the vault and drops the popup's kept list, so the next popup opens on the unlock form", async () => {
    const { KEPT_LIST_KEYS } = await import('../../src/popup/cached-list')
    for (const key of KEPT_LIST_KEYS) localStorage.setItem(key, '{"format":1,"profiles":[]}')
    call.mockImplementation(async (name: string) =>
      name === 'vault.settings.get' ? { autoLockMinutes: 15 } : { state: 'locked' },
    )
    const LockSettings = (await import('../../src/options/vault/lock-settings.svelte')).default
    const onlocked = vi.fn()
    render(LockSettings, { onlocked })
    await fireEvent.click(screen.getByTestId('options-lock-now'))
    await vi.waitFor(() => expect(onlocked).toHaveBeenCalled())
    expect(call).toHaveBeenCalledWith('vault.lock', {})
    for (const key of KEPT_LIST_KEYS) expect(localStorage.getItem(key)).toBeNull()
  })
})

describe("options: unlock (the same form as the popup's)", () => {
  it("asks for a passphrase when empty, then shows a wrong passphrase's reason with the text selected, then unlocks", async () => {
    const UnlockCard = (await import('../../src/options/vault/unlock-card.svelte')).default
    const onunlocked = vi.fn()
    render(UnlockCard, { onunlocked })
    await fireEvent.submit(screen.getByTestId('options-unlock'))
    expect(screen.getByTestId('options-unlock-error').textContent).toBe('Enter your passphrase.')
    expect(call).not.toHaveBeenCalled()
    call.mockRejectedValueOnce(new RolecallFailure('wrong-passphrase', 'That passphrase does not unlock the vault.'))
    const field = screen.getByTestId('options-unlock-passphrase') as HTMLInputElement
    await fireEvent.input(field, { target: { value: 'wrong one' } })
    await fireEvent.click(screen.getByTestId('options-unlock-submit'))
    await vi.waitFor(() => expect(screen.getByTestId('options-unlock-error').textContent).toMatch(/does not unlock/))
    await vi.waitFor(() => expect([field.selectionStart, field.selectionEnd]).toEqual([0, 'wrong one'.length]))
    call.mockResolvedValueOnce({ state: 'unlocked' })
    await fireEvent.input(field, { target: { value: 'the right one' } })
    await fireEvent.click(screen.getByTestId('options-unlock-submit'))
    await vi.waitFor(() => expect(onunlocked).toHaveBeenCalledOnce())
    expect(call).toHaveBeenLastCalledWith('vault.unlock', { passphrase: 'the right one' })
    expect(field.value).toBe('')
  })
})
