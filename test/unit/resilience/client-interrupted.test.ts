// A page whose message loses its background mid-request: the browser rejects the send (Chrome, when a
// stopped service worker drops the reply channel), and the page's call turns that into a sentence naming what
// was interrupted and what to do — never a hang, never the browser's raw text alone.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { RolecallFailure } from '../../../src/shared/protocol'

const send = vi.fn<(message: unknown) => Promise<unknown>>()
vi.mock('../../../src/platform/page-messages', () => ({ sendToBackground: (message: unknown) => send(message) }))
const { call } = await import('../../../src/shared/client')

const CHROME_CLOSED =
  'A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received'
const FIREFOX_CLOSED = 'Promised response from onMessage listener went out of scope'

async function failureOf(promise: Promise<unknown>): Promise<RolecallFailure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(RolecallFailure)
  return error as RolecallFailure
}

beforeEach(() => {
  send.mockReset()
})

describe('a call whose background stopped before answering', () => {
  it.each([
    ['config.apply', { text: '[profile a]\n', basedOn: 0 }, 'importing the config'],
    ['vault.changePassphrase', { oldPassphrase: 'a', newPassphrase: 'b' }, 'changing the passphrase'],
    ['vault.importBackup', { text: '{}', passphrase: 'p' }, 'importing the backup'],
  ] as const)(
    '%s: names the change, says it is all or nothing, and to check and retry',
    async (name, request, action) => {
      send.mockImplementation(async () => {
        throw new Error(CHROME_CLOSED)
      })
      const failure = await failureOf(call(name, request as never))
      expect(failure.code).toBe('internal')
      expect(failure.detail).toEqual({ interrupted: true })
      expect(failure.message).toBe(
        `The browser stopped Rolecall's background before it finished ${action}. Nothing is left half-done: it happened completely or not at all. Check, then try again.`,
      )
    },
  )

  it('login.open: says what stopped and to try again (Firefox wording of the same loss)', async () => {
    send.mockImplementation(async () => {
      throw new Error(FIREFOX_CLOSED)
    })
    const failure = await failureOf(call('login.open', { profile: 'dev', newTab: false }))
    expect(failure.message).toBe(
      "The browser stopped Rolecall's background before it finished opening the console. Try again.",
    )
  })

  it("a background that cannot be reached at all: says so, with the browser's reason, and what to do", async () => {
    send.mockImplementation(async () => {
      throw new Error('Could not establish connection. Receiving end does not exist.')
    })
    const failure = await failureOf(call('app.status', {}))
    expect(failure.detail).toBeUndefined()
    expect(failure.message).toBe(
      "Rolecall's background did not answer while handling this request (Could not establish connection. Receiving end does not exist.). Try again; if it keeps failing, reload the extension.",
    )
  })

  it('still passes a typed error reply through as it is', async () => {
    send.mockResolvedValueOnce({ ok: false, error: { code: 'vault-locked', message: 'Unlock Rolecall first.' } })
    const failure = await failureOf(call('keys.list', {}))
    expect([failure.code, failure.message]).toEqual(['vault-locked', 'Unlock Rolecall first.'])
  })
})
