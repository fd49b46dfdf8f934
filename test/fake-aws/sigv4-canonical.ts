// SigV4 canonical request pieces (docs/aws-protocol.md §3). Pure functions over the request as it came off the wire.
import { createHash } from 'node:crypto'

/** A request exactly as received: raw target (path + query), header pairs in arrival order, body bytes. */
export interface WireRequest {
  method: string
  /** Path and query as sent on the request line, e.g. "/?Action=GetCallerIdentity". */
  target: string
  headers: ReadonlyArray<readonly [string, string]>
  body: Uint8Array | string
}

export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex')
}

/** RFC 3986 encoding as SigV4 wants it: only A-Z a-z 0-9 - _ . ~ stay literal. */
export function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())
}

/** Percent-decodes once; text that is not valid percent-encoding is kept as it is. */
export function lenientDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

export function splitTarget(target: string): { path: string; query: string } {
  const q = target.indexOf('?')
  return q < 0 ? { path: target, query: '' } : { path: target.slice(0, q), query: target.slice(q + 1) }
}

/** Path segments decoded, dot segments and empty segments removed, each re-encoded once. */
export function canonicalUri(path: string): string {
  const segments: string[] = []
  for (const raw of path.split('/')) {
    const segment = lenientDecode(raw)
    if (segment === '' || segment === '.') continue
    if (segment === '..') segments.pop()
    else segments.push(uriEncode(segment))
  }
  const trailing = segments.length > 0 && /\/\.{0,2}$/.test(path)
  return '/' + segments.join('/') + (trailing ? '/' : '')
}

export interface QueryParam {
  name: string
  value: string
}

/** Query parameters decoded (a '+' stays a '+': SDKs never use it for a space). */
export function parseQuery(query: string): QueryParam[] {
  if (query === '') return []
  return query
    .split('&')
    .filter((p) => p !== '')
    .map((pair) => {
      const eq = pair.indexOf('=')
      const name = eq < 0 ? pair : pair.slice(0, eq)
      const value = eq < 0 ? '' : pair.slice(eq + 1)
      return { name: lenientDecode(name), value: lenientDecode(value) }
    })
}

export function canonicalQuery(params: QueryParam[], omit: ReadonlySet<string> = new Set()): string {
  return params
    .filter((p) => !omit.has(p.name))
    .map((p) => [uriEncode(p.name), uriEncode(p.value)] as const)
    .sort(([an, av], [bn, bv]) => (an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([n, v]) => `${n}=${v}`)
    .join('&')
}

/** All values of one header (case-insensitive), trimmed, inner runs of blanks collapsed, joined with ','. */
export function canonicalHeaderValue(headers: WireRequest['headers'], name: string): string | undefined {
  const values = headers.filter(([n]) => n.toLowerCase() === name).map(([, v]) => v.trim().replace(/[ \t]+/g, ' '))
  return values.length === 0 ? undefined : values.join(',')
}

/** First value of a header, without the optional whitespace HTTP allows around it. */
export function headerValue(headers: WireRequest['headers'], name: string): string | undefined {
  const lower = name.toLowerCase()
  return headers.find(([n]) => n.toLowerCase() === lower)?.[1].trim()
}

export function canonicalHeaders(headers: WireRequest['headers'], signedHeaders: readonly string[]): string {
  return signedHeaders.map((name) => `${name}:${canonicalHeaderValue(headers, name) ?? ''}\n`).join('')
}

export function canonicalRequest(input: {
  method: string
  path: string
  query: string
  omitFromQuery?: ReadonlySet<string>
  headers: WireRequest['headers']
  signedHeaders: readonly string[]
  payloadHash: string
}): string {
  return [
    input.method.toUpperCase(),
    canonicalUri(input.path),
    canonicalQuery(parseQuery(input.query), input.omitFromQuery),
    canonicalHeaders(input.headers, input.signedHeaders),
    input.signedHeaders.join(';'),
    input.payloadHash,
  ].join('\n')
}
