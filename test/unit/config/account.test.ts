import { describe, expect, test } from 'vitest'
import { accountIdOfArn, parseRoleArn, partitionOf, partitionOfRegion } from '../../../src/core/config/import/account'

describe('role ARNs', () => {
  test.each([
    [
      'arn:aws:iam::123456789012:role/Admin',
      { partition: 'aws', accountId: '123456789012', roleName: 'Admin', path: '/', valid: true },
    ],
    [
      'arn:aws-cn:iam::123456789012:role/team/ops/Deployer',
      { partition: 'aws-cn', accountId: '123456789012', roleName: 'Deployer', path: '/team/ops/', valid: true },
    ],
    [
      'arn:aws-us-gov:iam::123456789012:role/R',
      { partition: 'aws-us-gov', accountId: '123456789012', roleName: 'R', path: '/', valid: true },
    ],
    [
      'arn:aws:iam::123456789:role/RoleA',
      { partition: 'aws', accountId: '123456789', roleName: 'RoleA', path: '/', valid: false },
    ],
    [
      'arn:aws:iam::123456789012:role/bad name',
      { partition: 'aws', accountId: '123456789012', roleName: 'bad name', path: '/', valid: false },
    ],
  ])('%s', (arn, parts) => {
    expect(parseRoleArn(arn)).toEqual(parts)
  })

  test.each([
    'arn:foo',
    'arn:aws:iam::123456789012:user/bob',
    'arn:aws:sts::123456789012:assumed-role/R/s',
    'arn:moon:iam::123456789012:role/R',
    '',
    undefined,
  ])('not a role ARN: %s', (arn) => {
    expect(parseRoleArn(arn)).toBeUndefined()
  })

  test('account id of any IAM ARN (e.g. an MFA device)', () => {
    expect(accountIdOfArn('arn:aws:iam::210987654321:mfa/me')).toBe('210987654321')
    expect(accountIdOfArn('GAHT12345678')).toBeUndefined()
  })
})

describe('partitions', () => {
  test.each([
    ['us-east-1', 'aws'],
    ['eu-west-1', 'aws'],
    ['cn-north-1', 'aws-cn'],
    ['cn-northwest-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
    ['us-iso-east-1', 'aws-iso'],
    ['us-isob-east-1', 'aws-iso-b'],
    ['eu-isoe-west-1', 'aws-iso-e'],
    ['us-isof-south-1', 'aws-iso-f'],
    ['eusc-de-east-1', 'aws-eusc'],
    [undefined, 'aws'],
  ])('region %s → %s', (region, partition) => {
    expect(partitionOfRegion(region)).toBe(partition)
  })

  test('the role ARN wins over the region (docs/aws-protocol.md §6.7)', () => {
    expect(partitionOf({ roleArn: 'arn:aws-cn:iam::123456789012:role/R', region: 'us-east-1' })).toBe('aws-cn')
    expect(partitionOf({ region: 'us-gov-east-1' })).toBe('aws-us-gov')
  })
})
