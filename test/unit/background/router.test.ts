import { describe, expect, it, vi } from 'vitest'
import { createRouter, senderRefusal, type Handlers } from '../../../src/background/router'
import { RolecallFailure } from '../../../src/shared/protocol'
import type { SenderInfo } from '../../../src/platform/runtime'

const options = { extensionId: 'ext-id', extensionBaseUrl: 'chrome-extension://ext-id/' }
const ownPage: SenderInfo = { id: 'ext-id', url: 'chrome-extension://ext-id/src/popup/index.html', external: false }

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  return {
    'app.status': async () => ({ vault: 'none', profileCount: 0, version: '0', browser: 'chrome' }),
    'app.ping': (request) => ({ text: request.text, at: 1 }),
    'app.openOptions': async () => null,
    ...overrides,
  } as Handlers
}

describe('router', () => {
  it('answers its own pages with a typed value', async () => {
    const dispatch = createRouter(handlers(), options)
    expect(await dispatch({ rolecall: 1, name: 'app.ping', request: { text: 'hi' } }, ownPage)).toEqual({
      ok: true,
      value: { text: 'hi', at: 1 },
    })
  })

  it.each<[string, SenderInfo]>([
    ['a content script', { id: 'ext-id', url: 'https://evil.example/', tabId: 3, external: false }],
    ['another extension', { id: 'other', url: 'chrome-extension://other/page.html', external: true }],
    ['a web page via the external channel', { url: 'https://evil.example/', external: true }],
    ['a sender with no url', { id: 'ext-id', external: false }],
    ['a look-alike origin', { id: 'ext-id', url: 'chrome-extension://ext-id.evil/', external: false }],
  ])('refuses %s with a clear error and never calls a handler', async (_what, sender) => {
    const ping = vi.fn()
    const dispatch = createRouter(handlers({ 'app.ping': ping }), options)
    const reply = await dispatch({ rolecall: 1, name: 'app.ping', request: { text: 'x' } }, sender)
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } })
    expect(ping).not.toHaveBeenCalled()
  })

  it('refuses messages that are not envelopes, and unknown or inherited names', async () => {
    const dispatch = createRouter(handlers(), options)
    for (const message of [
      null,
      'app.status',
      42,
      { name: 'app.status' },
      { rolecall: 2, name: 'app.status', request: {} },
    ]) {
      expect(await dispatch(message, ownPage)).toMatchObject({ ok: false, error: { code: 'bad-request' } })
    }
    for (const name of ['nope', '__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(await dispatch({ rolecall: 1, name, request: {} }, ownPage)).toMatchObject({
        ok: false,
        error: { code: 'unknown-message' },
      })
    }
  })

  it('turns a RolecallFailure into its code and message, and any other error into a generic one', async () => {
    const onInternalError = vi.fn()
    const dispatch = createRouter(
      handlers({
        'app.status': async () => {
          throw new RolecallFailure('vault-locked', 'Unlock Rolecall first.')
        },
        'app.ping': () => {
          throw new Error('secret AKIAIOSFODNN7EXAMPLE leaked?')
        },
      }),
      { ...options, onInternalError },
    )
    expect(await dispatch({ rolecall: 1, name: 'app.status', request: {} }, ownPage)).toEqual({
      ok: false,
      error: { code: 'vault-locked', message: 'Unlock Rolecall first.' },
    })
    const reply = await dispatch({ rolecall: 1, name: 'app.ping', request: { text: '' } }, ownPage)
    expect(reply).toMatchObject({ ok: false, error: { code: 'internal' } })
    // An unexpected error's text may hold anything: it never reaches the page.
    expect(JSON.stringify(reply)).not.toContain('AKIA')
    expect(onInternalError).toHaveBeenCalledOnce()
  })

  it('explains which kind of sender was refused', () => {
    expect(senderRefusal({ external: true }, options)).toMatch(/other extensions or web pages/)
    expect(senderRefusal({ id: 'x', url: options.extensionBaseUrl, external: false }, options)).toMatch(
      /another extension/,
    )
    expect(senderRefusal(ownPage, options)).toBeUndefined()
  })
})
