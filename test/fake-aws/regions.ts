// The regions of the three partitions Rolecall supports, and the STS and console host names built on them
// (docs/aws-protocol.md §1.1, §2.3). The region lists are those of the AWS SDK for JavaScript's partition data
// (@aws-sdk/core 3.981, util-endpoints partitions.js); ISO, ISO-B/E/F and EUSC partitions are left out.
export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov'

export const REGIONS: Readonly<Record<Partition, readonly string[]>> = {
  aws: [
    'af-south-1',
    'ap-east-1',
    'ap-east-2',
    'ap-northeast-1',
    'ap-northeast-2',
    'ap-northeast-3',
    'ap-south-1',
    'ap-south-2',
    'ap-southeast-1',
    'ap-southeast-2',
    'ap-southeast-3',
    'ap-southeast-4',
    'ap-southeast-5',
    'ap-southeast-6',
    'ap-southeast-7',
    'ca-central-1',
    'ca-west-1',
    'eu-central-1',
    'eu-central-2',
    'eu-north-1',
    'eu-south-1',
    'eu-south-2',
    'eu-west-1',
    'eu-west-2',
    'eu-west-3',
    'il-central-1',
    'me-central-1',
    'me-south-1',
    'me-west-1',
    'mx-central-1',
    'sa-east-1',
    'sa-west-1',
    'us-east-1',
    'us-east-2',
    'us-west-1',
    'us-west-2',
  ],
  'aws-cn': ['cn-north-1', 'cn-northwest-1'],
  'aws-us-gov': ['us-gov-east-1', 'us-gov-west-1'],
}

const PARTITION_OF = new Map<string, Partition>(
  (Object.entries(REGIONS) as Array<[Partition, readonly string[]]>).flatMap(([p, regions]) =>
    regions.map((r) => [r, p] as const),
  ),
)

/** A region AWS has (in one of the three partitions); `moon-1`, `eu-west-9` and '' are not. */
export function isKnownRegion(region: string): boolean {
  return PARTITION_OF.has(region)
}

export function partitionOfRegion(region: string): Partition | undefined {
  return PARTITION_OF.get(region)
}

/** Base domain of each partition's sign-in and console hosts. */
export const WEB_DOMAINS: Readonly<Record<Partition, string>> = {
  aws: 'aws.amazon.com',
  'aws-cn': 'amazonaws.cn',
  'aws-us-gov': 'amazonaws-us-gov.com',
}

/**
 * The region an STS host name serves: `sts.amazonaws.com` (the global endpoint, signed as us-east-1),
 * `sts.<region>.amazonaws.com`, `sts.<region>.amazonaws.com.cn`, and the FIPS (`sts-fips.`) and dual-stack
 * (`.api.aws`) forms. Undefined for any other host (the stand-in's own address, for one). The port is ignored.
 */
export function stsHostRegion(host: string): string | undefined {
  const name = hostnameOf(host)
  if (name === 'sts.amazonaws.com') return 'us-east-1'
  const match = /^sts(?:-fips)?\.([a-z0-9-]+)\.(?:amazonaws\.com|amazonaws\.com\.cn|api\.aws)$/.exec(name)
  return match?.[1]
}

/** The partition of a sign-in host (`signin.aws.amazon.com`, `<region>.signin.amazonaws.cn`, …), if it is one. */
export function signinHostPartition(host: string): Partition | undefined {
  const name = hostnameOf(host)
  return (Object.keys(WEB_DOMAINS) as Partition[]).find(
    (p) => name === `signin.${WEB_DOMAINS[p]}` || name.endsWith(`.signin.${WEB_DOMAINS[p]}`),
  )
}

export interface ConsoleHost {
  partition: Partition
  /** The region label of `<region>.console…` and of a multi-session host; undefined for the bare host. */
  region?: string
  /** `<account>-<8 characters>` of a multi-session host (`<account>-<8>.<region>.console.aws.amazon.com`). */
  session?: string
}

/**
 * A real console host of some partition: `console.aws.amazon.com`, `<region>.console.aws.amazon.com`, the
 * multi-session `<account>-<8 characters>.<region>.console.aws.amazon.com`, and the aws-cn
 * (`console.amazonaws.cn`) and aws-us-gov (`console.amazonaws-us-gov.com`) equivalents. The region must be
 * one of the partition's.
 */
export function consoleHost(hostname: string): ConsoleHost | undefined {
  for (const partition of Object.keys(WEB_DOMAINS) as Partition[]) {
    const domain = `console.${WEB_DOMAINS[partition]}`
    if (hostname === domain) return { partition }
    if (!hostname.endsWith(`.${domain}`)) continue
    const labels = hostname.slice(0, -domain.length - 1).split('.')
    const region = labels.at(-1)!
    if (partitionOfRegion(region) !== partition) return undefined
    if (labels.length === 1) return { partition, region }
    if (labels.length === 2 && /^\d{12}-[a-z0-9]{8}$/.test(labels[0]!))
      return { partition, region, session: labels[0]! }
    return undefined
  }
  return undefined
}

/** `Host: Sts.Amazonaws.com.:443` → `sts.amazonaws.com`; an IPv6 literal keeps its brackets. */
export function hostnameOf(host: string): string {
  const lower = host.trim().toLowerCase()
  if (lower.startsWith('[')) return lower.slice(0, lower.indexOf(']') + 1)
  const colon = lower.lastIndexOf(':')
  return (colon < 0 ? lower : lower.slice(0, colon)).replace(/\.$/, '')
}
