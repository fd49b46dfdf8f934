// Test-only controls over IAM Identity Center (/__test/sso/…, with testApi: true): what a person does in the
// browser, and the ends of sessions a test cannot wait for.
import { jsonResult, type HttpResult, type RouteRequest } from '../http-types'
import type { FakeAwsState } from '../state'
import { generatedAccounts } from './instance'

const count = (text: string | null, max: number): number | undefined => {
  const n = Number(text)
  return text !== null && Number.isInteger(n) && n >= 0 && n <= max ? n : undefined
}

/** Approves a pending device authorisation as the demo user, in a new portal session. */
export function approveDevice(state: FakeAwsState, userCode: string): boolean {
  const device = state.sso.pendingDevice(userCode)
  if (!device) return false
  state.sso.approveDevice(device, state.sso.startSession(device.region).id)
  return true
}

export function handleSsoTestApi(state: FakeAwsState, req: RouteRequest): HttpResult | undefined {
  const sso = state.sso
  switch (`${req.method} ${req.url.pathname}`) {
    case 'POST /__test/sso/approve':
      return approveDevice(state, req.params.get('user_code') ?? '')
        ? jsonResult(200, { approved: true })
        : jsonResult(404, { error: 'no pending device authorisation with that user_code' })
    case 'POST /__test/sso/expire-access-tokens':
      sso.expireAccessTokens()
      return jsonResult(200, { ok: true })
    case 'POST /__test/sso/end-portal-sessions':
      sso.endAllSessions()
      return jsonResult(200, { ok: true })
    case 'POST /__test/sso/throttle': {
      const n = count(req.params.get('count'), 1_000_000)
      if (n === undefined) return jsonResult(400, { error: 'count must be a whole number' })
      sso.throttled = n
      return jsonResult(200, { throttled: n })
    }
    case 'POST /__test/sso/accounts': {
      const accounts = count(req.params.get('count'), 10_000)
      const roles = count(req.params.get('roles') ?? '1', 50)
      if (accounts === undefined || roles === undefined)
        return jsonResult(400, { error: 'count must be 0..10000 and roles 0..50' })
      sso.accounts = generatedAccounts(accounts, roles)
      return jsonResult(200, { accounts, roles })
    }
    case 'POST /__test/sso/auto-approve': {
      const enabled = req.params.get('enabled')
      if (enabled !== 'true' && enabled !== 'false') return jsonResult(400, { error: 'enabled must be true or false' })
      sso.autoApprove = enabled === 'true'
      return jsonResult(200, { autoApprove: sso.autoApprove })
    }
    case 'GET /__test/sso/counts':
      return jsonResult(200, sso.counts)
    case 'POST /__test/sso/counts/reset':
      sso.resetCounts()
      return jsonResult(200, sso.counts)
    default:
      return undefined
  }
}
