// RFC 6238 codes (30-second steps, 6 digits, SHA-1 — what virtual MFA apps use), through the otpauth package.
// AWS accepts a code from one step either side of now and refuses a code that was already used; like
// RFC 6238 §5.2 we remember the last accepted step per device and refuse it and every earlier one.
import { Secret, TOTP } from 'otpauth'
import { timingSafeEqual } from 'node:crypto'

export const TOTP_PERIOD_MS = 30_000

function generator(secretBase32: string): TOTP {
  return new TOTP({
    secret: Secret.fromBase32(secretBase32),
    digits: 6,
    period: TOTP_PERIOD_MS / 1000,
    algorithm: 'SHA1',
  })
}

export const totpStep = (atMs: number) => Math.floor(atMs / TOTP_PERIOD_MS)

export function totpCode(secretBase32: string, atMs: number): string {
  return generator(secretBase32).generate({ timestamp: atMs })
}

const sameCode = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))

export class MfaCodeBook {
  private readonly lastAcceptedStep = new Map<string, number>()

  /** True (and the step is then spent) when the code is valid now ±1 step and newer than the last one used. */
  accept(serial: string, secretBase32: string, code: string, nowMs: number): boolean {
    const now = totpStep(nowMs)
    const spent = this.lastAcceptedStep.get(serial) ?? -Infinity
    for (const step of [now, now - 1, now + 1]) {
      if (step <= spent) continue
      if (sameCode(totpCode(secretBase32, step * TOTP_PERIOD_MS), code)) {
        this.lastAcceptedStep.set(serial, step)
        return true
      }
    }
    return false
  }

  /** The code a user would read now, the next one, and the earliest one that would still be accepted. */
  codes(
    serial: string,
    secretBase32: string,
    nowMs: number,
  ): { current: string; next: string; unused?: string; msLeft: number } {
    const now = totpStep(nowMs)
    const spent = this.lastAcceptedStep.get(serial) ?? -Infinity
    const unusedStep = [now, now + 1].find((s) => s > spent)
    return {
      current: totpCode(secretBase32, now * TOTP_PERIOD_MS),
      next: totpCode(secretBase32, (now + 1) * TOTP_PERIOD_MS),
      ...(unusedStep !== undefined ? { unused: totpCode(secretBase32, unusedStep * TOTP_PERIOD_MS) } : {}),
      msLeft: (now + 1) * TOTP_PERIOD_MS - nowMs,
    }
  }
}
