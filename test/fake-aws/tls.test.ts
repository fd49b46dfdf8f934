// The stand-in on AWS's real host names over TLS: the run's certificate, routing by Host, the HTTPS proxy that
// Firefox's PAC file points at, and the refusal of every other host. The AWS SDK for JavaScript talks to
// https://sts.<region>.amazonaws.com here exactly as it would to AWS, only its connections go to 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import {
  CreateTokenCommand,
  RegisterClientCommand,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
} from '@aws-sdk/client-sso-oidc'
import { ListAccountsCommand, SSOClient } from '@aws-sdk/client-sso'
import { NodeHttpHandler } from '@smithy/node-http-handler'
import { request as httpRequest } from 'node:http'
import { Agent, request as httpsRequest, type AgentOptions } from 'node:https'
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls'
import type { Duplex } from 'node:stream'
import { X509Certificate } from 'node:crypto'
import { startFakeAws, type FakeAws } from './index'
import { awsHostNames, awsHostOf } from './tls/aws-hosts'
import { stsFailure } from './sts-client'
import { ALICE_KEY, testOrg } from './test-org'

let fake: FakeAws
beforeAll(async () => {
  fake = await startFakeAws({ fixture: testOrg })
})
afterAll(() => fake.close())

/** An agent that sends every https connection to the stand-in's TLS port, verifying against the run's CA. */
function mappedAgent(): Agent {
  const agent = new Agent({ ca: fake.certificate.caPem } as AgentOptions)
  agent.createConnection = ((options: ConnectionOptions & { host?: string }) =>
    tlsConnect({
      host: '127.0.0.1',
      port: fake.tlsPort,
      servername: options.servername ?? options.host,
      ca: fake.certificate.caPem,
    })) as never
  return agent
}

function get(url: string, agent: Agent, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>(
    (resolve, reject) => {
      const req = httpsRequest(url, { agent, headers }, (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => (body += c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      })
      req.on('error', reject)
      req.end()
    },
  )
}

/** CONNECT host:port through the plain listener, as Firefox does behind a PAC file. */
function connectThrough(target: string): Promise<{ status: number; socket: Duplex }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: fake.port, method: 'CONNECT', path: target })
    req.on('connect', (res, socket) => resolve({ status: res.statusCode ?? 0, socket }))
    req.on('response', (res) => resolve({ status: res.statusCode ?? 0, socket: res.socket }))
    req.on('error', reject)
    req.end()
  })
}

describe('the certificate', () => {
  it('names every AWS host Rolecall and the console flow use, and the run CA signed it', () => {
    const names = awsHostNames()
    for (const name of [
      'sts.amazonaws.com',
      'sts.eu-west-1.amazonaws.com',
      'sts.cn-north-1.amazonaws.com.cn',
      'sts.us-gov-west-1.amazonaws.com',
      'signin.aws.amazon.com',
      'us-east-1.signin.aws.amazon.com',
      'signin.amazonaws.cn',
      'signin.amazonaws-us-gov.com',
      'console.aws.amazon.com',
      'eu-west-1.console.aws.amazon.com',
      '*.eu-west-1.console.aws.amazon.com',
      'cn-north-1.console.amazonaws.cn',
      'us-gov-west-1.console.amazonaws-us-gov.com',
    ])
      expect(names, name).toContain(name)
    const leaf = new X509Certificate(fake.certificate.certPem)
    const ca = new X509Certificate(fake.certificate.caPem)
    expect(leaf.verify(ca.publicKey)).toBe(true)
    expect(leaf.checkHost('111122223333-abcd1234.eu-west-1.console.aws.amazon.com')).toBeTruthy()
    expect(leaf.checkHost('example.com')).toBeUndefined()
    expect(fake.certificate.spkiSha256).toMatch(/^[A-Za-z0-9+/]{43}=$/)
  })

  it('classifies host names as STS, sign-in or console, and nothing else', () => {
    expect(awsHostOf('sts.eu-west-1.amazonaws.com')).toEqual({ kind: 'sts', region: 'eu-west-1' })
    expect(awsHostOf('us-east-1.signin.aws.amazon.com')).toEqual({ kind: 'signin', partition: 'aws' })
    expect(awsHostOf('111122223333-abcd1234.eu-west-1.console.aws.amazon.com')).toEqual({
      kind: 'console',
      partition: 'aws',
      region: 'eu-west-1',
      session: '111122223333-abcd1234',
    })
    for (const other of ['example.com', '127.0.0.1:80', 'aws.amazon.com', 'evil.console.aws.amazon.com.example.com'])
      expect(awsHostOf(other), other).toBeUndefined()
  })
})

