// The small request/response shapes the route handlers share (the server adapts node:http to them).
import type { Site } from './site'

export interface HttpResult {
  status: number
  headers: Record<string, string | string[]>
  body: string
}

export interface RouteRequest {
  method: string
  url: URL
  /** Query parameters plus, for a form POST, the body's fields. */
  params: URLSearchParams
  /** This stand-in's console session id from the cookie, if the browser sent one. */
  sessionId: string | undefined
  cookieName: string
  /** The loopback address or the real AWS host the request reached (site.ts). */
  site: Site
}

export const htmlResult = (
  status: number,
  body: string,
  headers: Record<string, string | string[]> = {},
): HttpResult => ({
  status,
  body,
  headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers },
})

export const jsonResult = (status: number, value: unknown): HttpResult => ({
  status,
  body: JSON.stringify(value),
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
})

export const redirect = (location: string, headers: Record<string, string | string[]> = {}): HttpResult => ({
  status: 302,
  body: '',
  headers: { location, 'cache-control': 'no-store', ...headers },
})
