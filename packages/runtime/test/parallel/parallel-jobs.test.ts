import { describe, expect, it } from 'vitest';
import { CollectingSink, createEngine, singleThreadedReason, type ResultRow, type RunSummary } from '../../src/index.js';
import { Schema, SqlTypes, type Source } from '@velots/core';
import { liveStageThreads } from '../../src/parallel/parallel-stage-operator.js';
import { BATCH_SIZES } from '../batch-sizes.js';

/** 400 trades over 37 symbols, out of order by up to 20 s, a few minutes long; some records far behind (late for 10 s windows). */
const trades = Array.from({ length: 400 }, (_, i) => ({
  symbol: `S${(i * 7) % 37}`,
  qty: (i % 11) + 1,
  price: `${(i % 23) + 1}.${i % 10}5`,
  ts: i * 500 - ((i * 13) % 41) * 500 - (i % 97 === 0 ? 60_000 : 0),
}));
const symbols = Array.from({ length: 37 }, (_, i) => ({ symbol: `S${i}`, sector: `sector${i % 5}` }));

interface Outcome {
  readonly rows: ResultRow[];
  readonly summary: RunSummary;
  readonly warnings: string[];
}

/** Runs an app over the trades with `workers` threads; its SELECT's rows go to a collector. */
async function run(sql: string, workers: number, batchSize?: number): Promise<Outcome> {
  const sink = new CollectingSink({ name: 'results' });
  const warnings: string[] = [];
  const engine = await createEngine({ sql, sources: { trades, symbols }, resultSink: () => sink, warn: (m) => warnings.push(m), workers, batchSize });
  const summary = await engine.run();
  if (!summary.ok) throw summary.error;
  return { rows: sink.rows as ResultRow[], summary, warnings };
}

const sortedRows = (rows: readonly ResultRow[]): string[] => rows.map((r) => JSON.stringify(r, (_, v: unknown) => (typeof v === 'object' && v !== null && 'unscaled' in v ? String(v) : v))).sort();

/** Asserts 1 and 2 workers (at every batch size) give the same rows, as multisets, and the same late and bad-record counts. */
async function expectSameOnOneAndTwoWorkers(sql: string): Promise<Outcome> {
  const single = await run(sql, 1);
  for (const batchSize of BATCH_SIZES) {
    const parallel = await run(sql, 2, batchSize);
    expect(sortedRows(parallel.rows)).toEqual(sortedRows(single.rows));
    expect(parallel.summary.jobs.map((j) => j.lateRecords)).toEqual(single.summary.jobs.map((j) => j.lateRecords));
    expect(parallel.summary.badRecords).toEqual(single.summary.badRecords);
  }
  return single;
}

async function splits(sql: string): Promise<boolean> {
  const engine = await createEngine({ sql, sources: { trades, symbols }, warn: () => undefined });
  await engine.close();
  return engine.jobPlans.some((job) => singleThreadedReason(job.root) === undefined);
}

