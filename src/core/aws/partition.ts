// Where a profile's AWS calls go: partition (from the role ARN, else the region), the regional STS endpoint,
// the federation endpoint and the console host (docs/aws-protocol.md §1.1, §2.3, §6 point 7), or the custom
// endpoints from settings (VPC endpoints, the local stand-in).
import { isRegionName } from '../region-name'
import type { CustomEndpoints } from '../settings'

export type { CustomEndpoints }
export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov'

interface PartitionFacts {
  /** DNS suffix of regional service hosts (sts.<region>.<suffix>). */
  dnsSuffix: string
  /** Base domain of the sign-in and console hosts. */
  webDomain: string
  /** Region used when a profile names none: where the partition's global services live. */
  homeRegion: string
  /**
   * The partition's regions (botocore 1.43.11 endpoints.json). The build grants a host permission for each one's
   * STS host (scripts/manifest-for.ts), so a region missing here cannot call STS without a custom endpoint.
   */
  regions: readonly string[]
}

const PARTITIONS: Record<Partition, PartitionFacts> = {
  aws: {
    dnsSuffix: 'amazonaws.com',
    webDomain: 'aws.amazon.com',
    homeRegion: 'us-east-1',
    regions: [
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
      'mx-central-1',
      'sa-east-1',
      'us-east-1',
      'us-east-2',
      'us-west-1',
      'us-west-2',
    ],
  },
  'aws-cn': {
    dnsSuffix: 'amazonaws.com.cn',
    webDomain: 'amazonaws.cn',
    homeRegion: 'cn-north-1',
    regions: ['cn-north-1', 'cn-northwest-1'],
  },
  'aws-us-gov': {
    dnsSuffix: 'amazonaws.com',
    webDomain: 'amazonaws-us-gov.com',
    homeRegion: 'us-gov-west-1',
    regions: ['us-gov-east-1', 'us-gov-west-1'],
  },
}

export const PARTITION_NAMES = Object.keys(PARTITIONS) as Partition[]

/** The regions Rolecall knows in a partition, or in all three. */
export function knownRegions(partition?: Partition): string[] {
  return (partition ? [partition] : PARTITION_NAMES).flatMap((p) => PARTITIONS[p].regions)
}

/**
 * Every host Rolecall calls with fetch when no custom endpoint is set: each known region's STS host, then each
 * partition's federation (sign-in) host. The build turns them into the manifest's host permissions; console
 * hosts are only navigated to, never fetched, so they are not among them.
 */
export function publicEndpointHosts(): string[] {
  const sts = knownRegions().map((region) => new URL(stsEndpoint(region)).hostname)
  const signin = PARTITION_NAMES.map((partition) => new URL(federationEndpoint(partition)).hostname)
  // Identity Center: each region's OIDC and portal hosts (src/core/sso/instance.ts names them the same way).
  const sso = knownRegions().flatMap((region) => Object.values(ssoHosts(region)))
  return [...sts, ...signin, ...sso]
}

/** Identity Center's two hosts in a region (botocore's endpoint rules for sso-oidc and sso). */
export function ssoHosts(region: string): { oidc: string; portal: string } {
  const suffix = partitionFromRegion(region) === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com'
  return { oidc: `oidc.${region}.${suffix}`, portal: `portal.sso.${region}.${suffix}` }
}

export { isRegionName }

/** `arn:aws-cn:…` → aws-cn; undefined when the text is not an ARN of a known partition. */
export function partitionFromArn(arn: string): Partition | undefined {
  const match = /^arn:(aws|aws-cn|aws-us-gov):/.exec(arn)
  return match ? (match[1] as Partition) : undefined
}

/** aws-vault's rule: `cn-` → aws-cn, `us-gov-` → aws-us-gov, anything else → aws. */
export function partitionFromRegion(region: string): Partition {
  if (region.startsWith('cn-')) return 'aws-cn'
  if (region.startsWith('us-gov-')) return 'aws-us-gov'
  return 'aws'
}

/** The role ARN wins over the region (docs/aws-protocol.md §6 point 7). */
export function partitionOf(where: { roleArn?: string; region?: string }): Partition {
  return (where.roleArn && partitionFromArn(where.roleArn)) || partitionFromRegion(where.region ?? '')
}

export function homeRegion(partition: Partition): string {
  return PARTITIONS[partition].homeRegion
}

/**
 * The region a profile's calls use: its own when it belongs to the partition, else the partition's home region
 * (a profile with `region = eu-west-1` and an `arn:aws-cn:` role cannot call STS in eu-west-1 with China keys).
 */
export function effectiveRegion(partition: Partition, region: string | undefined, fallback?: string): string {
  for (const candidate of [region, fallback]) {
    if (candidate && isRegionName(candidate) && partitionFromRegion(candidate) === partition) return candidate
  }
  return homeRegion(partition)
}

/** Regional STS endpoint; botocore ≥ 1.40 and the JS SDK default to these, and their tokens work everywhere. */
export function stsEndpoint(
  region: string,
  partition: Partition = partitionFromRegion(region),
  custom?: CustomEndpoints,
): string {
  if (custom?.stsEndpoint) return trimSlash(custom.stsEndpoint)
  return `https://sts.${region}.${PARTITIONS[partition].dnsSuffix}`
}

