// A profile's display colour → the nearest Firefox container colour / Chrome tab group colour, or a stable
// hash of the profile name when it sets none (so a profile keeps its colour across imports and machines).

export const CONTAINER_COLOURS = ['blue', 'turquoise', 'green', 'yellow', 'orange', 'red', 'pink', 'purple'] as const
export const TAB_GROUP_COLOURS = ['blue', 'cyan', 'green', 'yellow', 'orange', 'red', 'pink', 'purple', 'grey'] as const
export type ContainerColour = (typeof CONTAINER_COLOURS)[number]
export type TabGroupColour = (typeof TAB_GROUP_COLOURS)[number]

// Approximate RGB of each colour as the browsers draw them.
const CONTAINER_RGB: Record<ContainerColour, [number, number, number]> = {
  blue: [55, 173, 255],
  turquoise: [0, 199, 230],
  green: [81, 205, 0],
  yellow: [255, 203, 0],
  orange: [255, 159, 0],
  red: [255, 97, 63],
  pink: [255, 75, 218],
  purple: [175, 81, 245],
}
const GROUP_RGB: Record<TabGroupColour, [number, number, number]> = {
  blue: [26, 115, 232],
  cyan: [0, 123, 131],
  green: [24, 128, 56],
  yellow: [249, 171, 0],
  orange: [250, 144, 62],
  red: [217, 48, 37],
  pink: [208, 24, 132],
  purple: [161, 66, 244],
  grey: [95, 99, 104],
}
const NAMED: Record<string, string> = {
  black: '000000',
  white: 'ffffff',
  red: 'ff0000',
  green: '008000',
  blue: '0000ff',
  yellow: 'ffff00',
  orange: 'ffa500',
  purple: '800080',
  pink: 'ffc0cb',
  cyan: '00ffff',
  turquoise: '40e0d0',
  grey: '808080',
  gray: '808080',
  magenta: 'ff00ff',
}

/** Parses a config `color` value: "ff9900", "#ff9900", "#f90" or a common colour name. */
export function parseColour(value: string | undefined): [number, number, number] | undefined {
  if (!value) return undefined
  let hex = value.trim().toLowerCase().replace(/^#/, '')
  hex = NAMED[hex] ?? hex
  if (/^[0-9a-f]{3}$/.test(hex)) hex = [...hex].map((c) => c + c).join('')
  if (!/^[0-9a-f]{6}$/.test(hex)) return undefined
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number]
}

/** CSS form of a config colour, or undefined when it is not one. */
export function cssColour(value: string | undefined): string | undefined {
  const rgb = parseColour(value)
  return rgb ? `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}` : undefined
}

function nearest<K extends string>(rgb: [number, number, number], palette: Record<K, [number, number, number]>): K {
  let best: K | undefined
  let bestDistance = Infinity
  for (const [name, [r, g, b]] of Object.entries(palette) as [K, [number, number, number]][]) {
    // Weighted RGB distance: cheap and close enough to perceived difference for eight swatches.
    const d = 2 * (r - rgb[0]) ** 2 + 4 * (g - rgb[1]) ** 2 + 3 * (b - rgb[2]) ** 2
    if (d < bestDistance) [best, bestDistance] = [name, d]
  }
  return best!
}

/** FNV-1a: a stable, well-spread hash of the profile name. */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193)
  return hash >>> 0
}

export function containerColour(profile: string, colour?: string): ContainerColour {
  const rgb = parseColour(colour)
  return rgb ? nearest(rgb, CONTAINER_RGB) : CONTAINER_COLOURS[stableHash(profile) % CONTAINER_COLOURS.length]!
}

export function tabGroupColour(profile: string, colour?: string): TabGroupColour {
  const rgb = parseColour(colour)
  return rgb ? nearest(rgb, GROUP_RGB) : TAB_GROUP_COLOURS[stableHash(profile) % (TAB_GROUP_COLOURS.length - 1)]!
}

/** The container / tab group label: the profile, with the role session name the console will show. */
export function containerName(profile: string, sessionName?: string): string {
  return sessionName && sessionName !== profile ? `${profile} (${sessionName})` : profile
}