describe('a job split by GROUP BY key across worker threads', () => {
  it('gives the rows one thread gives with EMIT FINAL, HAVING and expressions over the key', async () => {
    const sql = `SELECT UPPER(symbol) AS s, COUNT(*) AS n, SUM(qty) AS q, MIN(p) AS lo, MAX(p) AS hi, AVG(p) AS mean
                 FROM (SELECT symbol, qty, CAST(price AS DECIMAL(10, 2)) AS p FROM trades) t
                 WHERE qty > 2 GROUP BY UPPER(symbol) HAVING COUNT(*) > 3 EMIT FINAL`;
    expect(await splits(sql)).toBe(true);
    const { rows } = await expectSameOnOneAndTwoWorkers(sql);
    expect(rows).toHaveLength(37);
  });

  it('gives the same changelog rows with EMIT CHANGES (one row per group over a bounded input)', async () => {
    const sql = 'SELECT symbol, COUNT(*) AS n, SUM(qty) AS q FROM trades GROUP BY symbol EMIT CHANGES';
    expect(await splits(sql)).toBe(true);
    const { rows } = await expectSameOnOneAndTwoWorkers(sql);
    expect(rows).toHaveLength(37);
  });

  it('joins the table on the coordinating thread and aggregates the joined rows on the workers', async () => {
    const sql = `SELECT s.sector, COUNT(*) AS n, SUM(t.qty) AS q FROM trades t JOIN symbols s ON t.symbol = s.symbol GROUP BY s.sector EMIT FINAL`;
    expect(await splits(sql)).toBe(true);
    const { rows } = await expectSameOnOneAndTwoWorkers(sql);
    expect(rows.map((r) => r['n']).reduce((a, b) => Number(a) + Number(b), 0)).toBe(400);
  });

  it('routes a record that fails in a worker to the dead-letter path, as one thread does', async () => {
    const sql = `SELECT symbol, SUM(CAST(CASE WHEN qty = 7 THEN 'x' ELSE '1' END AS INTEGER)) AS ones FROM trades GROUP BY symbol EMIT FINAL
                 WITH ('failure_strategy' = 'dead_letter')`;
    const single = await expectSameOnOneAndTwoWorkers(sql);
    const parallel = await run(sql, 2);
    const deadLetters = (outcome: Outcome): string[] => outcome.warnings.filter((w) => w.startsWith('dead letter')).sort();
    expect(deadLetters(single)).toHaveLength(trades.filter((t) => t.qty === 7).length);
    expect(deadLetters(parallel)).toEqual(deadLetters(single));
    expect(single.summary.badRecords).toEqual({ CAST_FAILED: 36 });
  });
});

describe('jobs that run on one thread whatever the worker count', () => {
  const windowed = {
    tumbling: 'SELECT symbol, COUNT(*) AS n, _window_start AS ws FROM trades GROUP BY symbol WINDOW TUMBLING(ts, 10s) EMIT FINAL',
    sliding: 'SELECT symbol, SUM(qty) AS q, _window_start AS ws FROM trades GROUP BY symbol WINDOW SLIDING(ts, 20s, 5s) EMIT FINAL',
    session: 'SELECT symbol, COUNT(*) AS n, _window_start AS ws FROM trades GROUP BY symbol WINDOW SESSION(ts, 3s) EMIT FINAL',
  };
  for (const [kind, sql] of Object.entries(windowed)) {
    it(`a ${kind} window: the same rows and the same late records`, async () => {
      expect(await splits(sql)).toBe(false);
      const { rows, summary } = await expectSameOnOneAndTwoWorkers(sql);
      expect(rows.length).toBeGreaterThan(37);
      expect(summary.jobs[0]!.lateRecords).toBeGreaterThan(0);
    });
  }

  it('names why a plan is not split', async () => {
    const reason = async (sql: string): Promise<string | undefined> => {
      const engine = await createEngine({ sql, sources: { trades, symbols }, warn: () => undefined });
      await engine.close();
      return singleThreadedReason(engine.jobPlans[0]!.root);
    };
    expect(await reason('SELECT COUNT(*) AS n FROM trades')).toBe('a global aggregate (no GROUP BY key)');
    expect(await reason('SELECT symbol FROM trades WHERE qty > 3')).toBe('no GROUP BY to split by key');
    expect(await reason('SELECT symbol, COUNT(*) AS n FROM trades GROUP BY symbol ORDER BY n DESC LIMIT 3')).toMatch(/above the GROUP BY needs every group in one place$/);
    expect(await reason(windowed.tumbling)).toBe('a windowed aggregate (its watermark is one sequence over all keys)');
  });
});

