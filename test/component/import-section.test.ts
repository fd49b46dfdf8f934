// Options → Import, rendered in jsdom with the background replaced by a fake `call` whose previews come
// from the real config core, so the page shows what a real import would.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte'
import type { ImportDiff } from '../../src/core/config/import/diff'
import { buildPreview } from '../../src/core/config/import/preview'
import type { PreviousImport } from '../../src/core/config/import/report'
import { type PreviewReply, type PreviewRequest, PreviewStore } from '../../src/options/import/preview-store'

const call = vi.hoisted(() => vi.fn())
vi.mock('../../src/shared/client', () => ({ call }))
const readStoredImportFromPage = vi.hoisted(() => vi.fn())
vi.mock('../../src/core/storage/stored-import', () => ({ readStoredImportFromPage }))

import ImportSection from '../../src/options/import/import-section.svelte'

const CONFIG = [
  '[default]', // 1
  'region = us-east-1', // 2
  '[profile base]', // 3
  'mfa_serial = arn:aws:iam::111111111111:mfa/me', // 4
  '[profile admin]', // 5
  'source_profile = base', // 6
  'role_arn = arn:aws:iam::222222222222:role/Admin', // 7
  'color = #2ca02c', // 8
  'region = eu-west-1 # Ireland', // 9
  '[profile ci]', // 10
  'credential_process = /usr/bin/get-creds', // 11
  'oops', // 12
  '[profile evil]', // 13
  'color = red;background:url(https://x)', // 14
].join('\n')
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'

function backend(
  options: {
    stored?: { importedAt: number | null; text: string; profileCount: number }
    /** The import already stored, as the page reads it from IndexedDB. */
    previous?: PreviousImport
    keyProfiles?: string[]
    diff?: ImportDiff
  } = {},
) {
  readStoredImportFromPage.mockImplementation(async () => options.previous)
  call.mockImplementation(async (name: string) => {
    if (name === 'config.stored') return options.stored ?? { importedAt: null, text: '', profileCount: 0 }
    if (name === 'config.keyProfiles') return { profiles: options.keyProfiles ?? [] }
    if (name === 'config.apply') {
      options.stored = { importedAt: 5, text: 'stored copy', profileCount: 5 }
      return {
        importedAt: 5,
        profileCount: 5,
        diff: options.diff ?? { added: ['a'], changed: [], removed: [], unchanged: 0 },
        unusedKeys: [],
        secretLinesRemoved: 0,
      }
    }
    if (name === 'keys.importCredentials')
      return { imported: [{ profile: 'base', accessKeyIdLast4: 'MPLE', createdAt: '2025-01-01' }], problems: [] }
    throw new Error(`unexpected ${name}`)
  })
}

async function pasteAndPreview(text = CONFIG) {
  await fireEvent.input(screen.getByTestId('config-text'), { target: { value: text } })
  await fireEvent.click(screen.getByTestId('config-preview-button'))
  await screen.findAllByTestId('preview-row') // the table asks for its rows once the preview is shown
}

afterEach(() => {
  cleanup()
  call.mockReset()
})

