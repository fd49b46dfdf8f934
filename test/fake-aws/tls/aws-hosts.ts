// The AWS host names the stand-in answers for over TLS, and what each one is: STS (with the region of its
// endpoint), a sign-in host, a console host of some partition, or one of IAM Identity Center's. The certificate's subject alternative names
// come from here, so a name Rolecall or the console flow uses and the stand-in does not serve fails the TLS check.
import {
  consoleHost,
  hostnameOf,
  partitionOfRegion,
  REGIONS,
  signinHostPartition,
  stsHostRegion,
  WEB_DOMAINS,
  type Partition,
} from '../regions'

/** STS's DNS suffix per partition (aws-us-gov's STS hosts are under amazonaws.com, as aws's are). */
const STS_SUFFIX: Readonly<Record<Partition, string>> = {
  aws: 'amazonaws.com',
  'aws-cn': 'amazonaws.com.cn',
  'aws-us-gov': 'amazonaws.com',
}

/**
 * Every name the certificate covers. A wildcard covers one label only, so each region lists its own STS host,
 * regional sign-in host, regional console host and `*.<region>.console…` for the multi-session hosts
 * (`<account>-<8 characters>.<region>.console.aws.amazon.com`).
 */
export function awsHostNames(): string[] {
  const names = new Set<string>(['sts.amazonaws.com'])
  for (const partition of Object.keys(REGIONS) as Partition[]) {
    const web = WEB_DOMAINS[partition]
    names.add(`signin.${web}`)
    names.add(`console.${web}`)
    for (const region of REGIONS[partition]) {
      names.add(`sts.${region}.${STS_SUFFIX[partition]}`)
      names.add(`${region}.signin.${web}`)
      names.add(`${region}.console.${web}`)
      names.add(`*.${region}.console.${web}`)
      // IAM Identity Center: OIDC, the access portal API and the device verification page.
      names.add(`oidc.${region}.${STS_SUFFIX[partition]}`)
      names.add(`portal.sso.${region}.${STS_SUFFIX[partition]}`)
      names.add(`device.sso.${region}.${STS_SUFFIX[partition]}`)
    }
  }
  return [...names]
}

/** The DNS suffixes under which every AWS name above lives: what the browsers send to the stand-in. */
export const AWS_DOMAIN_SUFFIXES: readonly string[] = [
  ...new Set([...Object.values(STS_SUFFIX), ...Object.values(WEB_DOMAINS)]),
]

export type AwsHost =
  | { kind: 'sts'; region: string }
  | { kind: 'signin'; partition: Partition }
  | { kind: 'console'; partition: Partition; region?: string; session?: string }
  | { kind: 'sso'; service: 'oidc' | 'portal' | 'device'; partition: Partition; region: string }

const SSO_HOST = /^(oidc|portal\.sso|device\.sso)\.([a-z0-9-]+)\.(amazonaws\.com(?:\.cn)?)$/

/**
 * IAM Identity Center's hosts: `oidc.<region>.amazonaws.com` (sso-oidc), `portal.sso.<region>.amazonaws.com`
 * (the portal API, service "sso") [V] botocore's endpoint data; `device.sso.<region>.amazonaws.com`, the
 * CLI's device verification page [I] (aws/aws-cli#6305). The suffix must be the region's partition's.
 */
function ssoHost(name: string): AwsHost | undefined {
  const match = SSO_HOST.exec(name)
  if (!match) return undefined
  const region = match[2]!
  const partition = partitionOfRegion(region)
  if (partition === undefined || STS_SUFFIX[partition] !== match[3]) return undefined
  const service = match[1] === 'oidc' ? 'oidc' : match[1] === 'portal.sso' ? 'portal' : 'device'
  return { kind: 'sso', service, partition, region }
}

/** What a Host header (or TLS server name) names, if it is one of the AWS hosts the stand-in serves. */
export function awsHostOf(host: string | undefined): AwsHost | undefined {
  if (host === undefined) return undefined
  const region = stsHostRegion(host)
  if (region !== undefined) return { kind: 'sts', region }
  const name = hostnameOf(host)
  const signin = signinHostPartition(name)
  if (signin !== undefined) return { kind: 'signin', partition: signin }
  const console = consoleHost(name)
  if (console !== undefined) return { kind: 'console', ...console }
  return ssoHost(name)
}

/** True for a name under one of the AWS suffixes (served or not): such names never leave the machine. */
export function isUnderAwsDomain(host: string): boolean {
  const name = hostnameOf(host)
  return AWS_DOMAIN_SUFFIXES.some((suffix) => name === suffix || name.endsWith(`.${suffix}`))
}

/** A loopback address or name: the stand-in's own address and the tests' plain web pages. */
export function isLoopbackHost(host: string): boolean {
  const name = hostnameOf(host)
  return name === 'localhost' || name === '[::1]' || /^127(\.\d{1,3}){3}$/.test(name)
}
