import { describe, expect, it } from 'vitest'
import {
  consoleOrigin,
  effectiveRegion,
  federationEndpoint,
  isConsoleUrl,
  isRegionName,
  knownRegions,
  PARTITION_NAMES,
  partitionFromArn,
  partitionFromRegion,
  partitionOf,
  resolveTarget,
  stsEndpoint,
  unlistedStsHost,
} from '../../../src/core/aws/partition'

describe('partition', () => {
  it("knows each partition's regions, each a region name of its own partition and its own effective region", () => {
    for (const partition of PARTITION_NAMES) {
      const regions = knownRegions(partition)
      expect(regions.length).toBeGreaterThan(0)
      for (const region of regions) {
        expect(isRegionName(region), region).toBe(true)
        expect(partitionFromRegion(region), region).toBe(partition)
        expect(effectiveRegion(partition, region)).toBe(region)
      }
    }
    expect(new Set(knownRegions()).size).toBe(knownRegions().length)
  })

  it('comes from the role ARN when there is one', () => {
    expect(partitionFromArn('arn:aws-cn:iam::123456789012:role/Admin')).toBe('aws-cn')
    expect(partitionFromArn('arn:aws-us-gov:iam::123456789012:role/Admin')).toBe('aws-us-gov')
    expect(partitionFromArn('arn:aws:iam::123456789012:role/Admin')).toBe('aws')
    expect(partitionFromArn('arn:aws-iso:iam::123456789012:role/Admin')).toBeUndefined()
    expect(partitionFromArn('not an arn')).toBeUndefined()
    // The ARN wins over a region of another partition (docs/aws-protocol.md §6 point 7).
    expect(partitionOf({ roleArn: 'arn:aws-cn:iam::123456789012:role/A', region: 'eu-west-1' })).toBe('aws-cn')
  })

  it('comes from the region prefix otherwise', () => {
    expect(partitionFromRegion('cn-northwest-1')).toBe('aws-cn')
    expect(partitionFromRegion('us-gov-east-1')).toBe('aws-us-gov')
    expect(partitionFromRegion('us-east-1')).toBe('aws')
    expect(partitionFromRegion('')).toBe('aws')
    expect(partitionOf({ region: 'cn-north-1' })).toBe('aws-cn')
  })

  it('uses the partition home region when the profile region belongs elsewhere or is missing', () => {
    expect(effectiveRegion('aws-cn', 'eu-west-1')).toBe('cn-north-1')
    expect(effectiveRegion('aws-us-gov', undefined)).toBe('us-gov-west-1')
    expect(effectiveRegion('aws', undefined, 'eu-central-1')).toBe('eu-central-1')
    expect(effectiveRegion('aws', 'moon-1 # note')).toBe('us-east-1')
    expect(effectiveRegion('aws', 'ap-southeast-7')).toBe('ap-southeast-7')
  })
})

describe('endpoints', () => {
  it('are regional for STS in every partition (botocore ≥ 1.40 default)', () => {
    expect(stsEndpoint('eu-west-1')).toBe('https://sts.eu-west-1.amazonaws.com')
    expect(stsEndpoint('us-east-1')).toBe('https://sts.us-east-1.amazonaws.com')
    expect(stsEndpoint('cn-north-1')).toBe('https://sts.cn-north-1.amazonaws.com.cn')
    expect(stsEndpoint('us-gov-west-1')).toBe('https://sts.us-gov-west-1.amazonaws.com')
  })

  it('use the federation endpoint and console host of the partition', () => {
    expect(federationEndpoint('aws')).toBe('https://signin.aws.amazon.com/federation')
    expect(federationEndpoint('aws-cn')).toBe('https://signin.amazonaws.cn/federation')
    expect(federationEndpoint('aws-us-gov')).toBe('https://signin.amazonaws-us-gov.com/federation')
    expect(consoleOrigin('aws', 'eu-west-1')).toBe('https://eu-west-1.console.aws.amazon.com')
    expect(consoleOrigin('aws-cn', 'cn-north-1')).toBe('https://cn-north-1.console.amazonaws.cn')
    expect(consoleOrigin('aws-us-gov', undefined)).toBe('https://console.amazonaws-us-gov.com')
  })

  it('honour custom endpoints (VPC endpoints, the local stand-in)', () => {
    const custom = {
      stsEndpoint: 'http://127.0.0.1:4000/',
      signinEndpoint: 'http://127.0.0.1:4000',
      consoleBase: 'http://127.0.0.1:4000/console',
    }
    const target = resolveTarget({ roleArn: 'arn:aws:iam::123456789012:role/A', region: 'eu-west-1' }, custom)
    expect(target).toEqual({
      partition: 'aws',
      region: 'eu-west-1',
      stsEndpoint: 'http://127.0.0.1:4000',
      federationEndpoint: 'http://127.0.0.1:4000/federation',
      consoleOrigin: 'http://127.0.0.1:4000/console',
      custom: true,
    })
    expect(federationEndpoint('aws', { signinEndpoint: 'https://vpce-1.signin.example/federation' })).toBe(
      'https://vpce-1.signin.example/federation',
    )
    expect(resolveTarget({ region: 'us-gov-east-1' }).custom).toBe(false)
  })

  it('recognise console pages', () => {
    expect(isConsoleUrl('https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1#Instances:')).toBe(true)
    expect(isConsoleUrl('https://console.amazonaws.cn/console/home')).toBe(true)
    expect(isConsoleUrl('https://session-1.eu-west-1.console.aws.amazon.com/s3/buckets')).toBe(true)
    expect(isConsoleUrl('https://console.aws.amazon.com.evil.example/')).toBe(false)
    expect(isConsoleUrl('http://eu-west-1.console.aws.amazon.com/')).toBe(false)
    expect(isConsoleUrl('https://signin.aws.amazon.com/federation')).toBe(false)
    expect(isConsoleUrl('http://127.0.0.1:4000/console/home', { consoleBase: 'http://127.0.0.1:4000/console' })).toBe(
      true,
    )
    expect(isConsoleUrl('http://127.0.0.1:4000/consoleX', { consoleBase: 'http://127.0.0.1:4000/console' })).toBe(false)
    expect(isConsoleUrl('not a url')).toBe(false)
  })

  it("names the STS host of a region newer than the build, only where AWS's own endpoint would be called", () => {
    expect(unlistedStsHost(resolveTarget({ region: 'eu-east-9' }))).toBe('sts.eu-east-9.amazonaws.com')
    expect(unlistedStsHost(resolveTarget({ region: 'cn-east-9' }))).toBe('sts.cn-east-9.amazonaws.com.cn')
    for (const region of knownRegions()) expect(unlistedStsHost(resolveTarget({ region })), region).toBeUndefined()
    // A custom STS endpoint is granted when it is saved: not this check's to make.
    const custom = { stsEndpoint: 'https://vpce-1.sts.eu-east-9.vpce.amazonaws.com' }
    expect(unlistedStsHost(resolveTarget({ region: 'eu-east-9' }, custom))).toBeUndefined()
  })
})
