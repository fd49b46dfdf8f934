// A plain web page on loopback: something that is not part of the extension, to prove what it cannot do.
// It records every request it gets, so a test can also prove that nothing was sent to it.
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export async function startWebServer(html = '<!doctype html><title>Some web page</title><h1>Some web page</h1>') {
  const requests: string[] = []
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`)
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end(html)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    /** "METHOD /path?query" of every request so far. */
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
