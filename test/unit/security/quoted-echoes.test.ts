// withoutQuotedEchoes: the hostile-message property judges messages with isSentence, which fails on the words
// "undefined" and "NaN" (a leaked value). A request whose own strings hold those words may be quoted back;
// only such quoted echoes are taken out before judging, never a leak.
import { describe, expect, it } from 'vitest'
import { isSentence, withoutQuotedEchoes } from './hostile-requests'

const judged = (message: string, request: Record<string, unknown>) =>
  isSentence(withoutQuotedEchoes({ ok: false, code: 'bad-request', message }, request).message)

describe('withoutQuotedEchoes', () => {
  it('takes out a quoted echo of the request, whole or its start', () => {
    expect(judged('Profile "undefined": the access key ID must start with AKIA.', { profile: 'undefined' })).toBe(true)
    const long = `new Map([[null,undefined]]) ${'x'.repeat(200)}`
    expect(judged(`There is no profile "${long.slice(0, 100)}". Import your config again.`, { profile: long })).toBe(
      true,
    )
  })

  it('leaves a leaked value to fail: unquoted, not from the request, or a request without the word', () => {
    expect(judged('Profile undefined: the access key ID must start with AKIA.', { profile: 'undefined' })).toBe(false)
    expect(judged('Profile "undefined": the access key ID must start with AKIA.', { profile: 'dev' })).toBe(false)
    expect(judged('Profile "dev" has NaN seconds left.', { profile: 'dev' })).toBe(false)
    expect(judged('Profile "undefined-x" has NaN seconds left.', { profile: 'undefined-x' })).toBe(false)
  })
})
