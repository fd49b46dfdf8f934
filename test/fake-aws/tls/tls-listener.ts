// The stand-in over TLS, two ways in, one request handler:
//  - a TLS listener on its own loopback port, for clients that map AWS names to it themselves (Chromium's
//    --host-resolver-rules, Node's https with a lookup);
//  - an HTTPS proxy on the plain listener (Firefox, through a PAC file): `CONNECT <aws host>:443` is answered
//    200 and the tunnel handed to the same TLS server; a CONNECT to any other host is refused and logged.
import type { Server as HttpServer, RequestListener } from 'node:http'
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https'
import type { Duplex } from 'node:stream'
import type { TLSSocket } from 'node:tls'
import type { StandInCertificate } from './certificates'
import { isUnderAwsDomain } from './aws-hosts'
import type { HostLog } from './host-log'

export function createTlsServer(listener: RequestListener, cert: StandInCertificate, log: HostLog): HttpsServer {
  const server = createHttpsServer({ cert: cert.certPem, key: cert.keyPem }, listener)
  server.on('secureConnection', (socket: TLSSocket) => {
    const name = (socket as TLSSocket & { servername?: string | false }).servername
    if (typeof name === 'string' && name !== '') log.serverName(name)
  })
  // A client that gives up mid-handshake (a refused certificate, a closed tab) is not an error of the stand-in.
  server.on('tlsClientError', () => undefined)
  return server
}

/** Makes the plain listener an HTTPS proxy for AWS's names only (what Firefox's PAC file points at). */
export function acceptConnectTunnels(plain: HttpServer, tls: HttpsServer, log: HostLog): void {
  plain.on('connect', (req, socket: Duplex, head: Buffer) => {
    const target = /^([^:[\]]+|\[[^\]]+\]):(\d+)$/.exec(req.url ?? '')
    const host = target?.[1] ?? ''
    socket.on('error', () => socket.destroy())
    if (!target || target[2] !== '443' || !isUnderAwsDomain(host)) {
      log.refused(host || (req.url ?? ''))
      socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\nconnection: close\r\n\r\n')
      return
    }
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n')
    if (head.length > 0) socket.unshift(head)
    tls.emit('connection', socket)
  })
}
