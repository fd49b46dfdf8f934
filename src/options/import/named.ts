// Lists of profile names in the Import section's sentences: the first ones, then how many more. A config of
// 52,500 profiles made one such sentence a 600 KB line, ~100 ms of Chromium's layout each time it was drawn.

/** How many names a sentence names before it says how many more. */
export const NAMED = 100

/** "a, b, c", or the first NAMED names "and N more". */
export function named(names: readonly string[]): string {
  if (names.length <= NAMED) return names.join(', ')
  return `${names.slice(0, NAMED).join(', ')} and ${names.length - NAMED} more`
}