describe('options: import', () => {
  it('previews every profile with account, role, chain, region, colour, diagnostics by line and unusable reasons', async () => {
    backend()
    render(ImportSection, { vault: 'unlocked' })
    expect((screen.getByTestId('config-preview-button') as HTMLButtonElement).disabled).toBe(true)
    await pasteAndPreview()
    // Built on the page: the text crosses to the background only when imported.
    expect(call).toHaveBeenCalledWith('config.keyProfiles', {})
    expect(JSON.stringify(call.mock.calls)).not.toContain('mfa/me')
    const rows = screen.getAllByTestId('preview-row')
    expect(rows.map((r) => r.dataset.profile)).toEqual(['default', 'base', 'admin', 'ci', 'evil'])
    const admin = rows[2]!
    expect(within(admin).getByTestId('row-account').textContent).toBe('222222222222')
    expect(within(admin).getByTestId('row-role').textContent).toBe('Admin')
    expect(within(admin).getByTestId('row-chain').textContent).toBe('base → admin')
    expect(within(admin).getByTestId('row-region').textContent).toBe('eu-west-1')
    expect(within(admin).getByTestId('row-colour').getAttribute('style')).toContain('rgb(44, 160, 44)')
    const adminDetails = screen.getAllByTestId('row-details').find((r) => r.dataset.profile === 'admin')!
    expect(
      within(adminDetails)
        .getAllByTestId('row-diagnostic')
        .map((d) => d.dataset.line),
    ).toEqual(['9'])
    const ci = screen.getAllByTestId('row-details').find((r) => r.dataset.profile === 'ci')!
    expect(within(ci).getByTestId('row-reason').textContent).toMatch(/cannot run in a browser/)
    expect(
      within(ci)
        .getAllByTestId('row-diagnostic')
        .map((d) => [d.dataset.line, d.dataset.severity]),
    ).toEqual(
      [
        ['12', 'error'],
        ['10', 'warning'],
      ].sort(),
    )
    expect(screen.getByTestId('preview-summary').dataset.errors).toBe('1')
    expect(screen.getByTestId('config-apply-button').textContent).toMatch(/Import anyway \(1 error\)/)
    expect(screen.getByTestId('missing-keys').textContent).toContain('base')
  })

  it('names the first 100 profiles without a key, then how many more (one line of thousands was slow to lay out)', async () => {
    backend()
    render(ImportSection, { vault: 'unlocked' })
    const names = Array.from({ length: 150 }, (_, i) => `base-${String(i).padStart(3, '0')}`)
    await pasteAndPreview(names.map((name) => `[profile ${name}]\nregion = us-east-1\n`).join('\n'))
    const text = screen.getByTestId('missing-keys').textContent!.replace(/\s+/g, ' ')
    expect(text).toContain('base-000, base-001')
    expect(text).toContain('base-099 and 50 more:')
    expect(text).not.toContain('base-100')
  })

  it('marks values taken from [default]', async () => {
    backend()
    render(ImportSection, { vault: 'unlocked' })
    await pasteAndPreview()
    const base = screen.getAllByTestId('preview-row').find((r) => r.dataset.profile === 'base')!
    const mark = within(base).getByTestId('inherited')
    expect(mark.dataset.field).toBe('region')
    expect(mark.getAttribute('title')).toMatch(/Taken from \[default\]/)
    const admin = screen.getAllByTestId('preview-row').find((r) => r.dataset.profile === 'admin')!
    expect(within(admin).queryByTestId('inherited')).toBeNull()
  })

  it('never turns a config colour into arbitrary CSS', async () => {
    backend()
    render(ImportSection, { vault: 'unlocked' })
    await pasteAndPreview()
    const evil = screen.getAllByTestId('preview-row').find((r) => r.dataset.profile === 'evil')!
    expect(within(evil).queryByTestId('row-colour')).toBeNull()
    expect(evil.innerHTML).not.toContain('url(')
  })

  it('shows a hundred rows at a time, and finds a profile by part of its name', async () => {
    backend()
    render(ImportSection, { vault: 'unlocked' })
    const many = Array.from({ length: 250 }, (_, i) => `[profile p${i}]\nregion = eu-west-1\n`).join('')
    await pasteAndPreview(`${many}[profile broken]\ncredential_process = /usr/bin/get-creds\n`)
    expect(screen.getByTestId('preview-summary').textContent).toMatch(/251 profiles/)
    expect(screen.getAllByTestId('preview-row')).toHaveLength(100)
    await fireEvent.click(screen.getByTestId('preview-more'))
    await vi.waitFor(() => expect(screen.getAllByTestId('preview-row')).toHaveLength(200))
    await fireEvent.input(screen.getByTestId('preview-find'), { target: { value: 'P24' } })
    await vi.waitFor(() =>
      expect(screen.getAllByTestId('preview-row').map((r) => r.dataset.profile)).toEqual([
        'p24',
        ...Array.from({ length: 10 }, (_, i) => `p24${i}`),
      ]),
    )
    await fireEvent.input(screen.getByTestId('preview-find'), { target: { value: '' } })
    await fireEvent.click(screen.getByTestId('only-problems'))
    await vi.waitFor(() =>
      expect(screen.getAllByTestId('preview-row').map((r) => r.dataset.profile)).toEqual(['broken']),
    )
  })

  it('a changed text makes the preview stale until previewed again', async () => {
    backend()
    render(ImportSection, { vault: 'unlocked' })
    await pasteAndPreview()
    await fireEvent.input(screen.getByTestId('config-text'), { target: { value: `${CONFIG}\n[profile more]` } })
    expect(screen.getByTestId('preview-stale')).toBeTruthy()
    expect((screen.getByTestId('config-apply-button') as HTMLButtonElement).disabled).toBe(true)
  })

  it('a re-import shows what is added, changed and removed before applying, and that unused keys are kept', async () => {
    const before = buildPreview(
      '[profile base]\n[profile old]\nsource_profile = base\nrole_arn = arn:aws:iam::1:role/x\n',
    ).rows
    backend({
      stored: { importedAt: 42, text: 'old', profileCount: 2 },
      previous: { importedAt: 42, rows: before },
      keyProfiles: ['base', 'legacy'],
    })
    render(ImportSection, { vault: 'unlocked' })
    expect((await screen.findByTestId('import-status')).textContent).toMatch(/2 profiles imported/)
    await pasteAndPreview()
    expect(screen.getByTestId('diff-added').textContent).toMatch(/default, admin, ci, evil/)
    expect(screen.getByTestId('diff-changed').textContent).toMatch(/base \(account, MFA device/)
    expect(screen.getByTestId('diff-removed').textContent).toMatch(/old/)
    expect(screen.getByTestId('unused-keys').textContent).toMatch(/legacy.*stay in the vault/)
    await fireEvent.click(screen.getByTestId('config-apply-button'))
    await screen.findByTestId('import-result')
    expect(call).toHaveBeenCalledWith('config.apply', { text: CONFIG, basedOn: 42 })
  })

  it('importing sends pasted credentials to the vault only, then clears them from the page', async () => {
    backend()
    const onchange = vi.fn()
    render(ImportSection, { vault: 'unlocked', onchange })
    await pasteAndPreview()
    const creds = screen.getByTestId('import-credentials-text') as HTMLTextAreaElement
    const pasted = `[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = ${SECRET}\n`
    await fireEvent.input(creds, { target: { value: pasted } })
    await fireEvent.click(screen.getByTestId('config-apply-button'))
    expect((await screen.findByTestId('import-keys-result')).textContent).toMatch(/Keys stored in the vault: base/)
    expect(call).toHaveBeenCalledWith('keys.importCredentials', { text: pasted })
    expect(
      call.mock.calls.filter(([name]) => name !== 'keys.importCredentials').flatMap(([, req]) => JSON.stringify(req)),
    ).not.toContain(SECRET)
    expect(creds.value).toBe('')
    expect(document.body.innerHTML).not.toContain(SECRET)
    await vi.waitFor(() => expect(onchange).toHaveBeenCalledOnce())
    expect((screen.getByTestId('config-text') as HTMLTextAreaElement).value).toBe('stored copy')
  })

  it('keys cannot be pasted while the vault is locked', async () => {
    backend()
    render(ImportSection, { vault: 'locked' })
    expect(screen.queryByTestId('import-credentials-text')).toBeNull()
    expect(screen.getByTestId('import-credentials-locked').textContent).toMatch(/Unlock the vault first/)
  })

  it('a refused import (e.g. another tab imported first) is shown as it is', async () => {
    backend()
    render(ImportSection, { vault: 'unlocked' })
    await pasteAndPreview()
    call.mockImplementationOnce(async () => {
      throw new Error('The imported config changed since this preview.')
    })
    await fireEvent.click(screen.getByTestId('config-apply-button'))
    expect((await screen.findByTestId('import-error')).textContent).toMatch(/changed since this preview/)
  })

  it('compares with the import read when the page opened, and reads it again once an import is refused', async () => {
    backend()
    readStoredImportFromPage.mockClear()
    render(ImportSection, { vault: 'unlocked' })
    await pasteAndPreview()
    const previewButton = screen.getByTestId('config-preview-button')
    await fireEvent.click(previewButton)
    await vi.waitFor(() => expect(previewButton.textContent).toBe('Preview'))
    // Read once, not on each Preview: reading 10,000 stored rows took ~100 ms of the click's wait.
    expect(readStoredImportFromPage).toHaveBeenCalledOnce()
    expect(screen.queryByTestId('import-diff')).toBeNull()
    // Another tab imports; this page's import is refused, and the next preview compares with the new one.
    readStoredImportFromPage.mockImplementation(async () => ({
      importedAt: 7,
      rows: buildPreview('[profile old]\n').rows,
    }))
    call.mockImplementationOnce(async () => {
      throw new Error('The imported config changed since this preview.')
    })
    await fireEvent.click(screen.getByTestId('config-apply-button'))
    await screen.findByTestId('import-error')
    expect(readStoredImportFromPage).toHaveBeenCalledTimes(2)
    await fireEvent.click(screen.getByTestId('config-preview-button'))
    expect((await screen.findByTestId('diff-removed')).textContent).toMatch(/old/)
    await fireEvent.click(screen.getByTestId('config-apply-button'))
    await screen.findByTestId('import-result')
    expect(call).toHaveBeenCalledWith('config.apply', { text: CONFIG, basedOn: 7 })
  })

  it('typing while a paste is read previews what the box holds once the typing pauses', async () => {
    /** Stands in for preview-worker.ts: holds its reads until told to answer, then answers every request. */
    class FakeWorker {
      static started: FakeWorker[] = []
      onmessage: ((event: MessageEvent<PreviewReply>) => void) | null = null
      onerror: (() => void) | null = null
      received: PreviewRequest[] = []
      store = new PreviewStore()
      answering = false
      constructor() {
        FakeWorker.started.push(this)
      }
      postMessage(request: PreviewRequest) {
        this.received.push(request)
        if (this.answering) setTimeout(() => void this.answer(), 0)
      }
      terminate() {}
      async answer() {
        this.answering = true
        for (const request of this.received.splice(0))
          this.onmessage?.({ data: await this.store.answer(request) } as MessageEvent<PreviewReply>)
      }
    }
    vi.stubGlobal('Worker', FakeWorker)
    try {
      backend()
      render(ImportSection, { vault: 'unlocked' })
      const area = screen.getByTestId('config-text')
      await fireEvent.input(area, { target: { value: CONFIG } })
      await fireEvent.click(screen.getByTestId('config-preview-button'))
      expect(FakeWorker.started[0]!.received).toMatchObject([{ kind: 'read', text: CONFIG }]) // read at once for the click
      await fireEvent.input(area, { target: { value: `${CONFIG}\n[profile more]` } })
      // Once the typing pauses the newer text's read replaces the first; the click waits for it instead.
      await vi.waitFor(() => expect(FakeWorker.started).toHaveLength(2))
      await FakeWorker.started[1]!.answer()
      await screen.findAllByTestId('preview-row')
      expect(screen.getAllByTestId('preview-row').map((r) => r.dataset.profile)).toContain('more')
      expect(screen.queryByTestId('preview-stale')).toBeNull()
      expect(screen.queryByTestId('import-error')).toBeNull()
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it('a stored import that could not be read when the page opened is read again by Preview', async () => {
    const before = buildPreview('[profile old]\n').rows
    backend({ stored: { importedAt: 42, text: 'old', profileCount: 1 }, previous: { importedAt: 42, rows: before } })
    readStoredImportFromPage.mockClear()
    readStoredImportFromPage.mockImplementationOnce(async () => {
      throw new Error('The database is busy.')
    })
    render(ImportSection, { vault: 'unlocked' })
    await pasteAndPreview()
    expect(readStoredImportFromPage).toHaveBeenCalledTimes(2)
    expect(screen.getByTestId('diff-removed').textContent).toMatch(/old/)
    expect(screen.queryByTestId('import-error')).toBeNull()
  })
})
