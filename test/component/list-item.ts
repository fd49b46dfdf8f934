// A profile as the popup lists it, for the popup's component tests: a role behind MFA in account 2222…, with
// whatever a test sets on top.
import type { ProfileListItem } from '../../src/shared/messages/profiles'

export const listItem = (name: string, extra: Partial<ProfileListItem> = {}): ProfileListItem => ({
  name,
  kind: 'role',
  chain: ['base', name],
  mfa: true,
  session: 'none',
  pinned: false,
  accountId: '222222222222',
  roleName: 'Developer',
  ...extra,
})
