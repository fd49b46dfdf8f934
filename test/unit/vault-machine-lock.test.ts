// Issue 15: the vault locks with the machine. The operating system locking the screen, or no input anywhere
// for the auto-lock time (the idle API, not only activity in Rolecall's pages), locks the vault; the detection
// interval follows the auto-lock setting at start and when it changes; the listener is registered synchronously
// when the background starts, so a state change that wakes a stopped worker finds it.
import { describe, expect, it, vi } from 'vitest'
import { lockWithMachine, type IdleWatch, type MachineState } from '../../src/background/vault/machine-lock'
import { vaultWorld } from './vault/service-fakes'
import { PASSPHRASE } from './vault/helpers'

vi.mock('webextension-polyfill', async () => ({ default: (await import('./security/fake-browser')).fakeBrowser.api }))

function fakeIdle() {
  const listeners: Array<(state: MachineState) => void> = []
  const intervals: number[] = []
  const queried: number[] = []
  const state = { current: 'idle' as MachineState }
  const watch: IdleWatch = {
    setDetectionInterval: (seconds) => void intervals.push(seconds),
    queryState: async (seconds) => {
      queried.push(seconds)
      return state.current
    },
    onStateChanged: (listener) => void listeners.push(listener),
  }
  return {
    intervals,
    queried,
    listeners,
    watch,
    set current(value: MachineState) {
      state.current = value
    },
    fire: (changed: MachineState) => listeners.forEach((listener) => listener(changed)),
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

async function unlockedWorld() {
  const world = await vaultWorld()
  const idle = fakeIdle()
  const vault = lockWithMachine(world.service, idle.watch)
  await vault.create(PASSPHRASE)
  return { world, idle, vault }
}

describe('locking with the machine', () => {
  it('registers its listener at once and sets the detection interval from the auto-lock setting (15 min)', async () => {
    const world = await vaultWorld()
    const idle = fakeIdle()
    lockWithMachine(world.service, idle.watch)
    expect(idle.listeners).toHaveLength(1)
    await vi.waitFor(() => expect(idle.intervals).toEqual([15 * 60]))
  })

  it('locks when the operating system locks the screen', async () => {
    const { idle, vault } = await unlockedWorld()
    const onLock = vi.fn()
    vault.onLock(onLock)
    idle.fire('locked')
    await vi.waitFor(async () => expect(await vault.state()).toBe('locked'))
    expect(onLock).toHaveBeenCalledOnce()
  })

  it("locks when the person has been away for the auto-lock time, checked with the setting's own interval", async () => {
    const { idle, vault } = await unlockedWorld()
    await vault.setSettings({ autoLockMinutes: 5 })
    idle.fire('idle')
    await vi.waitFor(async () => expect(await vault.state()).toBe('locked'))
    expect(idle.queried).toEqual([5 * 60])
  })

  it('stays unlocked on an "idle" that came before this start\'s interval was set (the browser default, 60 s)', async () => {
    const { idle, vault } = await unlockedWorld()
    idle.current = 'active'
    idle.fire('idle')
    await settle()
    await settle()
    expect(await vault.state()).toBe('unlocked')
  })

  it('stays unlocked when the person comes back, and does nothing to a vault already locked', async () => {
    const { idle, vault } = await unlockedWorld()
    idle.fire('active')
    await settle()
    expect(await vault.state()).toBe('unlocked')
    await vault.lock()
    const onLock = vi.fn()
    vault.onLock(onLock)
    idle.fire('locked')
    await settle()
    await settle()
    expect(onLock).not.toHaveBeenCalled()
  })

  it('moves the detection interval when the auto-lock setting changes, and not when the change is refused', async () => {
    const { idle, vault } = await unlockedWorld()
    await vault.setSettings({ autoLockMinutes: 90 })
    expect(idle.intervals.at(-1)).toBe(90 * 60)
    await expect(vault.setSettings({ autoLockMinutes: 0 })).rejects.toThrow()
    expect(idle.intervals.at(-1)).toBe(90 * 60)
  })

  it('keeps the rest of the vault service as it is', async () => {
    const { world, vault } = await unlockedWorld()
    expect(Object.keys(vault).sort()).toEqual(Object.keys(world.service).sort())
  })
})

describe('the background vault wires the idle API', () => {
  it("listens to the browser's idle state from the start and follows the auto-lock setting", async () => {
    const { fakeBrowser } = await import('./security/fake-browser')
    const { createBackgroundVault } = await import('../../src/background/vault')
    const idle = fakeBrowser.api.idle
    const before = idle.onStateChanged.added.length
    const vault = createBackgroundVault()
    // Synchronously, before any await: a change that woke the worker is delivered to this listener.
    expect(idle.onStateChanged.added.length).toBe(before + 1)
    await vi.waitFor(() => expect(idle.interval).toBe(15 * 60))

    await vault.create(PASSPHRASE)
    await vault.setSettings({ autoLockMinutes: 2 })
    expect(idle.interval).toBe(120)
    idle.onStateChanged.fire('locked')
    await vi.waitFor(async () => expect(await vault.state()).toBe('locked'))

    await vault.unlock(PASSPHRASE)
    idle.current = 'idle'
    idle.onStateChanged.fire('idle')
    await vi.waitFor(async () => expect(await vault.state()).toBe('locked'))
  }, 30_000)
})
