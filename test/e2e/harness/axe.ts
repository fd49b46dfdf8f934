// An axe-core audit of an extension page. axe.min.js goes in through the automation protocol's evaluate (CDP's
// Runtime.evaluate, BiDi's script.evaluate), which an extension page's CSP does not govern: a <script> tag or an
// eval() from the page would be refused. The audit runs the WCAG 2.x A/AA rules and axe's best practices
// (landmarks, one level-one heading, content inside regions).
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { PlaywrightPage } from './chromium'
import type { ExtPage } from './ext-page'
import { PuppeteerPage } from './firefox'
import { ROOT } from './paths'

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']

export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  helpUrl: string
  nodes: { target: string[]; summary: string }[]
}

let source: string | undefined

/** Evaluates a script's source as it is, in the page's own realm. */
async function evaluateSource(page: ExtPage, script: string): Promise<void> {
  if (page instanceof PlaywrightPage) await page.page.evaluate(script)
  else if (page instanceof PuppeteerPage) await page.page.evaluate(script)
  else throw new Error('axe: unknown page type')
}

/** Runs axe on the whole page as it is now; returns its violations (none when the page passes). */
export async function axeViolations(page: ExtPage): Promise<AxeViolation[]> {
  source ??= readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8')
  const loaded = await page.evaluate(() => typeof (globalThis as { axe?: unknown }).axe === 'object')
  if (!loaded) await evaluateSource(page, `${source}\n;true`)
  return page.evaluate(async (tags) => {
    type Node = { target: unknown[]; failureSummary?: string }
    type Result = { id: string; impact?: string | null; help: string; helpUrl: string; nodes: Node[] }
    const axe = (globalThis as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: Result[] }> } })
      .axe
    const { violations } = await axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    })
    return violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String), summary: n.failureSummary ?? '' })),
    }))
  }, AXE_TAGS)
}

/** Violations as a person reads them in a failed test: rule, impact, each element and what to fix there. */
export function formatViolations(violations: AxeViolation[]): string {
  return violations
    .map(
      (v) =>
        `${v.id} (${v.impact ?? 'no impact'}): ${v.help}\n` +
        v.nodes.map((n) => `  ${n.target.join(' >> ')}\n    ${n.summary.replace(/\n\s*/g, '\n    ')}`).join('\n'),
    )
    .join('\n')
}
