// Accounts and roles without writing config: for each Identity Center instance signed in, every account and
// role the user has (ListAccounts, then ListAccountRoles per account, paginated, throttling retried by the
// portal client), kept in IndexedDB (store "config", not secret: names and ids) and shown in the popup as
// profiles "<account name>/<role>". Refreshed after each sign-in, on demand, and daily.
import { instanceKey, type SsoInstance } from '../../core/sso/instance'
import type { PreviewRow } from '../../core/config/import/preview'
import type { ProfileSummary } from '../../shared/messages/profiles'
import { rolecallDb } from '../db'
import { accessToken, type SsoNetwork, type SsoVault } from './tokens'

export interface DiscoveredRole {
  accountId: string
  accountName: string
  roleName: string
}

export interface Discovery {
  instance: SsoInstance
  /** Epoch ms of the listing. */
  at: number
  roles: DiscoveredRole[]
}

const DISCOVERED_KEY = 'sso-discovered'
/** ListAccountRoles calls in flight at once: 1,000 accounts list in seconds without tripping the portal's limit. */
const CONCURRENCY = 6
export const DISCOVERY_INTERVAL_MS = 24 * 3600_000

export async function readDiscoveries(): Promise<Record<string, Discovery>> {
  const db = await rolecallDb()
  return ((await db.get('config', DISCOVERED_KEY)) as Record<string, Discovery> | undefined) ?? {}
}

/** Lists every account and role of the instance with a live (or renewed) token, and keeps the result. */
export async function discoverRoles(vault: SsoVault, net: SsoNetwork, instance: SsoInstance): Promise<Discovery> {
  const portal = net.portal(instance.region)
  const token = await accessToken(vault, net, instance)
  const accounts = await portal.listAccounts(token)
  const roles: DiscoveredRole[] = []
  let next = 0
  const worker = async () => {
    while (next < accounts.length) {
      const account = accounts[next++]!
      for (const roleName of await portal.listRoles(token, account.accountId))
        roles.push({ accountId: account.accountId, accountName: account.accountName, roleName })
    }
  }
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, accounts.length) }, worker))
  roles.sort((a, b) => a.accountName.localeCompare(b.accountName) || a.roleName.localeCompare(b.roleName))
  const discovery: Discovery = { instance: { ...instance }, at: net.now(), roles }
  const db = await rolecallDb()
  const tx = db.transaction('config', 'readwrite')
  const all = ((await tx.store.get(DISCOVERED_KEY)) as Record<string, Discovery> | undefined) ?? {}
  all[instanceKey(instance)] = discovery
  await tx.store.put(all, DISCOVERED_KEY)
  await tx.done
  return discovery
}

export async function forgetDiscovery(instance: SsoInstance): Promise<void> {
  const db = await rolecallDb()
  const tx = db.transaction('config', 'readwrite')
  const all = ((await tx.store.get(DISCOVERED_KEY)) as Record<string, Discovery> | undefined) ?? {}
  delete all[instanceKey(instance)]
  await tx.store.put(all, DISCOVERED_KEY)
  await tx.done
}

/** The popup's name for a discovered role. */
export const discoveredName = (role: DiscoveredRole) => `${role.accountName}/${role.roleName}`

/** What the merge needs of an imported profile: the popup's summary has it (no need to read 10,000 rows). */
export type ImportedProfile = Pick<ProfileSummary, 'name' | 'kind' | 'accountId' | 'roleName' | 'chain'>

/**
 * Discovered roles as preview rows, leaving out any an imported profile already opens (an SSO profile of the
 * same account and role: the config's profile, with its colour and region, is the one shown) or whose name an
 * imported profile has.
 */
export function discoveredRows(
  discoveries: Record<string, Discovery>,
  imported: readonly ImportedProfile[],
): PreviewRow[] {
  const names = new Set(imported.map((r) => r.name))
  const opened = new Set(
    imported.flatMap((r) =>
      r.kind === 'sso' && r.chain.length === 1 && r.accountId && r.roleName ? [`${r.accountId} ${r.roleName}`] : [],
    ),
  )
  const rows: PreviewRow[] = []
  for (const { instance, roles } of Object.values(discoveries)) {
    for (const role of roles) {
      const name = discoveredName(role)
      if (names.has(name) || opened.has(`${role.accountId} ${role.roleName}`)) continue
      names.add(name)
      rows.push({
        name,
        partition: 'aws',
        chain: [name],
        access: {
          kind: 'sso',
          ssoProfile: name,
          sso: {
            startUrl: instance.startUrl,
            ssoRegion: instance.region,
            accountId: role.accountId,
            roleName: role.roleName,
          },
          chain: [],
        },
        accountId: role.accountId,
        roleName: role.roleName,
        diagnostics: [],
        inherited: {},
        inheritedFromDefault: [],
      })
    }
  }
  return rows
}

/** Summaries for the popup: the same fields an imported SSO profile has. */
export function discoveredSummaries(rows: readonly PreviewRow[]): ProfileSummary[] {
  return rows.map((row) => ({
    name: row.name,
    kind: 'sso',
    chain: row.chain,
    mfa: false,
    ...(row.accountId ? { accountId: row.accountId } : {}),
    ...(row.roleName ? { roleName: row.roleName } : {}),
  }))
}

/** The popup's whole list: the imported profiles, then every discovered role no imported profile opens. */
export async function withDiscovered(imported: ProfileSummary[]): Promise<ProfileSummary[]> {
  const discoveries = await readDiscoveries()
  if (Object.keys(discoveries).length === 0) return imported
  return [...imported, ...discoveredSummaries(discoveredRows(discoveries, imported))]
}
