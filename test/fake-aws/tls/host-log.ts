// What the stand-in saw of host names: the AWS names it served (Host header), the names clients asked for in the
// TLS handshake (SNI), and every other name that reached it as a proxy and was refused. A test reads this to
// prove that Rolecall used AWS's real host names and that nothing else left the browser.
export interface HostsSeen {
  /** Host header names of requests answered as an AWS host (sts.…, signin.…, console.…). */
  served: string[]
  /** TLS server names (SNI) of handshakes on the TLS listener and in the proxy's tunnels. */
  serverNames: string[]
  /** Names that reached the stand-in as a proxy (CONNECT or an absolute URL) and were refused. */
  refused: string[]
}

export class HostLog {
  private readonly seen = { served: new Set<string>(), serverNames: new Set<string>(), refused: new Set<string>() }

  served(name: string): void {
    this.seen.served.add(name)
  }

  serverName(name: string): void {
    this.seen.serverNames.add(name)
  }

  refused(name: string): void {
    this.seen.refused.add(name)
  }

  snapshot(): HostsSeen {
    return {
      served: [...this.seen.served],
      serverNames: [...this.seen.serverNames],
      refused: [...this.seen.refused],
    }
  }
}
