// A plain web page on loopback: something that is not part of the extension, to prove what it cannot do.
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export async function startWebServer(html = '<!doctype html><title>Some web page</title><h1>Some web page</h1>') {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end(html)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}
