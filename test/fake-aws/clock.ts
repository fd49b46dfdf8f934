// Time for the stand-in. Everything reads one injectable clock (epoch ms) so unit tests can freeze or move it;
// the demo and e2e runs use the real clock.

export type Now = () => number

export interface ManualClock {
  now: Now
  /** Moves the clock forward (or back, with a negative value). */
  advance(ms: number): void
  set(time: number | string | Date): void
}

export function manualClock(start: number | string | Date = Date.now()): ManualClock {
  let current = toMs(start)
  return {
    now: () => current,
    advance: (ms) => {
      current += ms
    },
    set: (time) => {
      current = toMs(time)
    },
  }
}

function toMs(time: number | string | Date): number {
  const ms = typeof time === 'number' ? time : new Date(time).getTime()
  if (!Number.isFinite(ms)) throw new Error(`manualClock: not a time: ${String(time)}`)
  return ms
}

/** SigV4's basic ISO-8601 form, 20150830T123600Z (seconds precision, as AWS prints it). */
export function amzDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '')
}

/** Parses 20150830T123600Z; undefined when it is not in exactly that form. */
export function parseAmzDate(text: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text)
  if (!m) return undefined
  const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!)
  return Number.isNaN(ms) ? undefined : ms
}

/**
 * The ISO form STS uses for Expiration (2015-08-30T13:36:00Z). AWS never prints fractions; with a time scale
 * below 1 lifetimes are sub-second, so fractions are kept only when the instant has them.
 */
export function isoTime(ms: number): string {
  const iso = new Date(ms).toISOString()
  return ms % 1000 === 0 ? iso.replace(/\.000Z$/, 'Z') : iso
}
