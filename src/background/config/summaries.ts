// What the popup shows of each profile, derived once when a config is imported (not on every popup open).
import { cssColour } from '../../core/tabs/colours'
import type { PreviewRow } from '../../core/config/import/preview'
import type { ProfileSummary } from '../../shared/messages/profiles'

export function summaryOf(row: PreviewRow): ProfileSummary {
  const lastHop = row.access.kind === 'role' || row.access.kind === 'sso' ? row.access.chain.at(-1) : undefined
  const colour = cssColour(row.color)
  const summary: ProfileSummary = {
    name: row.name,
    kind: row.access.kind,
    chain: row.chain,
    mfa: Boolean(row.mfaSerial),
  }
  if (row.access.kind === 'unusable') summary.reason = row.access.reason
  if (row.accountId) summary.accountId = row.accountId
  if (row.roleName) summary.roleName = row.roleName
  if (row.region) summary.region = row.region
  if (colour) summary.color = colour
  if (lastHop?.roleSessionName) summary.sessionName = lastHop.roleSessionName
  return summary
}
