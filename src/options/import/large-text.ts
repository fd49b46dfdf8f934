/**
 * Config texts this long (1,000 to 2,000 profiles) are shown as their size when pasted or set, not laid out in
 * the text box: config-field.svelte says why.
 */
export const LARGE_TEXT = 200_000
