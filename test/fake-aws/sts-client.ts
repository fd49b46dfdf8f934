// Test helpers: the real AWS SDK pointed at the stand-in, and raw SigV4-signed calls made with the SDK's
// own signer (@smithy/signature-v4) for tests that need the exact response body.
import { STSClient } from '@aws-sdk/client-sts'
import { SignatureV4 } from '@smithy/signature-v4'
import type { SourceData } from '@smithy/types'
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto'

export interface Keys { accessKeyId: string; secretAccessKey: string; sessionToken?: string }

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
    return { name: e.name, message: e.message, ...(e.$metadata?.httpStatusCode ? { status: e.$metadata.httpStatusCode } : {}) }
  }
}

/** The hash the SDK's signer needs, from node:crypto. */
export class NodeSha256 {
  private readonly hash: Hash | Hmac
  constructor(secret?: SourceData) {
    this.hash = secret ? createHmac('sha256', bytes(secret)) : createHash('sha256')
  }
  update(data: SourceData): void { this.hash.update(bytes(data)) }
  async digest(): Promise<Uint8Array> { return new Uint8Array(this.hash.digest()) }
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
}

export async function rawStsCall(url: string, params: Record<string, string>, keys: Keys, options: RawCallOptions = {}) {
  const target = new URL(url)
  const body = new URLSearchParams({ Version: '2011-06-15', ...params }).toString()
  const signer = new SignatureV4({
    service: 'sts', region: options.region ?? 'us-east-1', sha256: NodeSha256,
    credentials: options.tokenUnsigned ? { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey } : keys,
  })
  const signed = await signer.sign({
    method: 'POST', protocol: 'http:', hostname: target.hostname, port: Number(target.port), path: '/', query: {},
    headers: { host: target.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body,
  }, options.signingDate ? { signingDate: options.signingDate } : {})
  const headers: Record<string, string> = { ...signed.headers }
  delete headers.host
  if (options.tokenUnsigned && keys.sessionToken) headers['x-amz-security-token'] = keys.sessionToken
  const response = await fetch(url + '/', { method: 'POST', headers, body })
  return { status: response.status, contentType: response.headers.get('content-type'), body: await response.text() }
}
