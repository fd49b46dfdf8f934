// A tiny node:http server that answers every request with whatever the test sets: lets real STS XML go
// through the real SDK (signing, parsing, retries) without any network.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Canned {
  status: number
  body: string
  headers?: Record<string, string>
  /** Never answer (for timeouts). */
  hang?: boolean
}

export interface StsTestServer {
  endpoint: string
  answer(canned: Canned): void
  /** Bodies of the requests received since the last answer(). */
  requests: Array<{ body: string; headers: IncomingMessage['headers'] }>
  close(): Promise<void>
}

export async function startStsTestServer(): Promise<StsTestServer> {
  let canned: Canned = { status: 500, body: '' }
  const requests: StsTestServer['requests'] = []
  const hanging = new Set<ServerResponse>()
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
    req.on('end', () => {
      requests.push({ body, headers: req.headers })
      if (canned.hang) {
        hanging.add(res)
        return
      }
      res.writeHead(canned.status, { 'content-type': 'text/xml', ...canned.headers })
      res.end(canned.body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    answer(next) {
      canned = next
      requests.length = 0
    },
    async close() {
      for (const res of hanging) res.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
