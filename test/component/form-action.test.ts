// FormAction (src/ui/form-action.svelte.ts): the busy/failure steps every background-calling form shares.
import { describe, expect, test } from 'vitest'
import { FormAction } from '../../src/ui/form-action.svelte'

/** A promise to settle from the test, to look at the action while its work is under way. */
function deferred(): { promise: Promise<void>; resolve: () => void; reject: (error: Error) => void } {
  let resolve!: () => void
  let reject!: (error: Error) => void
  const promise = new Promise<void>((yes, no) => ((resolve = yes), (reject = no)))
  return { promise, resolve, reject }
}

describe('FormAction', () => {
  test('is busy while its work runs, refuses a second submit meanwhile, and is ready again after', async () => {
    const action = new FormAction()
    const work = deferred()
    const first = action.run(() => work.promise)
    expect(action.busy).toBe(true)
    let secondRan = false
    expect(
      await action.run(async () => {
        secondRan = true
      }),
    ).toBe(false)
    expect(secondRan).toBe(false)
    work.resolve()
    expect(await first).toBe(true)
    expect(action.busy).toBe(false)
    expect(action.failure).toBeUndefined()
  })

  test('a failure shows the error in its own words until the next attempt starts', async () => {
    const action = new FormAction()
    expect(
      await action.run(async () => {
        throw new Error('Wrong passphrase.')
      }),
    ).toBe(false)
    expect(action.failure).toBe('Wrong passphrase.')
    expect(action.busy).toBe(false)
    const work = deferred()
    const again = action.run(() => work.promise)
    expect(action.failure).toBeUndefined()
    work.resolve()
    expect(await again).toBe(true)
  })

  test('what a finished attempt said it did lasts until the next attempt starts', async () => {
    const action = new FormAction()
    expect(
      await action.run(async () => {
        action.done = 'Saved.'
      }),
    ).toBe(true)
    expect(action.done).toBe('Saved.')
    const work = deferred()
    const again = action.run(() => work.promise)
    expect(action.done).toBeUndefined()
    work.reject(new Error('Disk full.'))
    expect(await again).toBe(false)
    expect(action.done).toBeUndefined()
    expect(action.failure).toBe('Disk full.')
  })

  test('keepBusy leaves a finished form busy (it is about to be replaced), but not a failed one', async () => {
    const action = new FormAction()
    expect(await action.run(async () => {}, { keepBusy: true })).toBe(true)
    expect(action.busy).toBe(true)
    const other = new FormAction()
    expect(
      await other.run(
        async () => {
          throw new Error('no')
        },
        { keepBusy: true },
      ),
    ).toBe(false)
    expect(other.busy).toBe(false)
  })

  test('alongside runs while others are under way, and the action is busy until the last one finishes', async () => {
    const action = new FormAction()
    const first = deferred()
    const second = deferred()
    const one = action.run(() => first.promise, { alongside: true })
    const two = action.run(() => second.promise, { alongside: true })
    expect(await action.run(async () => {})).toBe(false)
    first.resolve()
    expect(await one).toBe(true)
    expect(action.busy).toBe(true)
    second.reject(new Error('Not found.'))
    expect(await two).toBe(false)
    expect(action.busy).toBe(false)
    expect(action.failure).toBe('Not found.')
  })

  test('fail and succeed show an outcome reached outside run, each replacing the other', () => {
    const action = new FormAction()
    action.fail(new Error('The list did not load.'))
    expect([action.failure, action.done]).toEqual(['The list did not load.', undefined])
    action.succeed('Saved.')
    expect([action.failure, action.done]).toEqual([undefined, 'Saved.'])
    action.fail('plain text')
    expect([action.failure, action.done]).toEqual(['plain text', undefined])
  })
})
