// The STS Query API endpoint: POST / with a form body (or GET with a query), SigV4-signed.
import { headerValue, splitTarget, type WireRequest } from '../sigv4-canonical'
import type { CountedAction, FakeAwsState } from '../state'
import type { HttpResult } from '../http-types'
import { errorXml, successXml } from '../xml'
import * as ids from '../ids'
import { authenticate } from './authenticate'
import { StsError } from './errors'
import type { Operation } from './operation'
import type { StsEndpoint } from './endpoint'
import { assumeRole } from './assume-role'
import { getSessionToken } from './get-session-token'
import { getFederationToken } from './get-federation-token'
import { getCallerIdentity } from './get-caller-identity'

const OPERATIONS: Record<string, Operation> = {
  AssumeRole: assumeRole,
  GetSessionToken: getSessionToken,
  GetFederationToken: getFederationToken,
  GetCallerIdentity: getCallerIdentity,
}

/** Query parameters and, for a form POST, the body's fields (form encoding: '+' is a space). */
export function queryApiParams(req: WireRequest): URLSearchParams {
  const params = new URLSearchParams(splitTarget(req.target).query)
  const type = headerValue(req.headers, 'content-type') ?? ''
  if (req.method === 'POST' && type.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    const body = typeof req.body === 'string' ? req.body : Buffer.from(req.body).toString('utf8')
    for (const [k, v] of new URLSearchParams(body)) params.append(k, v)
  }
  return params
}

/** `endpoint`: which region the request was sent to (sts/endpoint.ts). */
export function handleSts(state: FakeAwsState, req: WireRequest, endpoint: StsEndpoint): HttpResult {
  const requestId = ids.requestId()
  const params = queryApiParams(req)
  const action = params.get('Action') ?? ''
  const operation = Object.hasOwn(OPERATIONS, action) ? OPERATIONS[action] : undefined
  try {
    const version = params.get('Version')
    if (!operation || (version !== null && version !== '2011-06-15')) {
      throw new StsError(
        'InvalidAction',
        `Could not find operation ${action} for version ${version ?? 'NO_VERSION_SPECIFIED'}`,
        400,
      )
    }
    const caller = authenticate(state, req, endpoint)
    const result = operation({ state, caller, params })
    state.count(action as CountedAction, false)
    return reply(200, successXml(action, result, requestId), requestId, state)
  } catch (error) {
    if (operation) state.count(action as CountedAction, true)
    if (!(error instanceof StsError)) throw error
    return reply(
      error.status,
      errorXml({ type: error.type, code: error.code, message: error.message }, requestId),
      requestId,
      state,
    )
  }
}

function reply(status: number, body: string, requestId: string, state: FakeAwsState): HttpResult {
  // Date comes from the stand-in's clock: SDKs correct their clock skew from it, as they do against AWS.
  return {
    status,
    body,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId, date: new Date(state.now()).toUTCString() },
  }
}
