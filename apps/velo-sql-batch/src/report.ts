import { isVeloError, type VeloError } from '@velots/core';
import type { Engine, RunSummary } from '@velots/runtime';

/** Exit codes: 0 success, 1 invalid SQL or config, 2 runtime failure. */
export const ExitCode = { OK: 0, INVALID: 1, RUNTIME: 2 } as const;

/** An error as people read it: `file:line:col: message`, the source line and a caret when positioned. */
export function formatFailure(error: unknown, sql: string | undefined): string {
  if (isVeloError(error)) return `error[${error.code}]: ${error.format(sql)}`;
  return `error: ${error instanceof Error ? error.message : String(error)}`;
}

/** The `--json` summary: records per source and sink, errors by code, wall time. */
export function summaryJson(engine: Engine, summary: RunSummary): Record<string, unknown> {
  const connectors = engine.connectorStats();
  return {
    ok: summary.ok,
    wallMs: summary.wallMs,
    jobs: summary.jobs.map((j) => ({ name: j.name, state: j.state, recordsIn: j.recordsIn, recordsOut: j.recordsOut, ...(j.threads ? { threads: j.threads } : {}) })),
    sources: connectors.filter((c) => c.role === 'source').map((c) => ({ name: c.name, ...c.stats })),
    sinks: connectors.filter((c) => c.role === 'sink').map((c) => ({ name: c.name, ...c.stats })),
    errors: summary.badRecords,
    ...(summary.error ? { error: errorJson(summary.error) } : {}),
  };
}

export function errorJson(error: VeloError | unknown): Record<string, unknown> {
  return isVeloError(error) ? error.toJSON() : { message: error instanceof Error ? error.message : String(error) };
}

/** One progress line: records in/out and rate. */
export function progressLine(engine: Engine, startedMs: number): string {
  const connectors = engine.connectorStats();
  const read = connectors.filter((c) => c.role === 'source').reduce((n, c) => n + c.stats.records, 0);
  const written = connectors.filter((c) => c.role === 'sink').reduce((n, c) => n + c.stats.records, 0);
  const seconds = Math.max(0.001, (Date.now() - startedMs) / 1000);
  const offsets = connectors
    .filter((c) => c.role === 'source' && c.stats.progress !== undefined)
    .map((c) => ` · ${c.name} ${c.stats.progress?.done ?? 0}/${c.stats.progress?.total ?? 0} ${c.stats.progress?.unit ?? ''}`)
    .join('');
  return `read ${read} · wrote ${written} · ${Math.round(read / seconds)} rec/s${offsets}`;
}

/** One line per source that knows its end (Kafka): `source trades: 1200/1200 offsets`. */
export function sourceProgressLines(engine: Engine): string[] {
  return engine
    .connectorStats()
    .filter((c) => c.role === 'source' && c.stats.progress !== undefined)
    .map((c) => {
      const { done, total, unit } = c.stats.progress as { done: number; total: number; unit: string };
      return `source ${c.name}: ${done}/${total} ${unit}`;
    });
}
