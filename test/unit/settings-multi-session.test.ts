// The consoleMultiSession setting: off unless the user turns it on, validated like the others.
import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, SettingsError, settingsFromStorage, updateSettings } from '../../src/core/settings'

describe('consoleMultiSession', () => {
  it('is off by default and in settings stored before it existed', () => {
    expect(DEFAULT_SETTINGS.consoleMultiSession).toBe(false)
    expect(settingsFromStorage({ defaultRegion: 'eu-west-1' }).consoleMultiSession).toBe(false)
  })

  it('turns on and off, leaving every other setting alone', () => {
    const on = updateSettings(DEFAULT_SETTINGS, { consoleMultiSession: true })
    expect(on).toEqual({ ...DEFAULT_SETTINGS, consoleMultiSession: true })
    expect(updateSettings(on, { consoleMultiSession: false }).consoleMultiSession).toBe(false)
    expect(settingsFromStorage({ consoleMultiSession: true }).consoleMultiSession).toBe(true)
  })

  it('refuses anything but a boolean with a clear message, and stored junk falls back to off', () => {
    for (const bad of ['true', 1, null, {}]) {
      expect(() => updateSettings(DEFAULT_SETTINGS, { consoleMultiSession: bad })).toThrow(SettingsError)
    }
    expect(() => updateSettings(DEFAULT_SETTINGS, { consoleMultiSession: 'yes' })).toThrow(
      'Console multi-session support must be on or off.',
    )
    expect(settingsFromStorage({ consoleMultiSession: 'yes' }).consoleMultiSession).toBe(false)
  })
})
