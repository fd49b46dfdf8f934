// GetCallerIdentity: needs no permission; any valid credentials may call it.
import { principalArn } from '../iam-model'
import { callerPrincipal } from './authenticate'
import type { Operation } from './operation'

export const getCallerIdentity: Operation = ({ caller }) => {
  const p = callerPrincipal(caller)
  const userId =
    p.type === 'user'
      ? p.user.userId
      : p.type === 'assumed-role'
        ? `${p.role.roleId}:${p.sessionName}`
        : `${p.accountId}:${p.name}`
  const account = p.type === 'user' ? p.user.accountId : p.type === 'assumed-role' ? p.role.accountId : p.accountId
  return [
    ['Arn', principalArn(p)],
    ['UserId', userId],
    ['Account', account],
  ]
}
