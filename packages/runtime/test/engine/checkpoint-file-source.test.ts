import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BATCH_SIZES } from '../batch-sizes.js';
import { checkpointDir, expectAtLeastOnce, runApp, sortedLines } from './checkpoint-harness.js';

/** 2 000 CSV records 250 ms of event time apart over 5 keys; windows of 2 s close every 8 records. */
function csvFile(): string {
  const path = join(checkpointDir(), 'events.csv');
  const lines = Array.from({ length: 2000 }, (_, i) => `${i},${(i * 7) % 5},${(i * 13) % 101},${i * 250}`);
  writeFileSync(path, `id,k,v,ts\n${lines.join('\n')}\n`);
  return path;
}

const app = (path: string): string => `CREATE STREAM totals AS SELECT k, COUNT(*) AS n, SUM(v) AS total, _window_start AS ws FROM events
GROUP BY k WINDOW TUMBLING(ts, 2s) EMIT FINAL
WITH ('events.type' = 'file_source', 'events.path' = '${path}', 'events.format' = 'csv', 'events.event.time.field' = 'ts');`;

describe('checkpoints of a job reading a file', () => {
  for (const batchSize of BATCH_SIZES.filter((size) => size !== undefined)) {
    it(`resumes at the byte offset of its checkpoint after a shutdown and after an abrupt stop (batch size ${batchSize})`, async () => {
      const sql = app(csvFile());
      const expected = (await runApp(sql, ['totals'], { batchSize })).outputs['totals']!;
      expect(expected.length).toBeGreaterThan(1000);
      const graceful = checkpointDir();
      const first = await runApp(sql, ['totals'], { dir: graceful, batchSize, stop: { when: (e) => (e.runningJobs[0]?.stats.recordsOut ?? 0) >= 400, how: 'shutdown' } });
      expect(first.summary.jobs[0]!.state).toBe('stopped');
      const second = await runApp(sql, ['totals'], { dir: graceful, batchSize });
      expect(sortedLines([...first.outputs['totals']!, ...second.outputs['totals']!])).toEqual(sortedLines(expected));
      expect(second.summary.jobs[0]!.recordsIn).toBe(2000);

      const abrupt = checkpointDir();
      const cut = await runApp(sql, ['totals'], {
        dir: abrupt,
        batchSize,
        intervalMs: 5,
        stop: { when: (e) => (e.runningJobs[0]?.stats.recordsOut ?? 0) >= 600 && e.runningJobs[0]!.checkpointStatus().lastCheckpoint !== undefined, how: 'abort' },
      });
      expect(cut.summary.jobs[0]!.state).toBe('stopped');
      const resumed = await runApp(sql, ['totals'], { dir: abrupt, batchSize });
      expectAtLeastOnce(cut.outputs['totals']!, resumed.outputs['totals']!, expected);
    });
  }
});
