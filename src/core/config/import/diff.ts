// What a re-import would change, shown before it is applied: profiles added, removed, and changed (with the
// fields that differ). Works on the stored projection of preview rows, so an old import can be compared
// with a new paste without re-parsing the old text.
import type { Partition } from './account'
import type { ConsoleAccess } from './classify'
import type { PreviewRow } from './preview'

/** What Rolecall keeps per imported profile (no secrets): the comparable part of a preview row. */
export interface ProfileRecord {
  name: string
  accountId?: string
  roleName?: string
  roleArn?: string
  partition: Partition
  /** Profile names from the one holding the base keys to this profile. */
  chain: string[]
  /** The MFA device the first prompt is for (the first hop that asks for one). */
  mfaSerial?: string
  region?: string
  color?: string
  access: ConsoleAccess
}

export interface ImportDiff {
  added: string[]
  removed: string[]
  changed: { name: string; fields: string[] }[]
  unchanged: number
}

const COMPARED = [
  'accountId',
  'roleName',
  'roleArn',
  'partition',
  'chain',
  'mfaSerial',
  'region',
  'color',
  'access',
] as const

export function recordOf(row: PreviewRow): ProfileRecord {
  const record: ProfileRecord = { name: row.name, partition: row.partition, chain: [...row.chain], access: row.access }
  if (row.accountId !== undefined) record.accountId = row.accountId
  if (row.roleName !== undefined) record.roleName = row.roleName
  if (row.roleArn !== undefined) record.roleArn = row.roleArn
  if (row.mfaSerial !== undefined) record.mfaSerial = row.mfaSerial
  if (row.region !== undefined) record.region = row.region
  if (row.color !== undefined) record.color = row.color
  return record
}

export function diffImports(previous: readonly ProfileRecord[], next: readonly ProfileRecord[]): ImportDiff {
  const before = new Map(previous.map((r) => [r.name, r]))
  const after = new Map(next.map((r) => [r.name, r]))
  const diff: ImportDiff = { added: [], removed: [], changed: [], unchanged: 0 }
  for (const [name, record] of after) {
    const old = before.get(name)
    if (old === undefined) {
      diff.added.push(name)
      continue
    }
    const fields = COMPARED.filter((field) => canonical(old[field]) !== canonical(record[field]))
    if (fields.length > 0) diff.changed.push({ name, fields: [...fields] })
    else diff.unchanged++
  }
  for (const name of before.keys()) if (!after.has(name)) diff.removed.push(name)
  return diff
}

/** JSON with sorted keys, so objects built in a different order still compare equal. */
function canonical(value: unknown): string {
  return (
    JSON.stringify(value, (_key, v: unknown) =>
      v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(
            Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
          )
        : v,
    ) ?? 'undefined'
  )
}
