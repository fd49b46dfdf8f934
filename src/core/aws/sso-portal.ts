// Identity Center's portal (the "sso" service): the accounts and roles a signed-in user has, a role's
// credentials, and sign-out, through the AWS SDK's own client. The access token is the only authority
// (the x-amz-sso_bearer_token header); no call is signed. Throttling (429) is retried with backoff.
import {
  GetRoleCredentialsCommand,
  ListAccountRolesCommand,
  ListAccountsCommand,
  LogoutCommand,
  SSOClient,
} from '@aws-sdk/client-sso'
import { withDeadline } from './deadline'
import { SsoError, ssoErrorOf, ssoTimeout } from '../sso/errors'
import type { TemporaryCredentials } from './sts'

export interface PortalAccount {
  accountId: string
  accountName: string
  emailAddress?: string
}

export interface PortalApi {
  listAccounts(accessToken: string): Promise<PortalAccount[]>
  listRoles(accessToken: string, accountId: string): Promise<string[]>
  roleCredentials(accessToken: string, accountId: string, roleName: string): Promise<TemporaryCredentials>
  logout(accessToken: string): Promise<void>
}

export interface PortalOptions {
  region: string
  /** Tests: the stand-in's portal address. Absent: AWS's own host for the region. */
  endpoint?: string
  timeoutMs?: number
  /** Tries for a throttled call (429), with 0.5 s, 1 s, 2 s… between them. */
  throttleTries?: number
  sleep?: (ms: number) => Promise<void>
}

/** The most a portal list page may hold (the service's own limit). */
const PAGE_SIZE = 100
/** A listing stops here rather than looping on a portal that never ends its pages. */
const MAX_PAGES = 1_000

export function createSdkPortal(options: PortalOptions): PortalApi {
  const timeoutMs = options.timeoutMs ?? 10_000
  const tries = Math.max(1, options.throttleTries ?? 6)
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  const client = new SSOClient({
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    maxAttempts: 1,
  })

  async function once<T>(what: string, command: unknown): Promise<T> {
    return withDeadline(
      timeoutMs,
      async (abortSignal) => (await client.send(command as never, { abortSignal })) as T,
      (error, timedOut) => (timedOut ? ssoTimeout(timeoutMs, what) : ssoErrorOf(error, what)),
    )
  }

  async function send<T>(what: string, command: () => unknown): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await once<T>(what, command())
      } catch (error) {
        if (!(error instanceof SsoError) || error.code !== 'throttled' || attempt >= tries) throw error
        await sleep(500 * 2 ** (attempt - 1))
      }
    }
  }

  async function pages<Item>(
    what: string,
    page: (nextToken: string | undefined) => unknown,
    itemsOf: (out: Record<string, unknown>) => Item[],
  ): Promise<Item[]> {
    const items: Item[] = []
    let nextToken: string | undefined
    for (let n = 0; n < MAX_PAGES; n++) {
      const out = await send<Record<string, unknown>>(what, () => page(nextToken))
      items.push(...itemsOf(out))
      nextToken = typeof out.nextToken === 'string' && out.nextToken ? out.nextToken : undefined
      if (!nextToken) return items
    }
    throw new SsoError('failed', `Identity Center kept returning pages while ${what}; stopped after ${MAX_PAGES}.`)
  }

  return {
    listAccounts: (accessToken) =>
      pages(
        'listing your accounts',
        (nextToken) =>
          new ListAccountsCommand({ accessToken, maxResults: PAGE_SIZE, ...(nextToken ? { nextToken } : {}) }),
        (out) =>
          ((out.accountList as Array<Record<string, unknown>> | undefined) ?? []).flatMap((a) =>
            typeof a.accountId === 'string'
              ? [
                  {
                    accountId: a.accountId,
                    accountName: typeof a.accountName === 'string' ? a.accountName : a.accountId,
                    ...(typeof a.emailAddress === 'string' ? { emailAddress: a.emailAddress } : {}),
                  },
                ]
              : [],
          ),
      ),

    listRoles: (accessToken, accountId) =>
      pages(
        `listing your roles in ${accountId}`,
        (nextToken) =>
          new ListAccountRolesCommand({
            accessToken,
            accountId,
            maxResults: PAGE_SIZE,
            ...(nextToken ? { nextToken } : {}),
          }),
        (out) =>
          ((out.roleList as Array<Record<string, unknown>> | undefined) ?? []).flatMap((r) =>
            typeof r.roleName === 'string' ? [r.roleName] : [],
          ),
      ),

    async roleCredentials(accessToken, accountId, roleName) {
      const what = `getting credentials for ${roleName} in ${accountId}`
      const out = await send<{ roleCredentials?: Record<string, unknown> }>(
        what,
        () => new GetRoleCredentialsCommand({ accessToken, accountId, roleName }),
      )
      const c = out.roleCredentials ?? {}
      const { accessKeyId, secretAccessKey, sessionToken, expiration } = c
      if (
        typeof accessKeyId !== 'string' ||
        typeof secretAccessKey !== 'string' ||
        typeof sessionToken !== 'string' ||
        typeof expiration !== 'number'
      )
        throw new SsoError('failed', `Identity Center's answer while ${what} had no usable credentials.`)
      // The portal gives the expiry in epoch milliseconds (STS uses ISO 8601).
      return { accessKeyId, secretAccessKey, sessionToken, expiration: new Date(expiration) }
    },

    async logout(accessToken) {
      await send('signing out of Identity Center', () => new LogoutCommand({ accessToken }))
    },
  }
}