/**
 * The federation endpoint (getSigninToken and Action=login share it). The bare global host, as aws-vault and the
 * AWS guide use. A custom endpoint given as a bare origin gets `/federation` appended.
 */
export function federationEndpoint(partition: Partition, custom?: CustomEndpoints): string {
  if (custom?.signinEndpoint) {
    const url = new URL(custom.signinEndpoint)
    if (url.pathname === '/' || url.pathname === '') url.pathname = '/federation'
    return trimSlash(url.href)
  }
  return `https://signin.${PARTITIONS[partition].webDomain}/federation`
}

/** Console origin for a region, e.g. https://eu-west-1.console.aws.amazon.com; a custom base is used as is. */
export function consoleOrigin(partition: Partition, region: string | undefined, custom?: CustomEndpoints): string {
  if (custom?.consoleBase) return trimSlash(custom.consoleBase)
  const host = `console.${PARTITIONS[partition].webDomain}`
  return region ? `https://${region}.${host}` : `https://${host}`
}

/** Everything a login needs to know about where to send its calls. */
export interface AwsTarget {
  partition: Partition
  region: string
  stsEndpoint: string
  federationEndpoint: string
  consoleOrigin: string
  /** True when any endpoint comes from settings rather than AWS's public hosts. */
  custom: boolean
}

/**
 * The STS host a login at `target` would call that the build holds no permission for: AWS's own endpoint in a
 * region newer than this list (a custom endpoint is granted when it is saved). Undefined for every other target.
 */
export function unlistedStsHost(target: AwsTarget): string | undefined {
  if (PARTITIONS[target.partition].regions.includes(target.region)) return undefined
  const ownEndpoint = stsEndpoint(target.region, target.partition)
  return target.stsEndpoint === ownEndpoint ? new URL(ownEndpoint).hostname : undefined
}

export function resolveTarget(
  where: { roleArn?: string; region?: string; defaultRegion?: string },
  custom?: CustomEndpoints,
): AwsTarget {
  const partition = partitionOf({
    ...(where.roleArn ? { roleArn: where.roleArn } : {}),
    region: where.region ?? where.defaultRegion ?? '',
  })
  const region = effectiveRegion(partition, where.region, where.defaultRegion)
  return {
    partition,
    region,
    stsEndpoint: stsEndpoint(region, partition, custom),
    federationEndpoint: federationEndpoint(partition, custom),
    consoleOrigin: consoleOrigin(partition, region, custom),
    custom: Boolean(custom?.stsEndpoint || custom?.signinEndpoint || custom?.consoleBase),
  }
}

/** True when `url` is a page of the AWS console of any partition, or under the custom console base. */
export function isConsoleUrl(url: string, custom?: CustomEndpoints): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (custom?.consoleBase) {
    const base = trimSlash(custom.consoleBase)
    if (url === base || url.startsWith(`${base}/`) || url.startsWith(`${base}?`)) return true
  }
  if (parsed.protocol !== 'https:') return false
  return Object.values(PARTITIONS).some(({ webDomain }) => {
    const host = parsed.hostname
    return host === `console.${webDomain}` || host.endsWith(`.console.${webDomain}`)
  })
}

/**
 * True when `url` is on a sign-in host a login passes through (the federation endpoint, the logout hop) of any
 * partition, or under the custom sign-in endpoint's origin. A console tab is on one of these only in passing.
 */
export function isSigninUrl(url: string, custom?: CustomEndpoints): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (custom?.signinEndpoint && parsed.origin === new URL(custom.signinEndpoint).origin) return true
  if (parsed.protocol !== 'https:') return false
  return Object.values(PARTITIONS).some(({ webDomain }) => {
    const host = parsed.hostname
    return host === `signin.${webDomain}` || host.endsWith(`.signin.${webDomain}`)
  })
}

/**
 * True when `url` is on a console host of the multi-session mode, `<account>-<8 letters or digits>.<region>.console.
 * <domain>` of any partition (docs/aws-protocol.md §1.6): only a browser with that mode on lands there.
 */
export function isMultiSessionConsoleUrl(url: string): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (parsed.protocol !== 'https:') return false
  const match = /^\d{12}-[a-z0-9]{8}\.([a-z0-9-]+)\.console\.(.+)$/.exec(parsed.hostname)
  return Boolean(
    match && Object.values(PARTITIONS).some((p) => p.webDomain === match[2] && p.regions.includes(match[1]!)),
  )
}

/** Every partition's sign-in origin, and the custom sign-in endpoint's: where the console's own cookies are sent. */
export function signinOrigins(custom?: CustomEndpoints): string[] {
  const origins = Object.values(PARTITIONS).map(({ webDomain }) => `https://signin.${webDomain}`)
  if (custom?.signinEndpoint) {
    try {
      origins.push(new URL(custom.signinEndpoint).origin)
    } catch {
      // not a URL: settings refuse it anyway
    }
  }
  return origins
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '')
}
