import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RowObject } from '../../src/index.js';
import { BATCH_SIZES } from '../batch-sizes.js';
import { checkpointDir, expectAtLeastOnce, recordsRead, runApp, sortedLines, type AppRun } from './checkpoint-harness.js';

const COUNT = 1200;
/** Records per second per generator in the stopped runs: slow enough that a loaded machine still stops every job mid-way. */
const PACED_RATE = 1500;

/** A generator of `COUNT` records 100 ms of event time apart: an id, a key in 0..29, a value; paced when `rate` is given. */
function generator(name: string, seed: number, rate: number | undefined): string {
  return `'${name}.type' = 'generator', '${name}.fields' = 'id:sequence, k:bigint[0..29], v:bigint[1..100], ts:timestamp', '${name}.count' = '${COUNT}', '${name}.seed' = '${seed}', '${name}.event.time.start' = '0', '${name}.event.time.step' = '100'${rate ? `, '${name}.rate' = '${rate}'` : ''}`;
}

/**
 * One app, seven jobs: a tumbling EMIT FINAL window, session windows, a GROUP BY EMIT CHANGES, two streams feeding
 * an interval join in-process, and a stream–table join with a file table.
 */
function app(dims: string, rate?: number): string {
  return `
CREATE STREAM tumbling AS SELECT k, COUNT(*) AS n, SUM(v) AS total, _window_start AS ws FROM g1 GROUP BY k WINDOW TUMBLING(ts, 10s) EMIT FINAL WITH (${generator('g1', 1, rate)});
CREATE STREAM sessions AS SELECT k, COUNT(*) AS n, SUM(v) AS total, _window_start AS ws, _window_end AS we FROM g2 GROUP BY k WINDOW SESSION(ts, 2s) WITH (${generator('g2', 2, rate)});
CREATE TABLE changes AS SELECT k, COUNT(*) AS n, SUM(v) AS total FROM g3 GROUP BY k EMIT CHANGES WITH (${generator('g3', 3, rate)});
CREATE STREAM left_side AS SELECT id, k, ts FROM g4 WHERE v > 50 WITH (${generator('g4', 4, rate)});
CREATE STREAM right_side AS SELECT id, k, ts FROM g5 WHERE v > 50 WITH (${generator('g5', 5, rate)});
CREATE STREAM joined AS SELECT l.id AS lid, r.id AS rid FROM left_side l JOIN right_side r ON l.k = r.k WITHIN 1s;
CREATE STREAM enriched AS SELECT s.id, s.k, d.label FROM g6 s JOIN dims d ON s.k = d.k WITH (${generator('g6', 6, rate)}, 'dims.type' = 'file_source', 'dims.path' = '${dims}', 'dims.format' = 'csv');
`;
}

const EXACT = ['tumbling', 'sessions', 'joined', 'enriched'] as const;
const SINKS = [...EXACT, 'changes'];

function dimsFile(): string {
  const path = join(checkpointDir(), 'dims.csv');
  writeFileSync(path, `k,label\n${Array.from({ length: 20 }, (_, k) => `${k},label-${k}`).join('\n')}\n`);
  return path;
}

/** The latest row per key of an EMIT CHANGES output, in key order. */
function latestByKey(rows: readonly RowObject[]): RowObject[] {
  const latest = new Map<unknown, RowObject>();
  for (const row of rows) latest.set(row['k'], row);
  return [...latest.values()].sort((a, b) => Number(a['k']) - Number(b['k']));
}

async function expectedRun(dims: string, batchSize: number | undefined): Promise<AppRun> {
  const run = await runApp(app(dims), SINKS, { batchSize });
  expect(run.summary.ok).toBe(true);
  for (const sink of SINKS) expect(run.outputs[sink]!.length, sink).toBeGreaterThan(0);
  return run;
}

/**
 * The first run was cut inside the input: every job it stopped had read part of its input, and at least the windowed
 * jobs were among them. (On a heavily loaded machine a fast job may have finished before the stop: it is then
 * restored as finished, which the comparison of outputs covers too.)
 */
function expectCutMidway(first: AppRun): void {
  const stopped = first.summary.jobs.filter((job) => job.state === 'stopped');
  for (const job of first.summary.jobs) expect(['stopped', 'finished'], job.name).toContain(job.state);
  expect(stopped.length).toBeGreaterThan(0);
  for (const job of stopped) {
    if (job.name.startsWith('g') || ['tumbling', 'sessions', 'changes', 'enriched', 'left_side', 'right_side'].includes(job.name)) {
      expect(job.recordsIn, job.name).toBeLessThan(COUNT);
    }
  }
  expect(first.summary.jobs.reduce((n, job) => n + job.recordsIn, 0)).toBeLessThan(COUNT * 6);
}

describe('an app of stateful jobs stopped and restarted from its checkpoints', () => {
  for (const batchSize of BATCH_SIZES) {
    it(`after a graceful shutdown, before + after is exactly the uninterrupted output (batch size ${batchSize ?? 'default'})`, async () => {
      const dims = dimsFile();
      const expected = await expectedRun(dims, batchSize);
      const dir = checkpointDir();
      const first = await runApp(app(dims, PACED_RATE), SINKS, { dir, batchSize, intervalMs: 25, stop: { when: (e) => recordsRead(e) > COUNT * 2, how: 'shutdown' } });
      expect(first.summary.ok).toBe(true);
      expectCutMidway(first);
      const second = await runApp(app(dims, PACED_RATE), SINKS, { dir, batchSize });
      expect(second.summary.ok).toBe(true);
      expect(second.warnings).toEqual([]);
      for (const sink of EXACT) {
        expect(sortedLines([...first.outputs[sink]!, ...second.outputs[sink]!]), sink).toEqual(sortedLines(expected.outputs[sink]!));
      }
      expect(latestByKey([...first.outputs['changes']!, ...second.outputs['changes']!])).toEqual(latestByKey(expected.outputs['changes']!));
      expect(second.summary.jobs.map((j) => j.recordsIn)).toEqual(expected.summary.jobs.map((j) => j.recordsIn));
    });

    it(`after an abrupt stop, the restart from the last periodic checkpoint loses nothing (batch size ${batchSize ?? 'default'})`, async () => {
      const dims = dimsFile();
      const expected = await expectedRun(dims, batchSize);
      const dir = checkpointDir();
      const first = await runApp(app(dims, PACED_RATE), SINKS, {
        dir,
        batchSize,
        intervalMs: 25,
        stop: { when: (e) => recordsRead(e) > COUNT * 2 && e.runningJobs[0]!.checkpointStatus().lastCheckpoint !== undefined, how: 'abort' },
      });
      expectCutMidway(first);
      const second = await runApp(app(dims, PACED_RATE), SINKS, { dir, batchSize });
      expect(second.summary.ok).toBe(true);
      expect(second.engine.runningJobs.map((j) => j.checkpointStatus().restores.length)).toEqual(second.engine.runningJobs.map(() => 1));
      for (const sink of EXACT) expectAtLeastOnce(first.outputs[sink]!, second.outputs[sink]!, expected.outputs[sink]!);
      expect(latestByKey([...first.outputs['changes']!, ...second.outputs['changes']!])).toEqual(latestByKey(expected.outputs['changes']!));
    });
  }
});
