// IAM Identity Center's entry point: the OIDC service, the access portal API and the device page, each for the
// face and region the request reached (request.ts).
import type { IncomingMessage } from 'node:http'
import type { HttpResult } from '../http-types'
import type { FakeAwsState } from '../state'
import { handleAuthorize, handleDevicePage } from './browser-flow'
import { json } from './errors'
import { handleOidc } from './oidc'
import { handlePortal } from './portal'
import type { SsoTarget } from './request'

export function handleSso(
  state: FakeAwsState,
  target: SsoTarget,
  req: IncomingMessage,
  body: Buffer,
  url: URL,
  cookieName: string,
  secure: boolean,
): HttpResult {
  const ssoReq = {
    ...target,
    method: req.method ?? 'GET',
    query: url.searchParams,
    headers: req.headers,
    body,
    cookieName,
    secure,
  }
  const sso = state.sso
  const result =
    target.service === 'oidc'
      ? target.path === '/authorize'
        ? handleAuthorize(sso, ssoReq)
        : handleOidc(sso, ssoReq)
      : target.service === 'portal'
        ? handlePortal(state, sso, ssoReq)
        : handleDevicePage(sso, ssoReq)
  // restJson1 services answer an unknown route with UnknownOperationException [U: the exact body is not public].
  return result ?? json(404, { message: 'Unknown operation' }, { 'x-amzn-errortype': 'UnknownOperationException' })
}
