// The working state of one profile's resolution (resolve.ts). One instance is reused for every profile, so
// resolving 10,000 profiles allocates nothing here: a resolution copies out what it keeps before it
// resolves the next profile (its source); begin() sets the state up and release() empties it again.
import type { RawSection } from './ini-raw'
import type { ParseMeta } from './parse'
import type { ResolvedField } from './resolution-detail'
import { FIELD_COUNT } from './resolution-keys'
import type { ParsedConfig } from './types'

/** What resolve.ts's populate() collects for one profile. */
export interface Population {
  config: ParsedConfig
  meta: ParseMeta | undefined
  top: string
  /** The top profile's section (resolveChain looked it up already; its `color` is read from it too). */
  topSection: RawSection | undefined
  /**
   * resolveProfile's resolution, which keeps no detail: only `texts` is filled, straight from a section's
   * values (resolve.ts readSection), with no object per field.
   */
  fast: boolean
  /** Field value and where it came from, by field number (not in `fast` mode); undefined: not set, or cleared. */
  slots: (ResolvedField | undefined)[]
  /** Field value by field number, in either mode. */
  texts: (string | undefined)[]
  /** order[0, orderLength): field numbers in the order first set (the order ResolutionDetail.fields keeps). */
  order: number[]
  orderLength: number
  /** Bit per field number: whether it is in `order`. */
  present: number
  duration: number
  durationLine: number | undefined
  sessionTags: Record<string, string> | undefined
  transitiveTags: string[] | undefined
  /** Set by populateTop(). */
  color: string | undefined
  selfSourced: boolean
  /** visited[0, visitedLength): the include_profile chain so far. */
  visited: string[]
  visitedLength: number
  missingIncludes: string[]
}

export const NO_NAMES: string[] = []
const scratch: Population = {
  config: { profiles: {}, ssoSessions: {}, services: {}, diagnostics: [] },
  meta: undefined,
  top: '',
  topSection: undefined,
  fast: false,
  slots: new Array<ResolvedField | undefined>(FIELD_COUNT).fill(undefined),
  texts: new Array<string | undefined>(FIELD_COUNT).fill(undefined),
  order: new Array<number>(FIELD_COUNT).fill(0),
  orderLength: 0,
  present: 0,
  duration: 0,
  durationLine: undefined,
  sessionTags: undefined,
  transitiveTags: undefined,
  color: undefined,
  selfSourced: false,
  visited: [],
  visitedLength: 0,
  missingIncludes: NO_NAMES,
}

const NO_CONFIG = scratch.config

export function begin(
  config: ParsedConfig,
  meta: ParseMeta | undefined,
  top: string,
  topSection: RawSection | undefined,
  fast = false,
): Population {
  const state = scratch
  state.fast = fast
  state.config = config
  state.meta = meta
  state.top = top
  state.topSection = topSection
  state.duration = 0
  state.durationLine = undefined
  state.sessionTags = undefined
  state.transitiveTags = undefined
  state.color = undefined
  state.selfSourced = false
  state.visitedLength = 0
  state.missingIncludes = NO_NAMES
  return state
}

/** Empties the scratch state, so that it keeps no config (or anything in one) alive between calls. */
export function release(state: Population): void {
  for (let i = 0; i < state.orderLength; i++) {
    const id = state.order[i] as number
    state.slots[id] = undefined
    state.texts[id] = undefined
  }
  state.orderLength = 0
  state.present = 0
  for (let i = 0; i < state.visitedLength; i++) state.visited[i] = ''
  state.visitedLength = 0
  state.config = NO_CONFIG
  state.meta = undefined
  state.top = ''
  state.topSection = undefined
  state.sessionTags = undefined
  state.transitiveTags = undefined
  state.color = undefined
  state.missingIncludes = NO_NAMES
}

/** Sets a field: `text` its value (undefined: clears it), `field` the same with its origin (made if missing). */
export function setField(
  state: Population,
  id: number,
  text: string | undefined,
  from: string,
  field?: ResolvedField,
): void {
  const bit = 1 << id
  if ((state.present & bit) === 0) {
    state.present |= bit
    state.order[state.orderLength++] = id
  }
  state.texts[id] = text
  if (!state.fast) state.slots[id] = text === undefined ? undefined : (field ?? { value: text, from })
}
