// The access portal API (service "sso", restJson1): ListAccounts, ListAccountRoles, GetRoleCredentials, Logout,
// authenticated by the OIDC access token in x-amz-sso_bearer_token [V] botocore's `sso` model.
import type { HttpResult } from '../http-types'
import type { FakeAwsState } from '../state'
import type { AccessToken, IdentityCenter, SsoOperation } from './identity-center'
import { json, NO_ACCESS, PortalError, portalErrorResult, SESSION_TOKEN_INVALID } from './errors'
import { DEFAULT_PERMISSION_SET_SECONDS, ssoBaseUser, ssoRoleName, ssoRolePath } from './instance'
import type { SsoRequest } from './request'

/** Page size when max_result is absent [U]: AWS does not document it; small enough that pagination is exercised. */
export const DEFAULT_PAGE_SIZE = 20
/** The model's range for maxResults: 1..100 [V] botocore's `sso` model (MaxResultType). */
export const MAX_PAGE_SIZE = 100

const ROUTES: Record<string, SsoOperation> = {
  'GET /assignment/accounts': 'ListAccounts',
  'GET /assignment/roles': 'ListAccountRoles',
  'GET /federation/credentials': 'GetRoleCredentials',
  'POST /logout': 'Logout',
}

export function handlePortal(state: FakeAwsState, sso: IdentityCenter, req: SsoRequest): HttpResult | undefined {
  const operation = ROUTES[`${req.method} ${req.path}`]
  if (!operation) return undefined
  let result: HttpResult
  try {
    if (sso.throttle()) throw new PortalError('TooManyRequestsException', 'Too many requests')
    const token = bearer(sso, req)
    if (operation === 'ListAccounts') result = listAccounts(sso, req)
    else if (operation === 'ListAccountRoles') result = listAccountRoles(sso, req)
    else if (operation === 'GetRoleCredentials') result = getRoleCredentials(state, sso, req)
    else result = logout(sso, token)
  } catch (error) {
    if (!(error instanceof PortalError)) throw error
    result = portalErrorResult(error)
  }
  sso.count(operation, result.status >= 400)
  return result
}

function bearer(sso: IdentityCenter, req: SsoRequest): AccessToken {
  const header = req.headers['x-amz-sso_bearer_token']
  const value = Array.isArray(header) ? header[0] : header
  const token = sso.liveAccessToken(value, req.region)
  if (!token) throw new PortalError('UnauthorizedException', SESSION_TOKEN_INVALID)
  return token
}

/** next_token is opaque to clients; here the offset, tied to the listing it came from. */
function page<T>(items: T[], req: SsoRequest, listing: string): { items: T[]; nextToken?: string } {
  const maxText = req.query.get('max_result')
  const size = maxText === null ? DEFAULT_PAGE_SIZE : Number(maxText)
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE)
    throw new PortalError('InvalidRequestException', 'Invalid max_result')
  let offset = 0
  const next = req.query.get('next_token')
  if (next !== null && next !== '') {
    const match = /^(\d+):(.*)$/.exec(Buffer.from(next, 'base64url').toString('utf8'))
    if (!match || match[2] !== listing || Number(match[1]) > items.length)
      throw new PortalError('InvalidRequestException', 'Invalid next_token')
    offset = Number(match[1])
  }
  const end = offset + size
  return {
    items: items.slice(offset, end),
    ...(end < items.length ? { nextToken: Buffer.from(`${end}:${listing}`).toString('base64url') } : {}),
  }
}

function listAccounts(sso: IdentityCenter, req: SsoRequest): HttpResult {
  const { items, nextToken } = page(sso.accounts, req, 'accounts')
  return json(200, {
    accountList: items.map((a) => ({ accountId: a.id, accountName: a.name, emailAddress: a.email })),
    ...(nextToken ? { nextToken } : {}),
  })
}

function accountParam(sso: IdentityCenter, req: SsoRequest) {
  const id = req.query.get('account_id')
  if (!id) throw new PortalError('InvalidRequestException', 'account_id is required')
  return sso.account(id)
}

function listAccountRoles(sso: IdentityCenter, req: SsoRequest): HttpResult {
  const account = accountParam(sso, req)
  // An account the user is not assigned to [U]: AWS's answer is not public; the model lists ResourceNotFound.
  if (!account) throw new PortalError('ResourceNotFoundException', 'Account not found')
  const { items, nextToken } = page(account.permissionSets, req, `roles/${account.id}`)
  return json(200, {
    roleList: items.map((p) => ({ roleName: p.name, accountId: account.id })),
    ...(nextToken ? { nextToken } : {}),
  })
}

/**
 * Credentials for the permission set's role in the account, minted in the credential store so STS, the
 * federation endpoint and the console accept them. Expiration is epoch milliseconds [V] the model (a long).
 */
function getRoleCredentials(state: FakeAwsState, sso: IdentityCenter, req: SsoRequest): HttpResult {
  const roleName = req.query.get('role_name')
  if (!roleName) throw new PortalError('InvalidRequestException', 'role_name is required')
  const account = accountParam(sso, req)
  const set = account?.permissionSets.find((p) => p.name === roleName)
  if (!account || !set) throw new PortalError('ForbiddenException', NO_ACCESS)
  const role = state.model.provisionRole(account.id, {
    name: ssoRoleName(account.id, set.name),
    path: ssoRolePath(sso.fixture.region),
    maxSessionDuration: 43200,
    // Identity Center's roles trust its SAML provider only: no IAM principal may assume them.
    trust: [],
  })
  const duration = set.sessionDurationSeconds ?? DEFAULT_PERMISSION_SET_SECONDS
  const issued = state.credentials.issue({
    issuedBy: 'GetRoleCredentials',
    principal: { type: 'assumed-role', role, sessionName: sso.fixture.user.name },
    baseUser: ssoBaseUser(sso.fixture),
    mfaPresent: false,
    issuedWithLongTermKeys: false,
    region: req.region,
    durationSeconds: duration,
    issuedAtMs: state.now(),
    expiresAtMs: state.credentialExpiry(duration),
  })
  return json(200, {
    roleCredentials: {
      accessKeyId: issued.accessKeyId,
      secretAccessKey: issued.secretAccessKey,
      sessionToken: issued.sessionToken,
      expiration: issued.expiresAtMs,
    },
  })
}

/** Logout ends the portal session: its access and refresh tokens stop working [D] (the Logout API reference). */
function logout(sso: IdentityCenter, token: AccessToken): HttpResult {
  sso.endSession(token.sessionId)
  // An empty body, as AWS answers (docs/aws-protocol.md §7.2).
  return { ...json(200, {}), body: '' }
}
