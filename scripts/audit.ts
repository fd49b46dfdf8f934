// npm run audit: `npm audit --omit=dev` (the code users install), failing on any high or critical finding — and
// also when the audit could not run at all (an unreachable advisory endpoint must never read as "no findings").
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export interface AuditVerdict {
  ok: boolean
  message: string
}

interface AuditReport {
  metadata?: { vulnerabilities?: Record<string, number>; dependencies?: { prod?: number; total?: number } }
  vulnerabilities?: Record<string, { severity?: string; via?: unknown[] }>
  error?: { summary?: string; detail?: string; code?: string }
  message?: string
  statusCode?: number
}

/** Reads `npm audit --json` output. */
export function auditVerdict(stdout: string): AuditVerdict {
  let report: AuditReport
  try {
    report = JSON.parse(stdout) as AuditReport
  } catch {
    return {
      ok: false,
      message: `npm audit did not produce a report (its output is not JSON): ${stdout.trim().slice(0, 300) || 'no output'}`,
    }
  }
  const counts = report.metadata?.vulnerabilities
  if (!counts) {
    const why = report.message ?? report.error?.summary ?? report.error?.code ?? 'no vulnerability counts in its output'
    return {
      ok: false,
      message: `npm audit could not run, so nothing is known about high or critical findings: ${why}${report.statusCode ? ` (HTTP ${report.statusCode})` : ''}. Run it where the registry's advisory endpoint is reachable.`,
    }
  }
  const serious = Object.entries(report.vulnerabilities ?? {}).filter(
    ([, v]) => v.severity === 'high' || v.severity === 'critical',
  )
  const high = counts.high ?? 0
  const critical = counts.critical ?? 0
  if (high + critical > 0) {
    const names = serious.map(([name, v]) => `${name} (${v.severity})`).join(', ')
    return {
      ok: false,
      message: `npm audit --omit=dev found ${critical} critical and ${high} high findings: ${names || 'see npm audit'}.`,
    }
  }
  const others = Object.entries(counts)
    .filter(([k, n]) => k !== 'total' && n > 0)
    .map(([k, n]) => `${n} ${k}`)
  return {
    ok: true,
    message: `npm audit --omit=dev: no high or critical findings${others.length ? ` (${others.join(', ')})` : ''} in ${report.metadata?.dependencies?.prod ?? '?'} runtime packages.`,
  }
}

export function runAudit(cwd = process.cwd()): AuditVerdict {
  const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { cwd, encoding: 'utf8', timeout: 120_000 })
  if (run.error) return { ok: false, message: `npm audit could not be started: ${run.error.message}` }
  return auditVerdict(run.stdout)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const verdict = runAudit()
  console.log(verdict.message)
  process.exit(verdict.ok ? 0 : 1)
}