describe('worker threads end with their job', () => {
  /** An endless source of trades, one small batch per turn of the event loop. */
  function endlessTrades(): Source {
    let offset = 0;
    const schema = Schema.of(['symbol', SqlTypes.STRING], ['qty', SqlTypes.BIGINT]);
    return {
      name: 'trades',
      bounded: false,
      open: async () => schema,
      next: async () => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        const rows = Array.from({ length: 50 }, (_, i) => [`S${(offset + i) % 13}`, (offset + i) % 7]);
        offset += rows.length;
        return { batch: { schema, rows, eventTimes: rows.map(() => offset) }, position: { records: offset } };
      },
      commit: async () => undefined,
      close: async () => undefined,
    };
  }

  async function threadsGone(): Promise<number> {
    for (let waited = 0; waited < 5000 && liveStageThreads() > 0; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    return liveStageThreads();
  }

  it('are stopped when the engine stops an unbounded job', async () => {
    const engine = await createEngine({
      sql: 'SELECT symbol, SUM(qty) AS q FROM trades GROUP BY symbol EMIT CHANGES',
      sources: { trades: endlessTrades() },
      resultSink: () => new CollectingSink({ name: 'results' }),
      warn: () => undefined,
      workers: 2,
    });
    const running = engine.run();
    while ((engine.runningJobs[0]?.stats.recordsIn ?? 0) < 500) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(liveStageThreads()).toBe(2);
    engine.stop();
    const summary = await running;
    expect(summary.ok).toBe(true);
    expect(summary.jobs[0]!.state).toBe('stopped');
    expect(await threadsGone()).toBe(0);
  });

  it('are stopped when the job fails', async () => {
    const sql = `SELECT symbol, SUM(CAST(CASE WHEN qty = 7 THEN 'x' ELSE '1' END AS INTEGER)) AS q FROM trades GROUP BY symbol EMIT FINAL
                 WITH ('failure_strategy' = 'fail')`;
    const engine = await createEngine({ sql, sources: { trades }, resultSink: () => new CollectingSink({ name: 'results' }), warn: () => undefined, workers: 2 });
    const summary = await engine.run();
    expect(summary.ok).toBe(false);
    expect(summary.error?.code).toBe('JOB_FAILED');
    expect(await threadsGone()).toBe(0);
  });
});

describe("the 'parallelism' job option", () => {
  it('splits the job when no engine-wide worker count overrides it, and the engine option wins over it', async () => {
    const sql = "SELECT symbol, COUNT(*) AS n FROM trades GROUP BY symbol EMIT FINAL WITH ('parallelism' = '2')";
    const started = (override?: number): Promise<number> =>
      new Promise((resolve, reject) => {
        void (async () => {
          const engine = await createEngine({ sql, sources: { trades: endlessSymbols() }, resultSink: () => new CollectingSink({ name: 'r' }), warn: () => undefined, workers: override });
          const running = engine.run();
          while ((engine.runningJobs[0]?.stats.recordsIn ?? 0) < 100) await new Promise((r) => setTimeout(r, 10));
          const live = liveStageThreads();
          engine.stop();
          await running;
          for (let waited = 0; waited < 5000 && liveStageThreads() > 0; waited += 20) await new Promise((r) => setTimeout(r, 20));
          resolve(live);
        })().catch(reject);
      });
    expect(await started()).toBe(2);
    expect(await started(1)).toBe(0);
  });

  it('must be a positive whole number', async () => {
    await expect(createEngine({ sql: "SELECT symbol FROM trades WITH ('parallelism' = '0')", sources: { trades }, warn: () => undefined })).rejects.toMatchObject({
      code: 'CONFIG',
      message: expect.stringContaining('parallelism must be at least 1'),
    });
  });
});

/** An endless source of symbols, one small batch per turn of the event loop. */
function endlessSymbols(): Source {
  let offset = 0;
  const schema = Schema.of(['symbol', SqlTypes.STRING]);
  return {
    name: 'trades',
    bounded: false,
    open: async () => schema,
    next: async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      const rows = Array.from({ length: 20 }, (_, i) => [`S${(offset + i) % 5}`]);
      offset += rows.length;
      return { batch: { schema, rows, eventTimes: rows.map(() => offset) }, position: { records: offset } };
    },
    commit: async () => undefined,
    close: async () => undefined,
  };
}
