// Account id, role name and partition from a role ARN (arn:<partition>:iam::<account>:role/<path/><name>),
// and the partition of a region when there is no ARN (docs/aws-protocol.md §6.7).

export type Partition =
  'aws' | 'aws-cn' | 'aws-us-gov' | 'aws-iso' | 'aws-iso-b' | 'aws-iso-e' | 'aws-iso-f' | 'aws-eusc'

const PARTITIONS: readonly Partition[] = [
  'aws',
  'aws-cn',
  'aws-us-gov',
  'aws-iso',
  'aws-iso-b',
  'aws-iso-e',
  'aws-iso-f',
  'aws-eusc',
]

export interface RoleArnParts {
  partition: Partition
  accountId: string
  roleName: string
  /** The role's path, "/" unless the ARN has one (e.g. "/team/" in role/team/Admin). */
  path: string
  /** False when the account id is not 12 digits or the role name has characters IAM does not allow. */
  valid: boolean
}

const ROLE_ARN = /^arn:([a-z-]+):iam::(\d+):role\/(.+)$/
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/

export function parseRoleArn(arn: string | undefined): RoleArnParts | undefined {
  if (arn === undefined) return undefined
  const match = ROLE_ARN.exec(arn.trim())
  if (!match) return undefined
  const partition = match[1] as Partition
  if (!PARTITIONS.includes(partition)) return undefined
  const accountId = match[2] as string
  const rest = match[3] as string
  const slash = rest.lastIndexOf('/')
  const roleName = rest.slice(slash + 1)
  const path = slash >= 0 ? `/${rest.slice(0, slash + 1)}` : '/'
  const valid = accountId.length === 12 && ROLE_NAME.test(roleName) && roleName !== ''
  return { partition, accountId, roleName, path, valid }
}

/** The account id in any IAM ARN (a role, or an MFA device like arn:aws:iam::123456789012:mfa/me). */
export function accountIdOfArn(arn: string | undefined): string | undefined {
  const match = arn === undefined ? null : /^arn:[a-z-]+:iam::(\d{12}):/.exec(arn.trim())
  return match ? match[1] : undefined
}

const REGION_PARTITIONS: [string, Partition][] = [
  ['us-gov-', 'aws-us-gov'],
  ['cn-', 'aws-cn'],
  ['us-isob-', 'aws-iso-b'],
  ['us-isof-', 'aws-iso-f'],
  ['eu-isoe-', 'aws-iso-e'],
  ['us-iso-', 'aws-iso'],
  ['eusc-', 'aws-eusc'],
]

export function partitionOfRegion(region: string | undefined): Partition {
  if (region) {
    for (const [prefix, partition] of REGION_PARTITIONS) if (region.startsWith(prefix)) return partition
  }
  return 'aws'
}

/** The role ARN's partition where there is one, else the region's. */
export function partitionOf(profile: { roleArn?: string; region?: string }): Partition {
  return parseRoleArn(profile.roleArn)?.partition ?? partitionOfRegion(profile.region)
}
