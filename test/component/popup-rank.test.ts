// The popup list's order helpers (pure; here beside the popup's other tests): putting a fresh list in the order
// of the one on screen changes nothing but the sort's cost, and the kept list is stored in display order.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { ProfileListItem } from '../../src/shared/messages/profiles'
import { arrangedLike, defaultOrder } from '../../src/popup/rank'
import { readCachedList, rememberList } from '../../src/popup/cached-list'

const profileArb = (name: string) =>
  fc
    .record({
      kind: fc.constantFrom<ProfileListItem['kind']>('role', 'federation', 'unusable'),
      pinned: fc.boolean(),
      lastUsed: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
    })
    .map(({ kind, pinned, lastUsed }): ProfileListItem => ({
      name,
      kind,
      chain: [name],
      mfa: false,
      session: 'none',
      pinned,
      ...(lastUsed ? { lastUsed } : {}),
    }))

const listArb = fc
  .uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { maxLength: 40 })
  .chain((names) => fc.tuple(...names.map(profileArb)))

describe('arrangedLike', () => {
  it("gives a permutation of the list whose default order is the same as the list's own", () => {
    fc.assert(
      fc.property(listArb, listArb, fc.boolean(), (fresh, other, fromFresh) => {
        // The reference: the fresh list's names (shuffled through another default order) or unrelated ones.
        const reference = defaultOrder(fromFresh ? fresh.map((p) => ({ ...p, pinned: !p.pinned })) : other)
        const arranged = arrangedLike(fresh, reference)
        expect([...arranged].sort((a, b) => (a.name < b.name ? -1 : 1))).toEqual(
          [...fresh].sort((a, b) => (a.name < b.name ? -1 : 1)),
        )
        expect(defaultOrder(arranged)).toEqual(defaultOrder(fresh))
      }),
    )
  })

  it("puts known names in the reference's order and new ones after, in their own order", () => {
    const p = (name: string): ProfileListItem => ({
      name,
      kind: 'role',
      chain: [name],
      mfa: false,
      session: 'none',
      pinned: false,
    })
    expect(
      arrangedLike([p('c'), p('new-1'), p('a'), p('b'), p('new-2')], [p('b'), p('gone'), p('a'), p('c')]).map(
        (x) => x.name,
      ),
    ).toEqual(['b', 'a', 'c', 'new-1', 'new-2'])
  })
})

describe('kept list order', () => {
  it('is stored in display order', () => {
    localStorage.clear()
    const p = (name: string, extra: Partial<ProfileListItem> = {}): ProfileListItem => ({
      name,
      kind: 'role',
      chain: [name],
      mfa: false,
      session: 'none',
      pinned: false,
      ...extra,
    })
    const list = [
      p('zeta'),
      p('legacy', { kind: 'unusable' }),
      p('alpha'),
      p('recent', { lastUsed: 9 }),
      p('mid', { pinned: true }),
    ]
    rememberList(list)
    expect(readCachedList()?.map((x) => x.name)).toEqual(defaultOrder(list).map((x) => x.name))
    expect(readCachedList()?.map((x) => x.name)).toEqual(['mid', 'recent', 'alpha', 'zeta', 'legacy'])
  })
})
