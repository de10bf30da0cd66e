import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CollectingSink, createEngine, type ResultRow, type RunSummary } from '../../src/index.js';
import { liveStageThreads } from '../../src/parallel/parallel-stage-operator.js';

const dir = mkdtempSync(join(tmpdir(), 'velo-source-split-'));

/** 3000 readings over 41 stations, times out of order by up to 20 s and a few far behind (late for small windows). */
function readings(): string {
  const lines = ['station,temperature,ts'];
  for (let i = 0; i < 3000; i++) {
    const ts = 1_700_000_000_000 + i * 400 - ((i * 13) % 50) * 400 - (i % 211 === 0 ? 90_000 : 0);
    lines.push(`"St ${(i * 7) % 41}",${((i * 37) % 900) / 10 - 30},${ts}`);
  }
  return `${lines.join('\n')}\n`;
}
const readingsPath = join(dir, 'readings.csv');
writeFileSync(readingsPath, readings());

const withFile = (extra = ''): string =>
  `WITH (${extra}'readings.type' = 'file_source', 'readings.path' = '${readingsPath}', 'readings.event.time.field' = 'ts')`;
const DECLARE = 'CREATE STREAM readings (station STRING, temperature DECIMAL(5,1), ts BIGINT);';

interface Outcome {
  readonly rows: string[];
  readonly summary: RunSummary;
  readonly warnings: string[];
}

async function run(sql: string, workers: number, batchSize?: number): Promise<Outcome> {
  const sink = new CollectingSink({ name: 'results' });
  const warnings: string[] = [];
  const engine = await createEngine({ sql, resultSink: () => sink, warn: (m) => warnings.push(m), workers, batchSize });
  const summary = await engine.run();
  if (!summary.ok) throw summary.error;
  const rows = (sink.rows as ResultRow[]).map((r) => JSON.stringify(r, (_, v: unknown) => (typeof v === 'object' && v !== null && 'unscaled' in v ? String(v) : v)));
  return { rows, summary, warnings };
}

/** Runs with 1 worker, then with 2 at several batch sizes: the same rows in the same order, the same counts. */
async function expectSameInOrder(sql: string, sameCounts = true): Promise<Outcome> {
  const single = await run(sql, 1);
  expect(single.rows.length).toBeGreaterThan(0);
  for (const batchSize of [7, 250, undefined]) {
    const parallel = await run(sql, 2, batchSize);
    expect(parallel.summary.jobs.at(-1)!.threads?.mode).toBe('shares');
    expect(parallel.rows).toEqual(single.rows);
    const counts = (o: Outcome): unknown => o.summary.jobs.map((j) => [j.recordsIn, j.recordsOut, j.lateRecords]);
    if (sameCounts) expect(counts(parallel)).toEqual(counts(single));
    expect(parallel.summary.badRecords).toEqual(single.summary.badRecords);
  }
  expect(liveStageThreads()).toBe(0);
  return single;
}

// Each case runs its app four times, some with worker threads: slow on a shared machine, never a timing assertion.
describe('workers reading their own shares of a file', { timeout: 120_000 }, () => {
  it('aggregate partially and merge to the one thread rows, in its order (MIN/AVG/MAX/SUM/COUNT over decimals)', async () => {
    const sql = `${DECLARE} SELECT station, MIN(temperature) AS lo, AVG(temperature) AS mean, MAX(temperature) AS hi, SUM(temperature) AS total, COUNT(*) AS n
                 FROM readings WHERE temperature > -25 GROUP BY station HAVING COUNT(*) > 10 EMIT FINAL ${withFile()}`;
    const { rows } = await expectSameInOrder(sql);
    expect(rows).toHaveLength(41);
  });

  it('give EMIT CHANGES one row per group at the end of the file, as one thread', async () => {
    await expectSameInOrder(`${DECLARE} SELECT station, COUNT(*) AS n FROM readings GROUP BY station EMIT CHANGES ${withFile()}`);
  });

  for (const [kind, window] of [
    ['tumbling', 'TUMBLING(ts, 10s)'],
    ['sliding', 'SLIDING(ts, 20s, 5s)'],
    ['session', 'SESSION(ts, 3s)'],
  ] as const) {
    it(`give a ${kind} window the one thread's watermark: the same windows, late records and order`, async () => {
      const sql = `${DECLARE} SELECT station, COUNT(*) AS n, MAX(temperature) AS hi, _window_start AS ws FROM readings GROUP BY station WINDOW ${window} EMIT FINAL ${withFile()}`;
      const { summary } = await expectSameInOrder(sql);
      expect(summary.jobs[0]!.lateRecords).toBeGreaterThan(0);
    });
  }

  it('keep ORDER BY and LIMIT exact: the job takes the shares in file order', async () => {
    // A LIMIT stops reading once it is reached: how much was read depends on the batch size, with one thread too.
    await expectSameInOrder(`${DECLARE} SELECT station, temperature FROM readings WHERE temperature > 50 LIMIT 17 ${withFile()}`, false);
    await expectSameInOrder(`${DECLARE} SELECT station, temperature, ts FROM readings WHERE temperature < 0 ORDER BY temperature, ts ${withFile()}`);
  });

  it('report bad records with the file lines one thread names', async () => {
    const lines = readings().split('\n');
    for (const at of [5, 1700, 2900]) lines[at] = `"St x",not-a-number,${at}`;
    const path = join(dir, 'bad.csv');
    writeFileSync(path, lines.join('\n'));
    const sql = `${DECLARE} SELECT station, COUNT(*) AS n FROM readings GROUP BY station EMIT FINAL
                 WITH ('readings.type' = 'file_source', 'readings.path' = '${path}')`;
    const single = await expectSameInOrder(sql);
    const parallel = await run(sql, 2);
    const places = (o: Outcome): string[] => o.warnings.filter((w) => w.includes('bad record')).map((w) => /bad\.csv:\d+/.exec(w)?.[0] ?? w);
    expect(single.summary.badRecords).toEqual({ CAST_FAILED: 3 });
    expect(places(parallel)).toEqual(places(single));
  });
});