describe('AWS host names over TLS', () => {
  it('answers the AWS SDK at https://sts.<region>.amazonaws.com, checking the signing region against the host', async () => {
    const client = (region: string, endpoint?: string) =>
      new STSClient({
        region,
        ...(endpoint ? { endpoint } : {}),
        credentials: ALICE_KEY,
        maxAttempts: 1,
        requestHandler: new NodeHttpHandler({ httpsAgent: mappedAgent() }),
      })
    const me = await client('eu-west-1').send(new GetCallerIdentityCommand({}))
    expect(me.Arn).toMatch(/^arn:aws:iam::\d{12}:user\//)
    // Signed for eu-west-2, sent to eu-west-1's host: refused as AWS does.
    const wrong = await stsFailure(
      client('eu-west-2', 'https://sts.eu-west-1.amazonaws.com').send(new GetCallerIdentityCommand({})),
    )
    expect(wrong).toMatchObject({ name: 'SignatureDoesNotMatch', status: 403 })
    expect(fake.hostsSeen().served).toContain('sts.eu-west-1.amazonaws.com')
    expect(fake.hostsSeen().serverNames).toContain('sts.eu-west-1.amazonaws.com')
  })

  it('serves console pages at the root of a console host and the federation endpoint at a sign-in host', async () => {
    const page = await get(fake.realConsoleUrl('eu-west-1', '/ec2/home'), mappedAgent())
    expect(page.status).toBe(200)
    expect(page.body).toContain('data-testid="not-signed-in"')
    expect(page.body).toContain('/ec2/home?region=eu-west-1')
    const federation = await get('https://signin.aws.amazon.com/federation?Action=getSigninToken', mappedAgent())
    expect(federation.status).toBe(400)
    const unknown = await get('https://sts.amazonaws.com/federation', mappedAgent())
    expect(unknown.status).toBe(404)
  })
})

describe('the HTTPS proxy (Firefox)', () => {
  it('tunnels CONNECT <aws host>:443 into the TLS server', async () => {
    const { status, socket } = await connectThrough('eu-central-1.console.aws.amazon.com:443')
    expect(status).toBe(200)
    const agent = new Agent({ ca: fake.certificate.caPem })
    agent.createConnection = (() =>
      tlsConnect({ socket, servername: 'eu-central-1.console.aws.amazon.com', ca: fake.certificate.caPem })) as never
    const page = await get('https://eu-central-1.console.aws.amazon.com/s3/buckets', agent)
    expect(page.status).toBe(200)
    expect(page.body).toContain('data-testid="not-signed-in"')
  })

  it('refuses CONNECT to any other host, and plain proxy requests for one, and records the names', async () => {
    const refused = await connectThrough('example.com:443')
    expect(refused.status).toBe(403)
    refused.socket.destroy()
    const plain = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port: fake.port, path: 'http://example.org/', headers: { host: 'example.org' } },
        (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        },
      )
      req.on('error', reject)
      req.end()
    })
    expect(plain).toBe(502)
    expect(fake.hostsSeen().refused).toEqual(expect.arrayContaining(['example.com', 'example.org']))
  })
})

describe('IAM Identity Center over TLS', () => {
  it("answers the SDK's sso-oidc and sso clients at their real hosts, and serves the device page", async () => {
    const requestHandler = new NodeHttpHandler({ httpsAgent: mappedAgent() })
    const oidc = new SSOOIDCClient({ region: 'eu-west-1', maxAttempts: 1, requestHandler })
    const client = await oidc.send(
      new RegisterClientCommand({ clientName: 'tls', clientType: 'public', scopes: ['sso:account:access'] }),
    )
    const auth = await oidc.send(
      new StartDeviceAuthorizationCommand({
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        startUrl: fake.ssoStartUrl,
      }),
    )
    expect(auth.verificationUri).toBe('https://device.sso.eu-west-1.amazonaws.com/')
    const page = await get(auth.verificationUriComplete!, mappedAgent())
    expect(page.body).toContain(auth.userCode!)
    expect(fake.sso.approve(auth.userCode!)).toBe(true)
    const tokens = await oidc.send(
      new CreateTokenCommand({
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        grantType: 'urn:ietf:params:oauth:grant-type:device_code',
        deviceCode: auth.deviceCode,
      }),
    )
    const portal = new SSOClient({ region: 'eu-west-1', maxAttempts: 1, requestHandler })
    const accounts = await portal.send(new ListAccountsCommand({ accessToken: tokens.accessToken }))
    expect(accounts.accountList!.length).toBeGreaterThan(0)
    expect(fake.hostsSeen().served).toEqual(
      expect.arrayContaining([
        'oidc.eu-west-1.amazonaws.com',
        'portal.sso.eu-west-1.amazonaws.com',
        'device.sso.eu-west-1.amazonaws.com',
      ]),
    )
  })
})
