// Console sessions Rolecall opened: which tabs hold which profile's console, until when, and each tab's last
// console URL (the console's "session expired" page does not carry it). Non-secret; kept in IndexedDB so a
// stopped worker or a browser restart does not forget them.
import { rolecallDb } from '../db'
import { withLock } from '../locks'

export interface TrackedSession {
  profile: string
  /** Console tabs of this profile, with the last console URL seen in each. */
  tabs: Record<number, { lastUrl?: string }>
  /** When the console session (and its credentials) end, epoch ms. */
  expiresAt: number
  /** The identity the console shows (assumed-role or federated-user ARN). */
  identityArn?: string
  sessionName?: string
  /** The cookie jar it lives in (Firefox container), if any. */
  cookieStoreId?: string
  /**
   * The per-login value in the Issuer link of this session's latest sign-in: the console's "session expired"
   * link signs a tab in again only when it carries this value (src/background/relogin/issuer-gate.ts).
   */
  issuerToken?: string
  /** The value an Issuer visit spent on the latest sign-in: a late second report of that visit is ignored. */
  replacedIssuerToken?: string
  /** Set when a refresh is waiting for the user's MFA code. */
  waitingForMfa?: boolean
  signedInAt: number
}

const STORE = 'consoleSessions'

export async function listTracked(): Promise<TrackedSession[]> {
  const db = await rolecallDb()
  return (await db.getAll(STORE)) as TrackedSession[]
}

export async function getTracked(profile: string): Promise<TrackedSession | undefined> {
  const db = await rolecallDb()
  return (await db.get(STORE, profile)) as TrackedSession | undefined
}

/** Read-modify-write of one profile's record under a lock; `change` returning undefined deletes it. */
export function updateTracked(
  profile: string,
  change: (current: TrackedSession | undefined) => TrackedSession | undefined,
): Promise<TrackedSession | undefined> {
  return withLock(`tracked:${profile}`, async () => {
    const db = await rolecallDb()
    const next = change((await db.get(STORE, profile)) as TrackedSession | undefined)
    if (next) await db.put(STORE, next, profile)
    else await db.delete(STORE, profile)
    return next
  })
}

export async function profileOfTab(tabId: number): Promise<TrackedSession | undefined> {
  return (await listTracked()).find((s) => Object.hasOwn(s.tabs, tabId))
}

export async function forgetTab(tabId: number): Promise<void> {
  const session = await profileOfTab(tabId)
  if (!session) return
  await updateTracked(session.profile, (current) => {
    if (!current) return undefined
    const { [tabId]: _closed, ...rest } = current.tabs
    return { ...current, tabs: rest }
  })
}
