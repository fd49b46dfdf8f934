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
  /** Field value by field number; undefined both when not set and when set, then cleared. */
  slots: (ResolvedField | undefined)[]
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
  config: { profiles: {}, ssoSessions: {}, services: {}, diagnostics: [] }, meta: undefined, top: '', topSection: undefined,
  slots: new Array<ResolvedField | undefined>(FIELD_COUNT).fill(undefined), order: new Array<number>(FIELD_COUNT).fill(0),
  orderLength: 0, present: 0, duration: 0, durationLine: undefined, sessionTags: undefined, transitiveTags: undefined,
  color: undefined, selfSourced: false, visited: [], visitedLength: 0, missingIncludes: NO_NAMES,
}

const NO_CONFIG = scratch.config

export function begin(config: ParsedConfig, meta: ParseMeta | undefined, top: string, topSection: RawSection | undefined): Population {
  const state = scratch
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
  for (let i = 0; i < state.orderLength; i++) state.slots[state.order[i] as number] = undefined
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

export function setField(state: Population, id: number, value: ResolvedField | undefined): void {
  const bit = 1 << id
  if ((state.present & bit) === 0) {
    state.present |= bit
    state.order[state.orderLength++] = id
  }
  state.slots[id] = value
}
