import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { defaultRoleSessionName, federationName, iamUserNameFromArn } from '../../../src/core/login/names'

describe('names', () => {
  it('are the IAM user name when it is valid', () => {
    expect(defaultRoleSessionName('alice')).toBe('alice')
    expect(defaultRoleSessionName('alice@example.com')).toBe('alice@example.com')
    expect(federationName('alice')).toBe('alice')
  })

  it('are made valid and readable otherwise', () => {
    expect(defaultRoleSessionName('Zoë Müller')).toBe('Zoe-Muller')
    expect(defaultRoleSessionName('x')).toBe('x-rolecall')
    expect(defaultRoleSessionName(undefined)).toBe('rolecall')
    expect(federationName('a'.repeat(64))).toBe('a'.repeat(32))
  })

  it('always satisfy STS’s patterns', () => {
    fc.assert(
      fc.property(fc.option(fc.string({ unit: 'grapheme', maxLength: 100 }), { nil: undefined }), (name) => {
        expect(defaultRoleSessionName(name)).toMatch(/^[\w+=,.@-]{2,64}$/)
        expect(federationName(name)).toMatch(/^[\w+=,.@-]{2,32}$/)
      }),
    )
  })

  it('read the user name from a GetCallerIdentity ARN', () => {
    expect(iamUserNameFromArn('arn:aws:iam::123456789012:user/alice')).toBe('alice')
    expect(iamUserNameFromArn('arn:aws-cn:iam::123456789012:user/team/ops/bob')).toBe('bob')
    expect(iamUserNameFromArn('arn:aws:iam::123456789012:root')).toBe('root')
    expect(iamUserNameFromArn('arn:aws:sts::123456789012:assumed-role/Admin/alice')).toBeUndefined()
  })
})
