// Request validation: pages are trusted code, but a message is still data. Every handler checks the shape it
// reads, so a malformed or hostile message is refused with a clear error and never changes state.
import { RolecallFailure } from '../shared/protocol'

export function requireObject(value: unknown): asserts value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RolecallFailure('bad-request', 'The request must be an object.')
  }
}

export function requireString(obj: Record<string, unknown>, key: string, maxLength: number): string {
  const value = Object.hasOwn(obj, key) ? obj[key] : undefined
  if (typeof value !== 'string') throw new RolecallFailure('bad-request', `The request needs "${key}" as text.`)
  if (value.length > maxLength)
    throw new RolecallFailure('bad-request', `"${key}" is longer than ${maxLength} characters.`)
  return value
}

export function optionalString(obj: Record<string, unknown>, key: string, maxLength: number): string | undefined {
  if (!Object.hasOwn(obj, key) || obj[key] === undefined) return undefined
  return requireString(obj, key, maxLength)
}

export function requireInteger(obj: Record<string, unknown>, key: string, min: number, max: number): number {
  const value = Object.hasOwn(obj, key) ? obj[key] : undefined
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new RolecallFailure('bad-request', `"${key}" must be a whole number from ${min} to ${max}.`)
  }
  return value
}

export function requireBoolean(obj: Record<string, unknown>, key: string): boolean {
  const value = Object.hasOwn(obj, key) ? obj[key] : undefined
  if (typeof value !== 'boolean') throw new RolecallFailure('bad-request', `"${key}" must be true or false.`)
  return value
}

export function optionalBoolean(obj: Record<string, unknown>, key: string): boolean | undefined {
  if (!Object.hasOwn(obj, key) || obj[key] === undefined) return undefined
  return requireBoolean(obj, key)
}
