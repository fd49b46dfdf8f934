// The signing region against the endpoint it was sent to: AWS's host names decide it exactly, the stand-in's
// own address takes any region AWS has (or one region, by path or when started with one).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts'
import { startFakeAws, type FakeAws } from './index'
import { consoleHost, isKnownRegion, signinHostPartition, stsHostRegion } from './regions'
import { scopeRegionAccepted, stsEndpointOf } from './sts/endpoint'
import { INVALID_REGION_MESSAGE } from './sigv4-verify'
import { rawStsCall, sdkClient, stsFailure } from './sts-client'
import { ALICE_KEY, testOrg } from './test-org'
import { child, parseXml } from './xml-tree'

let fake: FakeAws
beforeAll(async () => {
  fake = await startFakeAws({ fixture: testOrg })
})
afterAll(() => fake.close())

const IDENTITY = { Action: 'GetCallerIdentity' }
const error = (body: string) => ({
  code: child(parseXml(body), 'Error', 'Code')?.text,
  message: child(parseXml(body), 'Error', 'Message')?.text,
})
const REFUSED = { status: 403, error: { code: 'SignatureDoesNotMatch', message: INVALID_REGION_MESSAGE } }
const outcome = (r: { status: number; body: string }) =>
  r.status === 200 ? { status: 200 } : { status: r.status, error: error(r.body) }

