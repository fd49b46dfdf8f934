// Errors as IAM Identity Center sends them (restJson1): the exception's name in x-amzn-ErrorType, which
// botocore and the JS SDK read as the error code, and a JSON body.
//   OIDC:   HTTP 400 (401 for InvalidClientException, 500 for InternalServerException),
//           {"error":"authorization_pending","error_description":"Authorization is still pending"}, x-amzn-ErrorType
//           "AuthorizationPendingException:http://internal.amazon.com/coral/com.amazonaws.sso.oidc/" [I] (real
//           responses in AWS CLI debug logs: aws/aws-cli#5878, boto/boto3#3891); statuses [V] botocore's model.
//   Portal: {"message":"…"}, 400/401/403/404/429 by exception [V] botocore's `sso` model; ForbiddenException
//           "No access" (403) [I] (aws/aws-sam-cli#2129, fwdcloudsec/granted#276), UnauthorizedException
//           "Session token not found or invalid" [I] (aws/aws-cli#7340). The portal's x-amzn-ErrorType suffix is [U].
import { requestId } from '../ids'
import type { HttpResult } from '../http-types'

const OIDC_ERRORS = {
  AuthorizationPendingException: ['authorization_pending', 400],
  SlowDownException: ['slow_down', 400],
  ExpiredTokenException: ['expired_token', 400],
  AccessDeniedException: ['access_denied', 400],
  InvalidGrantException: ['invalid_grant', 400],
  InvalidClientException: ['invalid_client', 401],
  InvalidRequestException: ['invalid_request', 400],
  InvalidScopeException: ['invalid_scope', 400],
  UnauthorizedClientException: ['unauthorized_client', 400],
  UnsupportedGrantTypeException: ['unsupported_grant_type', 400],
  InvalidClientMetadataException: ['invalid_client_metadata', 400],
  InvalidRedirectUriException: ['invalid_redirect_uri', 400],
} as const satisfies Record<string, readonly [string, number]>
export type OidcException = keyof typeof OIDC_ERRORS

export class OidcError extends Error {
  constructor(
    readonly exception: OidcException,
    readonly description: string,
  ) {
    super(description)
  }
}

export const AUTHORIZATION_PENDING = 'Authorization is still pending'
export const NO_ACCESS = 'No access'
export const SESSION_TOKEN_INVALID = 'Session token not found or invalid'

export function oidcErrorResult(error: OidcError): HttpResult {
  const [code, status] = OIDC_ERRORS[error.exception]
  return json(status, { error: code, error_description: error.description }, errorType(error.exception, 'sso.oidc'))
}

const PORTAL_ERRORS = {
  InvalidRequestException: 400,
  UnauthorizedException: 401,
  ForbiddenException: 403,
  ResourceNotFoundException: 404,
  TooManyRequestsException: 429,
} as const
export type PortalException = keyof typeof PORTAL_ERRORS

export class PortalError extends Error {
  constructor(
    readonly exception: PortalException,
    message: string,
  ) {
    super(message)
  }
}

export function portalErrorResult(error: PortalError): HttpResult {
  return json(
    PORTAL_ERRORS[error.exception],
    { message: error.message },
    errorType(error.exception, 'switchboard.portal'),
  )
}

function errorType(exception: string, service: string): Record<string, string> {
  return { 'x-amzn-errortype': `${exception}:http://internal.amazon.com/coral/com.amazonaws.${service}/` }
}

export function json(status: number, value: unknown, headers: Record<string, string> = {}): HttpResult {
  return {
    status,
    body: JSON.stringify(value),
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId(), ...headers },
  }
}
