// What the popup says where a part of it could not load, e.g. Rolecall was updated while the popup was open:
// the popup's older files are gone. Reopening loads the new ones. Shown by part-missing.svelte, and by main.ts
// when Svelte's half of the popup itself cannot load (the first frame would otherwise stay, dead).
export const PART_MISSING = 'Part of Rolecall did not load (was it just updated?). Close the popup and open it again.'