describe('host names and regions', () => {
  it('reads the region of every STS host form', () => {
    expect(stsHostRegion('sts.amazonaws.com')).toBe('us-east-1')
    expect(stsHostRegion('STS.amazonaws.com:443')).toBe('us-east-1')
    expect(stsHostRegion('sts.eu-west-1.amazonaws.com')).toBe('eu-west-1')
    expect(stsHostRegion('sts.eu-west-1.amazonaws.com:8443')).toBe('eu-west-1')
    expect(stsHostRegion('sts.cn-north-1.amazonaws.com.cn')).toBe('cn-north-1')
    expect(stsHostRegion('sts-fips.us-gov-west-1.amazonaws.com')).toBe('us-gov-west-1')
    expect(stsHostRegion('sts.ap-southeast-2.api.aws')).toBe('ap-southeast-2')
    expect(stsHostRegion('sts.moon-1.amazonaws.com')).toBe('moon-1') // a host AWS does not have: nothing signs for it
    for (const other of [
      '127.0.0.1:4599',
      'localhost',
      '[::1]:80',
      'signin.aws.amazon.com',
      'sts.eu-west-1.example.com',
      'iam.amazonaws.com',
    ]) {
      expect(stsHostRegion(other), other).toBeUndefined()
    }
  })

  it('knows the regions of aws, aws-cn and aws-us-gov, and nothing else', () => {
    for (const r of ['us-east-1', 'eu-west-2', 'ap-southeast-4', 'cn-northwest-1', 'us-gov-east-1', 'mx-central-1'])
      expect(isKnownRegion(r), r).toBe(true)
    for (const r of ['moon-1', 'eu-west-9', 'us-east', '', 'aws-global', 'EU-WEST-1', 'us-iso-east-1'])
      expect(isKnownRegion(r), r).toBe(false)
  })

  it('decides the endpoint from Host first, then the /region/<r>/ path, then the configured region', () => {
    expect(stsEndpointOf('sts.eu-west-1.amazonaws.com', '/')).toEqual({
      kind: 'regional',
      region: 'eu-west-1',
      from: 'host',
    })
    expect(stsEndpointOf('sts.amazonaws.com', '/', 'eu-central-1')).toEqual({
      kind: 'regional',
      region: 'us-east-1',
      from: 'host',
    })
    expect(stsEndpointOf('127.0.0.1:4599', '/region/eu-west-2/')).toEqual({
      kind: 'regional',
      region: 'eu-west-2',
      from: 'path',
    })
    expect(stsEndpointOf('127.0.0.1:4599', '/region/eu-west-2')).toEqual({
      kind: 'regional',
      region: 'eu-west-2',
      from: 'path',
    })
    expect(stsEndpointOf('127.0.0.1:4599', '/region/%E0%A4%A/')).toEqual({
      kind: 'regional',
      region: '%E0%A4%A',
      from: 'path',
    })
    expect(stsEndpointOf('127.0.0.1:4599', '/', 'eu-central-1')).toEqual({
      kind: 'regional',
      region: 'eu-central-1',
      from: 'configured',
    })
    expect(stsEndpointOf('127.0.0.1:4599', '/')).toEqual({ kind: 'any-region' })
    expect(stsEndpointOf(undefined, '/')).toEqual({ kind: 'any-region' })
    for (const path of ['/federation', '/console/', '/region/', '/region/a/b'])
      expect(stsEndpointOf('127.0.0.1', path), path).toBeUndefined()
  })

  it('accepts a scope region only if AWS has it, and on a regional endpoint only its own', () => {
    const loopback = stsEndpointOf('127.0.0.1:1', '/')!
    expect(['eu-west-2', 'cn-north-1', 'us-gov-west-1'].map((r) => scopeRegionAccepted(loopback, r))).toEqual([
      true,
      true,
      true,
    ])
    expect(['moon-1', '', 'eu-west-9'].map((r) => scopeRegionAccepted(loopback, r))).toEqual([false, false, false])
    const dublin = stsEndpointOf('sts.eu-west-1.amazonaws.com', '/')!
    expect(['eu-west-1', 'eu-west-2', 'us-east-1'].map((r) => scopeRegionAccepted(dublin, r))).toEqual([
      true,
      false,
      false,
    ])
    const moon = stsEndpointOf('sts.moon-1.amazonaws.com', '/')!
    expect(scopeRegionAccepted(moon, 'moon-1')).toBe(false)
  })

  it('recognises sign-in and console hosts per partition', () => {
    expect(
      [
        'signin.aws.amazon.com',
        'us-east-1.signin.aws.amazon.com',
        'signin.amazonaws.cn',
        'signin.amazonaws-us-gov.com:443',
        'example.com',
      ].map(signinHostPartition),
    ).toEqual(['aws', 'aws', 'aws-cn', 'aws-us-gov', undefined])
    expect(consoleHost('console.aws.amazon.com')).toEqual({ partition: 'aws' })
    expect(consoleHost('eu-west-1.console.aws.amazon.com')).toEqual({ partition: 'aws', region: 'eu-west-1' })
    expect(consoleHost('123456789012-abcd1234.eu-west-1.console.aws.amazon.com')).toEqual({
      partition: 'aws',
      region: 'eu-west-1',
      session: '123456789012-abcd1234',
    })
    expect(consoleHost('cn-north-1.console.amazonaws.cn')).toEqual({ partition: 'aws-cn', region: 'cn-north-1' })
    expect(consoleHost('console.amazonaws-us-gov.com')).toEqual({ partition: 'aws-us-gov' })
    for (const no of [
      'evil.com',
      'console.aws.amazon.com.evil.com',
      'moon-1.console.aws.amazon.com',
      'cn-north-1.console.aws.amazon.com',
      'eu-west-1.console.amazonaws.cn',
      'x.y.eu-west-1.console.aws.amazon.com',
      'abc-abcd1234.eu-west-1.console.aws.amazon.com',
      'signin.aws.amazon.com',
    ]) {
      expect(consoleHost(no), no).toBeUndefined()
    }
  })
})

