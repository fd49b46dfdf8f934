// Locks the vault with the machine, as password managers do: when the operating system locks the screen, or
// when the person has been away (no input anywhere, not only in Rolecall) for the auto-lock time.
import type { VaultService } from './service'

export type MachineState = 'active' | 'idle' | 'locked'

/** What this needs from the idle API (src/platform/idle.ts; a fake in unit tests). */
export interface IdleWatch {
  setDetectionInterval(seconds: number): void
  queryState(seconds: number): Promise<MachineState>
  onStateChanged(listener: (state: MachineState) => void): void
}

/**
 * Registers the idle listener (call synchronously at background start) and sets the detection interval from the
 * auto-lock setting. Returns the same vault, whose setSettings also moves the interval when the setting changes.
 */
export function lockWithMachine(vault: VaultService, idle: IdleWatch): VaultService {
  const follow = (minutes: number) => idle.setDetectionInterval(minutes * 60)

  async function machineStateChanged(state: MachineState): Promise<void> {
    if (state === 'active' || (await vault.state()) !== 'unlocked') return
    if (state === 'idle') {
      // Before this start's interval is set the browser's default (60 s) applies: ask again with the setting's own.
      const { autoLockMinutes } = await vault.settings()
      if ((await idle.queryState(autoLockMinutes * 60)) === 'active') return
    }
    await vault.lock()
  }

  idle.onStateChanged((state) => void machineStateChanged(state).catch(() => undefined))
  vault.settings().then(
    (settings) => follow(settings.autoLockMinutes),
    () => undefined,
  )
  return {
    ...vault,
    async setSettings(settings) {
      const next = await vault.setSettings(settings)
      follow(next.autoLockMinutes)
      return next
    },
  }
}
