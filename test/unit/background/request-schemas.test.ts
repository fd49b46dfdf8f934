// The checks the router runs on each request (src/shared/schema.ts, declared beside each message's types): what
// is refused, in what words, and that a handler gets only the fields its message declares.
import { describe, expect, it } from 'vitest'
import { allMessages } from '../../../src/shared/messages'
import { CONFIG_TEXT_MAX } from '../../../src/shared/messages/config'
import { bool, checkedLater, int, object, optional, text } from '../../../src/shared/schema'

const refusal = (run: () => unknown) => {
  try {
    run()
  } catch (error) {
    return { code: (error as { code?: string }).code, message: (error as Error).message }
  }
  return undefined
}

describe('request schemas', () => {
  const request = object({
    name: text(5),
    count: optional(int(1, 9)),
    on: bool(),
    nested: object({ url: optional(text(10)) }),
    patch: checkedLater<{ a?: number }>(),
  })
  const valid = { name: 'abc', on: true, nested: {}, patch: { a: 1 } }

  it('names the field and what it should be, as a bad-request', () => {
    expect(refusal(() => request.check(null, ''))).toEqual({
      code: 'bad-request',
      message: 'The request must be an object.',
    })
    expect(refusal(() => request.check([], ''))?.message).toBe('The request must be an object.')
    expect(refusal(() => request.check({ ...valid, name: 5 }, ''))?.message).toBe('The request needs "name" as text.')
    expect(refusal(() => request.check({ ...valid, name: 'abcdef' }, ''))?.message).toBe(
      '"name" is longer than 5 characters.',
    )
    expect(refusal(() => request.check({ ...valid, count: 1.5 }, ''))?.message).toBe(
      '"count" must be a whole number from 1 to 9.',
    )
    expect(refusal(() => request.check({ ...valid, on: 'yes' }, ''))?.message).toBe('"on" must be true or false.')
    expect(refusal(() => request.check({ ...valid, nested: { url: 7 } }, ''))?.message).toBe(
      'The request needs "nested.url" as text.',
    )
    expect(refusal(() => request.check({ ...valid, patch: ['a'] }, ''))?.message).toBe('"patch" must be an object.')
  })

  it('reads own fields only, and hands on only the declared ones', () => {
    expect(refusal(() => request.check(JSON.parse(`{"__proto__": ${JSON.stringify(valid)}}`), ''))?.message).toBe(
      'The request needs "name" as text.',
    )
    expect(refusal(() => request.check(Object.create(valid), ''))?.message).toBe('The request needs "name" as text.')
    const checked = request.check({ ...valid, count: undefined, extra: 'x', nested: { url: 'u', more: 1 } }, '')
    expect(checked).toEqual({ name: 'abc', on: true, nested: { url: 'u' }, patch: { a: 1 } })
    expect(Object.keys(checked)).not.toContain('count')
  })

  it('keeps the caps the handlers had: config text 5 MB, passphrases 1024, names 256', () => {
    const { request: apply } = allMessages['config.apply']
    expect(apply.check({ text: 'x'.repeat(CONFIG_TEXT_MAX), basedOn: 0 }, '').text).toHaveLength(CONFIG_TEXT_MAX)
    expect(refusal(() => apply.check({ text: 'x'.repeat(CONFIG_TEXT_MAX + 1), basedOn: 0 }, ''))?.message).toBe(
      `"text" is longer than ${CONFIG_TEXT_MAX} characters.`,
    )
    expect(refusal(() => allMessages['vault.unlock'].request.check({ passphrase: 'p'.repeat(1025) }, ''))).toEqual({
      code: 'bad-request',
      message: '"passphrase" is longer than 1024 characters.',
    })
    expect(refusal(() => allMessages['login.open'].request.check({ profile: 'p'.repeat(257) }, ''))?.message).toBe(
      '"profile" is longer than 256 characters.',
    )
    expect(refusal(() => allMessages['config.apply'].request.check({ text: '', basedOn: -1 }, ''))?.message).toBe(
      '"basedOn" must be the basedOn of the preview (0 before the first import).',
    )
  })
})