describe('over HTTP, signed with the SDK signer', () => {
  it("behind an AWS host name the scope must be that host's region", async () => {
    const at = (host: string, region: string) =>
      rawStsCall(fake.url, IDENTITY, ALICE_KEY, { host, region }).then(outcome)
    expect(await at('sts.eu-west-1.amazonaws.com', 'eu-west-1')).toEqual({ status: 200 })
    expect(await at('sts.eu-west-1.amazonaws.com', 'eu-west-2')).toEqual(REFUSED)
    expect(await at('sts.eu-west-1.amazonaws.com:8443', 'us-east-1')).toEqual(REFUSED)
    expect(await at('sts.amazonaws.com', 'us-east-1')).toEqual({ status: 200 })
    expect(await at('sts.amazonaws.com', 'eu-west-1')).toEqual(REFUSED)
    expect(await at('sts.cn-north-1.amazonaws.com.cn', 'cn-north-1')).toEqual({ status: 200 })
    expect(await at('sts.moon-1.amazonaws.com', 'moon-1')).toEqual(REFUSED)
  })

  it("on the stand-in's own address any region AWS has passes, an invented one does not", async () => {
    const at = (region: string) => rawStsCall(fake.url, IDENTITY, ALICE_KEY, { region }).then(outcome)
    for (const region of ['us-east-1', 'eu-west-2', 'eu-central-1', 'cn-north-1', 'us-gov-west-1'])
      expect(await at(region), region).toEqual({ status: 200 })
    for (const region of ['moon-1', 'eu-west-9', 'aws-global']) expect(await at(region), region).toEqual(REFUSED)
  })

  it("/region/<r>/ is region r's endpoint", async () => {
    const at = (path: string, region: string) =>
      rawStsCall(fake.url, IDENTITY, ALICE_KEY, { path, region }).then(outcome)
    expect(await at('/region/eu-west-2/', 'eu-west-2')).toEqual({ status: 200 })
    expect(await at('/region/eu-west-2/', 'eu-west-1')).toEqual(REFUSED)
    expect(await at('/region/moon-1/', 'moon-1')).toEqual(REFUSED)
    expect(fake.stsEndpointFor('eu-west-2')).toBe(`${fake.url}/region/eu-west-2`)
  })

  it('a stand-in started with a region takes only that region at its plain address', async () => {
    const pinned = await startFakeAws({ fixture: testOrg, stsRegion: 'eu-central-1' })
    try {
      expect(pinned.stsRegion).toBe('eu-central-1')
      expect(outcome(await rawStsCall(pinned.url, IDENTITY, ALICE_KEY, { region: 'eu-central-1' }))).toEqual({
        status: 200,
      })
      expect(outcome(await rawStsCall(pinned.url, IDENTITY, ALICE_KEY, { region: 'eu-west-1' }))).toEqual(REFUSED)
      // Host names and paths still decide for themselves.
      expect(
        outcome(await rawStsCall(pinned.url, IDENTITY, ALICE_KEY, { region: 'eu-west-1', path: '/region/eu-west-1/' })),
      ).toEqual({ status: 200 })
    } finally {
      await pinned.close()
    }
    await expect(startFakeAws({ fixture: testOrg, stsRegion: 'moon-1' })).rejects.toThrow(/moon-1/)
  })
})

describe('the AWS SDK for JavaScript', () => {
  it("signing for the wrong region gets AWS's error; the right one works", async () => {
    expect(
      await stsFailure(
        sdkClient(fake.stsEndpointFor('eu-west-1'), ALICE_KEY, 'eu-west-2').send(new GetCallerIdentityCommand({})),
      ),
    ).toEqual({ name: 'SignatureDoesNotMatch', message: INVALID_REGION_MESSAGE, status: 403 })
    expect(await stsFailure(sdkClient(fake.url, ALICE_KEY, 'moon-1').send(new GetCallerIdentityCommand({})))).toEqual({
      name: 'SignatureDoesNotMatch',
      message: INVALID_REGION_MESSAGE,
      status: 403,
    })
    const ok = await sdkClient(fake.stsEndpointFor('eu-west-1'), ALICE_KEY, 'eu-west-1').send(
      new GetCallerIdentityCommand({}),
    )
    expect(ok.Arn).toBe('arn:aws:iam::111111111111:user/alice')
    expect((await sdkClient(fake.url, ALICE_KEY, 'eu-west-2').send(new GetCallerIdentityCommand({}))).Account).toBe(
      '111111111111',
    )
  })
})