describe('workers reading their own shares of a generated stream', { timeout: 120_000 }, () => {
  const nexmark = "'bid.type' = 'nexmark', 'bid.table' = 'bid', 'bid.events' = '20000', 'bid.event.time.field' = 'date_time'";

  it('aggregate Nexmark bids per auction partially, merged exactly', async () => {
    await expectSameInOrder(`SELECT auction, COUNT(*) AS n, MIN(price) AS lo, MAX(price) AS hi, AVG(price) AS mean FROM bid GROUP BY auction EMIT FINAL WITH (${nexmark})`);
  });

  it('leave windows over generated events to one thread (making an event costs less than sending it)', async () => {
    const { summary } = await run(`SELECT auction, COUNT(*) AS num, _window_start AS ws FROM bid GROUP BY auction WINDOW SLIDING(date_time, 10s, 2s) EMIT FINAL WITH (${nexmark})`, 2);
    expect(summary.jobs[0]!.threads).toEqual({
      mode: 'single',
      workers: 1,
      reason: 'generated records cost less to make than to send to another thread; a windowed aggregate (its watermark is one sequence over all keys)',
    });
  });
});

describe('when workers do not read the source themselves', { timeout: 120_000 }, () => {
  it('a job with checkpoints splits its GROUP BY by key instead (its checkpoints hold the workers states)', async () => {
    const sink = new CollectingSink({ name: 'results' });
    const sql = `${DECLARE} SELECT station, COUNT(*) AS n FROM readings GROUP BY station EMIT FINAL ${withFile()}`;
    const engine = await createEngine({ sql, resultSink: () => sink, warn: () => undefined, workers: 2, checkpoints: { dir: mkdtempSync(join(dir, 'cp-')) } });
    const summary = await engine.run();
    expect(summary.ok).toBe(true);
    expect(summary.jobs[0]!.threads).toEqual({ mode: 'keys', workers: 2, reason: 'checkpoints are kept (a source read in shares has no single position to save)' });
    expect(sink.rows).toHaveLength(41);
  });

  it('names why a job runs on one thread', async () => {
    const sql = `${DECLARE} SELECT station, COUNT(*) AS n FROM readings GROUP BY station EMIT FINAL
                 WITH ('readings.type' = 'file_source', 'readings.path' = '${join(dir, 'read*.csv')}')`;
    const { summary } = await run(sql, 2);
    expect(summary.jobs[0]!.threads).toEqual({ mode: 'keys', workers: 2, reason: 'a file glob' });
    const tiny = join(dir, 'tiny.csv');
    writeFileSync(tiny, 'station,temperature,ts\nA,1.0,1\n');
    const windowed = await run(`${DECLARE} SELECT station, COUNT(*) AS n FROM readings GROUP BY station WINDOW TUMBLING(ts, 1s) EMIT FINAL WITH ('readings.type' = 'file_source', 'readings.path' = '${tiny}')`, 2);
    expect(windowed.summary.jobs[0]!.threads).toEqual({ mode: 'single', workers: 1, reason: 'the input is too small to cut; a windowed aggregate (its watermark is one sequence over all keys)' });
  });
});
