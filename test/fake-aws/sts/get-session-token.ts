// GetSessionToken: long-term IAM user keys only; optional MFA, which the session then carries.
import { sessionCredentialsRefused } from './errors'
import { checkMfa } from './mfa'
import { checkRegionActive, credentialsXml, type Operation } from './operation'
import { durationParam, RULES, validateParams } from './params'

export const getSessionToken: Operation = (input) => {
  const { state, caller, params } = input
  validateParams(params, [RULES.tokenDuration, RULES.SerialNumber, RULES.TokenCode])
  checkRegionActive(input)
  if (caller.kind !== 'long-term') throw sessionCredentialsRefused('GetSessionToken')
  const mfaPresent = checkMfa(state, caller, params)
  const duration = durationParam(params, 43200)
  const issued = state.credentials.issue({
    issuedBy: 'GetSessionToken',
    principal: { type: 'user', user: caller.user },
    baseUser: caller.user,
    mfaPresent,
    issuedWithLongTermKeys: true,
    region: caller.region,
    durationSeconds: duration,
    issuedAtMs: state.now(),
    expiresAtMs: state.credentialExpiry(duration),
  })
  return [['Credentials', credentialsXml(issued)]]
}
