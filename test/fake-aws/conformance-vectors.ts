// Loads the shared SigV4 material (../shared/cases) as wire requests for the verifier tests.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs'
import path from 'node:path'
import type { WireRequest } from './sigv4-canonical'

export const CASES_DIR = path.resolve(import.meta.dirname, '../../../shared/cases')

export interface SigV4Vector {
  name: string
  request: WireRequest
  secretAccessKey: string
  nowMs: number
  /** Expected intermediate results where the vector provides them. */
  canonicalRequest?: string
  stringToSign?: string
}

/** "GET / HTTP/1.1\nHost:x\n\nbody" → wire request (header lines split at the first ':'). */
export function parseHttpText(text: string): WireRequest {
  const blank = text.indexOf('\n\n')
  const head = blank < 0 ? text : text.slice(0, blank)
  const body = blank < 0 ? '' : text.slice(blank + 2)
  const [requestLine = '', ...headerLines] = head.split('\n')
  const match = /^(\S+) (.*) HTTP\/1\.1$/.exec(requestLine)
  if (!match) throw new Error(`not an HTTP request line: ${requestLine}`)
  const headers = headerLines
    .filter((l) => l !== '')
    .map((line) => {
      const colon = line.indexOf(':')
      return [line.slice(0, colon), line.slice(colon + 1)] as const
    })
  return { method: match[1]!, target: match[2]!, headers, body }
}

const read = (file: string) => readFileSync(file, 'utf8')
const FROZEN = Date.parse('2015-08-30T12:36:00Z')
const EXAMPLE_SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'

function dirsWith(root: string, suffix: string): string[] {
  const found: string[] = []
  for (const entry of readdirSync(root)) {
    const full = path.join(root, entry)
    if (!statSync(full).isDirectory()) continue
    if (readdirSync(full).some((f) => f.endsWith(suffix))) found.push(full)
    found.push(...dirsWith(full, suffix))
  }
  return found
}

/** botocore's aws4_testsuite: the signed request (.sreq) carrying the reference Authorization (.authz). */
export function botocoreVectors(): SigV4Vector[] {
  return dirsWith(path.join(CASES_DIR, 'sigv4/botocore-aws4_testsuite'), '.sreq').map((dir) => {
    const name = path.basename(dir)
    const base = path.join(dir, name)
    const signed = parseHttpText(read(base + '.sreq'))
    const headers = [
      ...signed.headers.filter(([n]) => n.toLowerCase() !== 'authorization'),
      ['Authorization', read(base + '.authz').trim()] as const,
    ]
    return {
      name: `botocore/${name}`,
      request: { ...signed, headers },
      secretAccessKey: EXAMPLE_SECRET,
      nowMs: FROZEN,
      canonicalRequest: read(base + '.creq'),
      stringToSign: read(base + '.sts'),
    }
  })
}

/** The .sreq files exactly as published (one of them carries a signature that differs from its .authz). */
export function botocoreRawSignedRequests(): Array<{ name: string; request: WireRequest; matchesAuthz: boolean }> {
  return dirsWith(path.join(CASES_DIR, 'sigv4/botocore-aws4_testsuite'), '.sreq').map((dir) => {
    const base = path.join(dir, path.basename(dir))
    const request = parseHttpText(read(base + '.sreq'))
    const authorization = request.headers.find(([n]) => n === 'Authorization')?.[1].trim()
    return { name: path.basename(dir), request, matchesAuthz: authorization === read(base + '.authz').trim() }
  })
}

/** aws-c-auth's suite: each case signed in the header and in the query. */
export function crtVectors(): SigV4Vector[] {
  return dirsWith(path.join(CASES_DIR, 'sigv4/crt-v4'), 'context.json').flatMap((dir) => {
    const context = JSON.parse(read(path.join(dir, 'context.json'))) as {
      credentials: { secret_access_key: string }
      timestamp: string
    }
    return (['header', 'query'] as const)
      .filter((kind) => existsSync(path.join(dir, `${kind}-signed-request.txt`)))
      .map((kind) => ({
        name: `crt/${path.basename(dir)}/${kind}`,
        request: parseHttpText(read(path.join(dir, `${kind}-signed-request.txt`))),
        secretAccessKey: context.credentials.secret_access_key,
        nowMs: Date.parse(context.timestamp),
        canonicalRequest: read(path.join(dir, `${kind}-canonical-request.txt`)),
        stringToSign: read(path.join(dir, `${kind}-string-to-sign.txt`)),
      }))
  })
}

interface StsSignedFile {
  clock: string
  secret_access_key: string
  vectors: Array<{
    operation: string
    region: string
    session_token: string | null
    request: { method: string; url: string; headers: Record<string, string>; body: string }
  }>
}

/** The 20 botocore-signed STS requests; the Host header is the URL's host, as the HTTP client sends it. */
export function stsSignedVectors(): Array<
  SigV4Vector & { operation: string; region: string; sessionToken: string | null }
> {
  const file = JSON.parse(read(path.join(CASES_DIR, 'sts-signed-requests.json'))) as StsSignedFile
  return file.vectors.map((v, i) => {
    const url = new URL(v.request.url)
    return {
      name: `sts/${i}-${v.operation}-${url.host}`,
      operation: v.operation,
      region: v.region,
      sessionToken: v.session_token,
      request: {
        method: v.request.method,
        target: url.pathname + url.search,
        headers: [['Host', url.host] as const, ...Object.entries(v.request.headers)],
        body: v.request.body,
      },
      secretAccessKey: file.secret_access_key,
      nowMs: Date.parse(file.clock),
    }
  })
}
