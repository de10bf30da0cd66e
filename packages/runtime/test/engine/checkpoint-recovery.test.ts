import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BATCH_SIZES } from '../batch-sizes.js';
import { CollectingSink, createEngine } from '../../src/index.js';
import { checkpointDir, expectAtLeastOnce, recordsRead, runApp, sortedLines } from './checkpoint-harness.js';

/** A stateless job over a generator: paced at 5 000 records/s (so timers, checkpoints and the test's stop run between batches), or as fast as it goes. */
const projection = (rate?: number): string => `CREATE STREAM out AS SELECT id, id * 2 AS twice FROM g WHERE id % 3 <> 0
WITH ('g.type' = 'generator', 'g.fields' = 'id:sequence', 'g.count' = '3000', ${rate ? `'g.rate' = '${rate}', ` : ''}'g.event.time.start' = '0');`;
const PROJECTION = projection(5000);
const UNPACED = projection();

describe('checkpoints and recovery of a stateless job', () => {
  for (const batchSize of BATCH_SIZES) {
    it(`shutdown writes a final checkpoint and the restart goes on exactly where it stopped (batch size ${batchSize ?? 'default'})`, async () => {
      const expected = (await runApp(UNPACED, ['out'], { batchSize })).outputs['out']!;
      expect(expected).toHaveLength(2000);
      const dir = checkpointDir();
      const first = await runApp(PROJECTION, ['out'], { dir, batchSize, stop: { when: (e) => recordsRead(e) > 1000, how: 'shutdown' } });
      expect(first.summary.ok).toBe(true);
      expect(first.summary.jobs.map((j) => j.state)).toEqual(['stopped']);
      const before = first.outputs['out']!;
      expect(before.length).toBeGreaterThan(0);
      expect(before.length).toBeLessThan(2000);
      const status = first.engine.runningJobs[0]!.checkpointStatus();
      expect(status.lastCheckpoint?.bytes).toBeGreaterThan(40);
      const second = await runApp(PROJECTION, ['out'], { dir, batchSize });
      expect(second.summary.ok).toBe(true);
      const after = second.outputs['out']!;
      // A graceful stop loses nothing and repeats nothing.
      expect(sortedLines([...before, ...after])).toEqual(sortedLines(expected));
      expect(second.engine.runningJobs[0]!.checkpointStatus().restores).toEqual([
        { at: expect.any(Number), checkpointId: status.lastCheckpoint!.id, fellBack: false, reason: undefined, durationMs: expect.any(Number) },
      ]);
      // Counters go on from the checkpoint.
      expect(second.summary.jobs[0]!.recordsIn).toBe(3000);
      expect(second.summary.jobs[0]!.recordsOut).toBe(2000);
    });
  }

  it('after an abrupt stop, the restart replays from the last periodic checkpoint: at least once', async () => {
    const expected = (await runApp(UNPACED, ['out'], {})).outputs['out']!;
    const dir = checkpointDir();
    const first = await runApp(PROJECTION, ['out'], { dir, intervalMs: 20, stop: { when: (e) => recordsRead(e) > 1500 && e.runningJobs[0]!.checkpointStatus().lastCheckpoint !== undefined, how: 'abort' } });
    const second = await runApp(PROJECTION, ['out'], { dir });
    expectAtLeastOnce(first.outputs['out']!, second.outputs['out']!, expected);
  });

  it('a restored job appends to its file sink: the output written before the restart stays, once', async () => {
    const dir = checkpointDir();
    const path = join(dir, 'out.jsonl');
    const app = PROJECTION.replace("WITH (", `WITH ('out.type' = 'file_sink', 'out.path' = '${path}', 'out.format' = 'jsonlines', `);
    const first = await runApp(app, [], { dir, stop: { when: (e) => recordsRead(e) > 1000, how: 'shutdown' } });
    expect(first.summary.jobs.map((j) => j.state)).toEqual(['stopped']);
    const written = readFileSync(path, 'utf8').split('\n').filter(Boolean);
    expect(written.length).toBeGreaterThan(0);
    expect(written.length).toBeLessThan(2000);
    const ids = (): number[] => readFileSync(path, 'utf8').split('\n').filter(Boolean).map((line) => Number((JSON.parse(line) as { id: number }).id)).sort((a, b) => a - b);
    await runApp(app, [], { dir });
    const expected = Array.from({ length: 3000 }, (_, i) => i + 1).filter((id) => id % 3 !== 0);
    expect(ids()).toEqual(expected);
    // A finished app run again keeps its output too.
    await runApp(app, [], { dir });
    expect(ids()).toEqual(expected);
  });

  it('keeps the last two checkpoints, and a finished app restarts with nothing left to do', async () => {
    const dir = checkpointDir();
    const first = await runApp(PROJECTION, ['out'], { dir, intervalMs: 20 });
    expect(first.engine.runningJobs[0]!.checkpointStatus().lastCheckpoint!.id).toBeGreaterThan(2);
    expect(first.summary.ok).toBe(true);
    expect(first.outputs['out']).toHaveLength(2000);
    const files = readdirSync(join(dir, 'out'));
    expect(files).toHaveLength(2);
    const second = await runApp(UNPACED, ['out'], { dir });
    expect(second.outputs['out']).toEqual([]);
    expect(second.summary.jobs[0]).toMatchObject({ state: 'finished', recordsIn: 3000, recordsOut: 2000 });
  });

  it('shuts down a paused job with a final checkpoint, and the restart completes the output exactly', async () => {
    const expected = (await runApp(UNPACED, ['out'], {})).outputs['out']!;
    const dir = checkpointDir();
    const sink = new CollectingSink({ name: 'out' });
    const engine = await createEngine({ sql: PROJECTION, sinks: { out: sink }, checkpoints: { dir, intervalMs: 60_000 }, warn: () => undefined });
    const running = engine.run();
    while ((engine.runningJobs[0]?.stats.recordsIn ?? 0) < 300) await new Promise((resolve) => setTimeout(resolve, 2));
    const job = engine.runningJobs[0]!;
    job.pause();
    while (job.stats.state !== 'paused') await new Promise((resolve) => setTimeout(resolve, 2));
    await engine.shutdown();
    const summary = await running;
    expect(summary.jobs[0]!.state).toBe('stopped');
    expect(job.checkpointStatus().lastCheckpoint?.id).toBe(1);
    const second = await runApp(PROJECTION, ['out'], { dir });
    expect(sortedLines([...sink.rows, ...second.outputs['out']!])).toEqual(sortedLines(expected));
  });
});
