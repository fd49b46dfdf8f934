// The pages' message to the background without webextension-polyfill: it must answer as the polyfill did, in
// Firefox (its own promise API, used as it is) and in Chrome (the callback form and the polyfill's two rules).
import { afterEach, describe, expect, it } from 'vitest'
import { sendToBackground } from '../../src/platform/page-messages'

type Scope = { browser?: unknown; chrome?: unknown }
const scope = globalThis as Scope

afterEach(() => {
  delete scope.browser
  delete scope.chrome
})

/** A Chrome runtime whose sendMessage answers `reply`, or sets lastError to `error` for the callback. */
function chromeAnswering(reply: unknown, error?: string) {
  const runtime: { id: string; lastError?: { message: string }; sendMessage: unknown } = {
    id: 'abc',
    sendMessage(message: unknown, callback: (reply: unknown) => void) {
      if (error) runtime.lastError = { message: error }
      callback(error ? undefined : reply)
      delete runtime.lastError
    },
  }
  scope.chrome = { runtime }
}

describe('sendToBackground', () => {
  it("uses Firefox's own browser.runtime.sendMessage", async () => {
    const sent: unknown[] = []
    scope.browser = { runtime: { id: 'x', sendMessage: async (m: unknown) => (sent.push(m), 'answer') } }
    scope.chrome = { runtime: { id: 'x', sendMessage: () => Promise.reject(new Error('not this one')) } }
    expect(await sendToBackground({ a: 1 })).toBe('answer')
    expect(sent).toEqual([{ a: 1 }])
  })

  it("in Chrome resolves the background's reply", async () => {
    chromeAnswering({ ok: true, json: '1' })
    expect(await sendToBackground({})).toEqual({ ok: true, json: '1' })
  })

  it("in Chrome rejects with the browser's error, word for word", async () => {
    const closed =
      'A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received'
    chromeAnswering(undefined, closed)
    await expect(sendToBackground({})).rejects.toThrow(closed)
  })

  it('in Chrome resolves undefined when no listener answered (as Firefox and the polyfill do)', async () => {
    chromeAnswering(undefined, 'The message port closed before a response was received.')
    expect(await sendToBackground({})).toBeUndefined()
  })

  it("in Chrome rejects with the message of a listener's rejection sent by the polyfill", async () => {
    chromeAnswering({ __mozWebExtensionPolyfillReject__: true, message: 'it failed' })
    await expect(sendToBackground({})).rejects.toThrow('it failed')
  })

  it('in Chrome rejects when sending throws (a page of a reloaded extension)', async () => {
    scope.chrome = {
      runtime: {
        id: 'abc',
        sendMessage() {
          throw new Error('Extension context invalidated.')
        },
      },
    }
    await expect(sendToBackground({})).rejects.toThrow('Extension context invalidated.')
  })
})
