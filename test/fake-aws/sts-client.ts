// Test helpers: the real AWS SDK pointed at the stand-in, and raw SigV4-signed calls made with the SDK's
// own signer (@smithy/signature-v4) for tests that need the exact response body.
import { STSClient } from '@aws-sdk/client-sts'
import { SignatureV4 } from '@smithy/signature-v4'
import type { SourceData } from '@smithy/types'
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto'
import { request as httpRequest } from 'node:http'

export interface Keys {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
}

/** systemClockOffset: how far the stand-in's clock is ahead of the real one (tests that move its clock). */
export function sdkClient(url: string, keys: Keys, region = 'eu-west-1', systemClockOffset = 0): STSClient {
  return new STSClient({ endpoint: url, region, credentials: keys, maxAttempts: 1, systemClockOffset })
}

/** Issued credentials from an SDK response, as Keys. */
export function keysOf(c: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string } | undefined): Keys {
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) throw new Error('response has no credentials')
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken }
}

/** The SDK's failure as { name, message, status } (or the success value, to make the test fail clearly). */
export async function stsFailure(call: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    return { name: 'NoError', message: JSON.stringify(await call) }
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } }
    return {
      name: e.name,
      message: e.message,
      ...(e.$metadata?.httpStatusCode ? { status: e.$metadata.httpStatusCode } : {}),
    }
  }
}

/** The hash the SDK's signer needs, from node:crypto. */
export class NodeSha256 {
  private readonly hash: Hash | Hmac
  constructor(secret?: SourceData) {
    this.hash = secret ? createHmac('sha256', bytes(secret)) : createHash('sha256')
  }
  update(data: SourceData): void {
    this.hash.update(bytes(data))
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest())
  }
}

function bytes(data: SourceData): string | Uint8Array {
  if (typeof data === 'string') return data
  return ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data)
}

export interface RawCallOptions {
  region?: string
  signingDate?: Date
  /** Add X-Amz-Security-Token after signing (post-sts-header-after style) instead of signing it. */
  tokenUnsigned?: boolean
  /** The Host header to sign and send (e.g. sts.eu-west-1.amazonaws.com) instead of the URL's host. */
  host?: string
  /** Request path (default /). */
  path?: string
  /** Further headers, signed; x-amz-content-sha256 here is what the signer puts in the canonical request. */
  headers?: Record<string, string>
}

export async function rawStsCall(
  url: string,
  params: Record<string, string>,
  keys: Keys,
  options: RawCallOptions = {},
) {
  const target = new URL(url)
  const body = new URLSearchParams({ Version: '2011-06-15', ...params }).toString()
  const host = options.host ?? target.host
  const path = options.path ?? '/'
  const signer = new SignatureV4({
    service: 'sts',
    region: options.region ?? 'us-east-1',
    sha256: NodeSha256,
    credentials: options.tokenUnsigned
      ? { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey }
      : keys,
  })
  const signed = await signer.sign(
    {
      method: 'POST',
      protocol: 'http:',
      hostname: host.replace(/:\d+$/, ''),
      path,
      query: {},
      headers: { host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...options.headers },
      body,
    },
    options.signingDate ? { signingDate: options.signingDate } : {},
  )
  const headers: Record<string, string> = { ...signed.headers, 'content-length': String(Buffer.byteLength(body)) }
  if (options.tokenUnsigned && keys.sessionToken) headers['x-amz-security-token'] = keys.sessionToken
  return new Promise<{ status: number; contentType: string | null; body: string }>((resolve, reject) => {
    // node:http, not fetch: fetch cannot send a Host header of our choosing.
    const req = httpRequest(
      { host: target.hostname, port: target.port, method: 'POST', path, headers, setHost: false },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: res.headers['content-type'] ?? null,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        )
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}
