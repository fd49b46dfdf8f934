// The e2e browsers' closed network (test/e2e/harness/aws-network.ts), checked as data: AWS's domains go to the
// stand-in, loopback stays loopback, every other name has nowhere to go. network.test.ts shows it in the browsers.
import { describe, expect, it } from 'vitest'
import { runInNewContext } from 'node:vm'
import { chromiumNetworkArgs, pacScript } from '../../e2e/harness/aws-network'
import { awsHostOf, isUnderAwsDomain } from '../../fake-aws/tls/aws-hosts'
import { publicEndpointHosts } from '../../../src/core/aws/partition'

const AWS = { port: 4599, tlsPort: 4600, certificate: { spkiSha256: 'c3BraQ==' } }

function findProxy(pac: string, url: string): string {
  const host = new URL(url).hostname
  return runInNewContext(`${pac}\nFindProxyForURL(${JSON.stringify(url)}, ${JSON.stringify(host)})`) as string
}

describe('the e2e network', () => {
  it('Chromium: AWS domains to the TLS port, every other name NOTFOUND, loopback excluded, only the run key trusted', () => {
    const args = chromiumNetworkArgs(AWS)
    const rules = args.find((a) => a.startsWith('--host-resolver-rules='))!.slice('--host-resolver-rules='.length)
    const list = rules.split(', ')
    for (const suffix of [
      'amazonaws.com',
      'amazonaws.com.cn',
      'aws.amazon.com',
      'amazonaws.cn',
      'amazonaws-us-gov.com',
    ])
      expect(list).toEqual(expect.arrayContaining([`MAP ${suffix} 127.0.0.1:4600`, `MAP *.${suffix} 127.0.0.1:4600`]))
    expect(list.slice(-3)).toEqual(['MAP * ~NOTFOUND', 'EXCLUDE 127.0.0.1', 'EXCLUDE localhost'])
    expect(args).toContain('--ignore-certificate-errors-spki-list=c3BraQ==')
    expect(args.some((a) => a === '--ignore-certificate-errors')).toBe(false)
    // Without a stand-in, AWS's names fail like any other.
    const none = chromiumNetworkArgs(undefined).join(' ')
    expect(none).not.toContain('127.0.0.1:')
    expect(none).toContain('MAP * ~NOTFOUND')
  })

  it('Firefox: loopback direct, everything else to the stand-in as its only proxy (or a dead port)', () => {
    const pac = pacScript(AWS)
    expect(findProxy(pac, 'http://127.0.0.1:8080/')).toBe('DIRECT')
    expect(findProxy(pac, 'http://localhost/')).toBe('DIRECT')
    for (const url of ['https://sts.eu-west-1.amazonaws.com/', 'https://example.com/', 'http://example.org/'])
      expect(findProxy(pac, url), url).toBe('PROXY 127.0.0.1:4599')
    expect(findProxy(pacScript(undefined), 'https://signin.aws.amazon.com/')).toBe('PROXY 127.0.0.1:9')
  })

  it('the stand-in answers for every host the store build fetches, and refuses look-alikes', () => {
    for (const host of publicEndpointHosts()) {
      expect(awsHostOf(host), host).toBeDefined()
      expect(isUnderAwsDomain(host), host).toBe(true)
    }
    for (const host of ['example.com', 'amazonaws.com.example.net', 'console.aws.amazon.com.evil.test'])
      expect(isUnderAwsDomain(host), host).toBe(false)
  })
})
