// Test-only controls over HTTP (/__test/…), served only when the stand-in starts with testApi: true.
import { jsonResult, type HttpResult, type RouteRequest } from './http-types'
import type { FakeAwsState } from './state'
import { handleSsoTestApi } from './sso/test-api'

export function deviceCodes(state: FakeAwsState, serial: string) {
  const device = state.model.device(serial)
  if (!device) throw new Error(`no MFA device ${serial} in the fixture`)
  return state.codes.codes(serial, device.secret, state.now())
}

export function handleTestApi(state: FakeAwsState, req: RouteRequest): HttpResult {
  if (req.url.pathname.startsWith('/__test/sso/')) {
    const sso = handleSsoTestApi(state, req)
    if (sso) return sso
  }
  const route = `${req.method} ${req.url.pathname}`
  switch (route) {
    case 'GET /__test/totp': {
      const serial = req.params.get('serial') ?? ''
      if (!state.model.device(serial)) return jsonResult(404, { error: `no MFA device ${serial}` })
      return jsonResult(200, deviceCodes(state, serial))
    }
    case 'GET /__test/counts':
      return jsonResult(200, { calls: state.calls, failures: state.failures })
    case 'POST /__test/counts/reset':
      state.resetCounts()
      return jsonResult(200, { calls: state.calls, failures: state.failures })
    case 'GET /__test/time-scale':
      return jsonResult(200, { timeScale: state.timeScale })
    case 'POST /__test/time-scale': {
      const scale = Number(req.params.get('timeScale'))
      if (!(scale > 0) || !Number.isFinite(scale))
        return jsonResult(400, { error: 'timeScale must be a positive number' })
      state.setTimeScale(scale)
      return jsonResult(200, { timeScale: state.timeScale })
    }
    case 'GET /__test/multi-session':
      return jsonResult(200, { multiSession: state.multiSession })
    case 'POST /__test/multi-session': {
      const enabled = req.params.get('enabled')
      if (enabled !== 'true' && enabled !== 'false') return jsonResult(400, { error: 'enabled must be true or false' })
      state.multiSession = enabled === 'true'
      return jsonResult(200, { multiSession: state.multiSession })
    }
    case 'POST /__test/expire-console-sessions':
      state.consoleSessions.expireAll(state.now())
      return jsonResult(200, { ok: true })
    default:
      return jsonResult(404, { error: `no test route ${route}` })
  }
}
