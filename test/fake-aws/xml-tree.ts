// Test helper: a tiny parser for STS's attribute-light XML, enough to compare documents structurally.
export interface XmlNode {
  name: string
  attributes: Record<string, string>
  children: XmlNode[]
  text: string
}

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')

export function parseXml(xml: string): XmlNode {
  const root: XmlNode = { name: '#document', attributes: {}, children: [], text: '' }
  const stack = [root]
  const token = /<\?[^>]*\?>|<(\/?)([A-Za-z_][\w.-]*)((?:\s+[\w:.-]+="[^"]*")*)\s*(\/?)>|([^<]+)/g
  for (const m of xml.matchAll(token)) {
    const top = stack[stack.length - 1]!
    if (m[5] !== undefined) {
      top.text += unescape(m[5])
      continue
    }
    if (m[2] === undefined) continue
    if (m[1] === '/') {
      if (top.name !== m[2]) throw new Error(`mismatched </${m[2]}> in <${top.name}>`)
      stack.pop()
      continue
    }
    const attributes = Object.fromEntries(
      [...(m[3] ?? '').matchAll(/([\w:.-]+)="([^"]*)"/g)].map((a) => [a[1]!, unescape(a[2]!)]),
    )
    const node: XmlNode = { name: m[2], attributes, children: [], text: '' }
    top.children.push(node)
    if (m[4] !== '/') stack.push(node)
  }
  if (stack.length !== 1 || root.children.length !== 1) throw new Error('not one well-formed document')
  return root.children[0]!
}

/** Element names as a nested outline, e.g. "ErrorResponse[Error[Type,Code,Message],RequestId]". */
export function outline(node: XmlNode): string {
  return node.children.length === 0 ? node.name : `${node.name}[${node.children.map(outline).join(',')}]`
}

export function child(node: XmlNode, ...path: string[]): XmlNode | undefined {
  let current: XmlNode | undefined = node
  for (const name of path) current = current?.children.find((c) => c.name === name)
  return current
}
