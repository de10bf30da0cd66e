import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RowObject } from '../../src/index.js';
import { checkpointDir, recordsRead, runApp, sortedLines } from './checkpoint-harness.js';

/**
 * One app per stateful operator kind not in checkpoint-stateful.test.ts (and decimals, multi-column keys), stopped gracefully in the middle of its input (open windows, sessions, groups,
 * held rows) and restarted from the final checkpoint: the rows before the stop and after the restart are exactly the
 * rows of an uninterrupted run (a graceful stop repeats and loses nothing).
 */
const COUNT = 3000;
const source = (rate?: number, extra = ''): string =>
  `WITH ('g.type' = 'generator', 'g.count' = '${COUNT}', 'g.seed' = '11', ${rate ? `'g.rate' = '${rate}', ` : ''}'g.event.time.start' = '0', 'g.event.time.step' = '10',
        'g.fields' = 'id:sequence, sym:string(A|B|C|D|E), venue:string(x|y), price:decimal(12,3)[1..99999], qty:bigint[1..1000], ts:timestamp'${extra})`;

interface CutOptions {
  /** More WITH properties (a table's source). */
  readonly extra?: string;
  /** Worker threads before the stop and after the restart. */
  readonly workers?: readonly [number, number];
  /** Records per second of the stopped and restarted runs (default 6000). */
  readonly rate?: number;
}

/** The output of `query` (a SELECT list and what follows FROM g) uninterrupted, and cut at about half its input then restarted. */
async function cutAndRestart(query: string, options: CutOptions = {}): Promise<{ expected: RowObject[]; before: RowObject[]; after: RowObject[] }> {
  const app = (rate?: number): string => `CREATE STREAM out AS ${query} ${source(rate, options.extra ?? '')};`;
  const [before, after] = options.workers ?? [1, 1];
  const expected = (await runApp(app(), ['out'])).outputs['out']!;
  const dir = checkpointDir();
  const rate = options.rate ?? 6000;
  const first = await runApp(app(rate), ['out'], { dir, extra: { workers: before }, stop: { when: (e) => recordsRead(e) > COUNT / 2, how: 'shutdown' } });
  expect(first.summary.ok, String(first.summary.jobs[0]?.error)).toBe(true);
  expect(first.summary.jobs[0]!.recordsIn).toBeLessThan(COUNT);
  const second = await runApp(app(rate), ['out'], { dir, extra: { workers: after } });
  expect(second.summary.ok, String(second.summary.jobs[0]?.error)).toBe(true);
  expect(second.engine.runningJobs[0]!.checkpointStatus().restores).toHaveLength(1);
  return { expected, before: first.outputs['out']!, after: second.outputs['out']! };
}

async function expectExactAcrossRestart(query: string, options: CutOptions = {}): Promise<void> {
  const { expected, before, after } = await cutAndRestart(query, options);
  expect(expected.length).toBeGreaterThan(5);
  expect(sortedLines([...before, ...after])).toEqual(sortedLines(expected));
}

describe('each stateful operator kind goes on exactly across a graceful stop and restart', () => {
  it('tumbling window EMIT FINAL (decimals, bigints, multi-column keys)', () =>
    expectExactAcrossRestart(`SELECT sym, venue, COUNT(*) AS n, SUM(price) AS p, SUM(qty) AS q, _window_start AS ws FROM g GROUP BY sym, venue WINDOW TUMBLING(ts, 5s)`));

  it('sliding window kept as panes', () =>
    expectExactAcrossRestart(`SELECT sym, COUNT(*) AS n, SUM(price) AS p, _window_start AS ws FROM g GROUP BY sym WINDOW SLIDING(ts, 6s, 2s)`));

  it('session windows', () =>
    expectExactAcrossRestart(`SELECT sym, COUNT(*) AS n, MAX(price) AS hi, _window_start AS ws, _window_end AS we FROM g WHERE qty > 900 GROUP BY sym WINDOW SESSION(ts, 1s)`));

  it('GROUP BY EMIT CHANGES: the latest row per group is the uninterrupted final one', async () => {
    const { expected, before, after } = await cutAndRestart(`SELECT sym, venue, COUNT(*) AS n, SUM(price) AS p, AVG(qty) AS a FROM g GROUP BY sym, venue EMIT CHANGES`);
    const latest = (rows: readonly RowObject[]): string[] => sortedLines([...new Map(rows.map((r) => [`${String(r['sym'])}/${String(r['venue'])}`, r])).values()]);
    expect(latest([...before, ...after])).toEqual(latest(expected));
  });

  it('analytic functions over a bounded buffer per partition', () =>
    expectExactAcrossRestart(`SELECT id, sym, LAG(price, 1) OVER (ROWS WINDOW BUFFER 10 ROWS PARTITION BY sym ORDER BY ts) AS prev,
                                     SUM(qty) OVER (ROWS WINDOW BUFFER 10 ROWS PARTITION BY sym ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS q3 FROM g`));

  it('a GROUP BY on worker threads, restarted on another worker count (groups re-partitioned by key)', () =>
    expectExactAcrossRestart(`SELECT sym, venue, COUNT(*) AS n, SUM(price) AS p, SUM(qty) AS q FROM g GROUP BY sym, venue EMIT FINAL`, { workers: [3, 2], rate: 1500 }));

  it('DISTINCT and LIMIT', async () => {
    await expectExactAcrossRestart(`SELECT DISTINCT sym, venue, qty FROM g WHERE qty > 990`);
    await expectExactAcrossRestart(`SELECT id, sym FROM g WHERE qty > 500 LIMIT 1200`);
  });

  it('a RIGHT JOIN of a stream to a file table emits the table rows no record matched, once, after the restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'velo-opstate-table-'));
    writeFileSync(join(dir, 'names.csv'), 'sym,name\nA,Alpha\nB,Beta\nZ,Zulu\n');
    const table = `, 'names.type' = 'file_source', 'names.path' = '${join(dir, 'names.csv')}'`;
    await expectExactAcrossRestart(`SELECT g.id, n.name FROM g RIGHT JOIN names n ON g.sym = n.sym AND g.qty > 950`, { extra: table });
  });
});
