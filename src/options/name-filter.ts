// How the options page's name filters match a name (the import preview's rows, Settings' session lengths): the
// text typed, without its surrounding spaces, anywhere in the name, in any case. One rule, so the two filters a
// person meets on one page never disagree.

/** A test for names that contain `find`; every name passes when `find` is blank. */
export function nameContains(find: string): (name: string) => boolean {
  const part = find.trim().toLowerCase()
  return part ? (name) => name.toLowerCase().includes(part) : () => true
}
