// Who signed this STS request: SigV4 checks in AWS's order, then the key (long-term or temporary).
import type { IssuedCredentials } from '../credential-store'
import type { IamUser, Principal } from '../iam-model'
import { checkSignature, checkSigningTime, parseSigV4, type SigV4Failure, type WireRequest } from '../sigv4-verify'
import type { FakeAwsState } from '../state'
import { expiredToken, invalidClientTokenId, StsError } from './errors'
import { scopeRegionAccepted, type StsEndpoint } from './endpoint'

export type Caller =
  | { kind: 'long-term'; user: IamUser; accessKeyId: string; region: string }
  | { kind: 'temporary'; credentials: IssuedCredentials; region: string }

export function callerPrincipal(caller: Caller): Principal {
  return caller.kind === 'long-term' ? { type: 'user', user: caller.user } : caller.credentials.principal
}

export function callerBaseUser(caller: Caller): IamUser {
  return caller.kind === 'long-term' ? caller.user : caller.credentials.baseUser
}

const sigv4Error = (f: SigV4Failure) => new StsError(f.code, f.message, f.status)

/**
 * `endpoint`: where the request was sent (sts/endpoint.ts), which decides the regions its scope may name. The
 * payload is always hashed from the body: STS has no UNSIGNED-PAYLOAD (sigv4-verify.ts, PayloadHashing).
 */
export function authenticate(state: FakeAwsState, req: WireRequest, endpoint: StsEndpoint): Caller {
  const auth = parseSigV4(req, { service: 'sts', region: (region) => scopeRegionAccepted(endpoint, region) })
  if ('ok' in auth) throw sigv4Error(auth)
  const late = checkSigningTime(auth, state.now())
  if (late) throw sigv4Error(late)

  let secret: string
  let caller: Caller
  const key = state.model.accessKey(auth.accessKeyId)
  if (key) {
    // A session token beside a long-term key is as invalid as an unknown key.
    if (!key.active || auth.sessionToken !== undefined) throw invalidClientTokenId()
    secret = key.secretAccessKey
    caller = { kind: 'long-term', user: key.user, accessKeyId: auth.accessKeyId, region: auth.region }
  } else {
    const issued = state.credentials.find(auth.accessKeyId)
    // Temporary keys are only valid together with their own token, signed or added after signing.
    if (!issued || auth.sessionToken !== issued.sessionToken) throw invalidClientTokenId()
    if (state.now() >= issued.expiresAtMs) throw expiredToken()
    secret = issued.secretAccessKey
    caller = { kind: 'temporary', credentials: issued, region: auth.region }
  }
  const mismatch = checkSignature(req, auth, secret, 'body')
  if (mismatch) throw sigv4Error(mismatch)
  return caller
}
