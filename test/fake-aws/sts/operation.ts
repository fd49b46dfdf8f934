// What every STS operation gets and returns.
import { isoTime } from '../clock'
import type { IssuedCredentials } from '../credential-store'
import type { FakeAwsState } from '../state'
import type { XmlChildren } from '../xml'
import type { Caller } from './authenticate'
import { regionDisabled } from './errors'
import { principalAccount } from '../iam-model'
import { callerPrincipal } from './authenticate'

export interface OperationInput {
  state: FakeAwsState
  caller: Caller
  params: URLSearchParams
}

/** The <…Result> children. */
export type Operation = (input: OperationInput) => XmlChildren

export function credentialsXml(c: IssuedCredentials): XmlChildren {
  return [
    ['AccessKeyId', c.accessKeyId],
    ['SecretAccessKey', c.secretAccessKey],
    ['SessionToken', c.sessionToken],
    ['Expiration', isoTime(c.expiresAtMs)],
  ]
}

/** STS can be deactivated per account and region; the caller's account decides. */
export function checkRegionActive(input: OperationInput): void {
  const account = principalAccount(callerPrincipal(input.caller))
  if (input.state.model.account(account)?.stsDisabledRegions.includes(input.caller.region))
    throw regionDisabled(account)
}
