import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordBatch } from '@velots/core';
import { expect } from 'vitest';
import { CollectingSink, createEngine, type Engine, type EngineOptions, type RowObject, type RunSummary } from '../../src/index.js';

/** A fresh checkpoint directory for one app. */
export function checkpointDir(): string {
  return mkdtempSync(join(tmpdir(), 'velo-ckpt-app-'));
}

export interface AppRun {
  /** Rows each named sink received. */
  readonly outputs: Record<string, RowObject[]>;
  readonly summary: RunSummary;
  readonly warnings: string[];
  readonly engine: Engine;
}

export interface RunAppOptions {
  /** Checkpoint directory; no checkpoints when undefined. */
  readonly dir?: string | undefined;
  readonly batchSize?: number | undefined;
  readonly intervalMs?: number | undefined;
  /** Stops the app once `when` holds: gracefully (final checkpoint) or abruptly (none). */
  readonly stop?: { readonly when: (engine: Engine) => boolean; readonly how: 'shutdown' | 'abort' } | undefined;
  readonly extra?: Partial<EngineOptions> | undefined;
}

/** Runs `sql` with in-memory sinks named `sinks` until it ends or is stopped. */
export async function runApp(sql: string, sinks: readonly string[], options: RunAppOptions = {}): Promise<AppRun> {
  const warnings: string[] = [];
  const stop = options.stop;
  let stopping = false;
  // The stop condition is checked after every batch a sink receives (deterministic) and every 2 ms (for jobs that emit rarely).
  const check = (): void => {
    if (stopping || !stop || !stop.when(engine)) return;
    stopping = true;
    if (stop.how === 'shutdown') void engine.shutdown();
    else engine.stop();
  };
  const collecting = Object.fromEntries(sinks.map((name) => [name, new StoppingSink(name, check)]));
  const engine: Engine = await createEngine({
    sql,
    sinks: collecting,
    batchSize: options.batchSize,
    checkpoints: options.dir ? { dir: options.dir, intervalMs: options.intervalMs ?? 10 } : undefined,
    warn: (message) => warnings.push(message),
    ...options.extra,
  });
  const running = engine.run();
  if (stop) {
    let settled = false;
    void running.finally(() => (settled = true));
    while (!settled && !stopping) {
      check();
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }
  const summary = await running;
  return { outputs: Object.fromEntries(Object.entries(collecting).map(([name, sink]) => [name, sink.rows])), summary, warnings, engine };
}

/** A collecting sink that checks the test's stop condition after each batch. */
class StoppingSink extends CollectingSink {
  constructor(
    name: string,
    private readonly check: () => void,
  ) {
    super({ name });
  }

  override async write(batch: RecordBatch): Promise<void> {
    await super.write(batch);
    this.check();
  }
}

/** Total records a running app's jobs have read. */
export function recordsRead(engine: Engine): number {
  return engine.runningJobs.reduce((n, job) => n + job.stats.recordsIn, 0);
}

/** `rows` as sorted JSON lines (order-independent comparison of outputs). */
export function sortedLines(rows: readonly RowObject[]): string[] {
  return rows.map((row) => JSON.stringify(row, (_key, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value))).sort();
}

/**
 * At-least-once across a restart: every expected row is in `before` + `after`, nothing else is, and a row appears
 * twice only when it came out after the last checkpoint before the stop (the restart emits it again).
 */
export function expectAtLeastOnce(before: readonly RowObject[], after: readonly RowObject[], expected: readonly RowObject[]): void {
  const all = sortedLines([...before, ...after]);
  const want = sortedLines(expected);
  expect([...new Set(all)]).toEqual([...new Set(want)]);
  const counts = new Map<string, number>();
  for (const line of all) counts.set(line, (counts.get(line) ?? 0) + 1);
  const wanted = new Map<string, number>();
  for (const line of want) wanted.set(line, (wanted.get(line) ?? 0) + 1);
  const beforeLines = new Set(sortedLines(before));
  for (const [line, count] of counts) {
    const extra = count - (wanted.get(line) ?? 0);
    expect(extra, `row ${line} is missing`).toBeGreaterThanOrEqual(0);
    if (extra > 0) expect(beforeLines.has(line), `row ${line} is duplicated but was not emitted before the stop`).toBe(true);
  }
}
