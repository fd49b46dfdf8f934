// HTML built only through a tagged template that escapes every interpolated value.
export class RawHtml {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html
  }
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

type Value = string | number | boolean | RawHtml | RawHtml[] | undefined | null

/** html`<p>${text}</p>`: strings are escaped; RawHtml (from nested html`…`) is kept. */
export function html(strings: TemplateStringsArray, ...values: Value[]): RawHtml {
  let out = strings[0] ?? ''
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '')
  })
  return new RawHtml(out)
}

function render(value: Value): string {
  if (value === undefined || value === null || value === false) return ''
  if (value instanceof RawHtml) return value.html
  if (Array.isArray(value)) return value.map((v) => v.html).join('')
  return escapeHtml(String(value))
}

/** A URL that may become a link: only schemes that cannot run script. */
export function isSafeLink(url: string): boolean {
  try {
    return ['http:', 'https:', 'moz-extension:', 'chrome-extension:'].includes(new URL(url).protocol)
  } catch {
    return false
  }
}

/** `meta`: extra <meta name content> pairs in the head (the console's awsc-session-data). */
export function page(
  title: string,
  body: RawHtml,
  options: { testId?: string; script?: string; meta?: Record<string, string> } = {},
): string {
  const meta = Object.entries(options.meta ?? {}).map(
    ([name, content]) => html`<meta name="${name}" content="${content}" />`,
  )
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>${title}</title>
        ${meta}
        <style>
          body {
            font:
              15px system-ui,
              sans-serif;
            margin: 0;
          }
          header {
            background: #232f3e;
            color: #fff;
            padding: 10px 16px;
          }
          main {
            padding: 16px;
          }
          dt {
            font-weight: 600;
            margin-top: 8px;
          }
          dd {
            margin: 0 0 0 12px;
          }
          .warn {
            color: #b00020;
          }
        </style>
      </head>
      <body data-testid="${options.testId ?? 'page'}">
        ${body}${options.script ? new RawHtml(`<script>${options.script}</script>`) : undefined}
      </body>
    </html> `.html
}
