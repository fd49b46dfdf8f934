// STS's Query-protocol XML, compact, in the shapes of ../shared/cases/sts-responses.json.
export const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/'

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}

/** A child element; undefined leaves it out (optional members are omitted, not sent empty). */
export type XmlChildren = Array<[name: string, content: string | number | XmlChildren | undefined]>

export function xmlElements(children: XmlChildren): string {
  return children
    .filter(([, content]) => content !== undefined)
    .map(
      ([name, content]) =>
        `<${name}>${Array.isArray(content) ? xmlElements(content) : escapeXml(String(content))}</${name}>`,
    )
    .join('')
}

export function successXml(operation: string, result: XmlChildren, requestId: string): string {
  return (
    `<${operation}Response xmlns="${STS_NAMESPACE}">` +
    `<${operation}Result>${xmlElements(result)}</${operation}Result>` +
    `<ResponseMetadata><RequestId>${escapeXml(requestId)}</RequestId></ResponseMetadata>` +
    `</${operation}Response>`
  )
}

/** AWS's envelope: note RequestId is a sibling of Error, not inside ResponseMetadata. */
export function errorXml(
  error: { type: 'Sender' | 'Receiver'; code: string; message: string },
  requestId: string,
): string {
  return (
    `<ErrorResponse xmlns="${STS_NAMESPACE}">` +
    `<Error><Type>${error.type}</Type><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error>` +
    `<RequestId>${escapeXml(requestId)}</RequestId>` +
    `</ErrorResponse>`
  )
}
