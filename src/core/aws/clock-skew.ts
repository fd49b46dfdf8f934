// How far this computer's clock is off, read from STS's "Signature expired" message (docs/aws-protocol.md §2.2).

/**
 * Minutes this computer's clock is behind AWS's (negative: ahead), from STS's message:
 * "Signature expired: <request time> is now earlier than <now − 5 min> (<now> - 5 min.)" or
 * "Signature not yet current: <request time> is still later than <now + 5 min> (<now> + 5 min.)".
 */
export function clockSkewMinutes(message: string): number | undefined {
  if (!/Signature (expired|not yet current)/i.test(message)) return undefined
  const stamps = [...message.matchAll(/(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z/g)].map((m) =>
    Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])),
  )
  const requestTime = stamps[0]
  const serverNow =
    stamps[2] ?? (stamps[1] !== undefined ? stamps[1] + (/expired/i.test(message) ? 5 : -5) * 60_000 : undefined)
  if (requestTime === undefined || serverNow === undefined) return undefined
  return Math.round((serverNow - requestTime) / 60_000)
}
