import { Schema, SqlTypes } from '@velots/core';
import { parse } from '@velots/sql-parser';
import { describe, expect, it } from 'vitest';
import { AppPlanner, type PhysicalNode, type StatementPlan } from '../../src/index.js';

const temperature = Schema.of(['device_id', SqlTypes.STRING], ['celsius', SqlTypes.DOUBLE], ['ts', SqlTypes.TIMESTAMP]);
const humidity = Schema.of(['device_id', SqlTypes.STRING], ['percent', SqlTypes.DOUBLE], ['ts', SqlTypes.TIMESTAMP]);
const FILES = `'t.type' = 'file_source', 't.path' = 't.csv', 'h.type' = 'file_source', 'h.path' = 'h.csv'`;

const events = Schema.of(['k', SqlTypes.STRING], ['ts', SqlTypes.BIGINT], ['seq', SqlTypes.BIGINT]);

async function plan(sql: string): Promise<{ root: PhysicalNode; warnings: readonly string[] }> {
  const planner = new AppPlanner(parse(sql, { file: 'app.sql' }), {
    file: 'app.sql',
    resolveSource: async (request) =>
      request.name === 'a' || request.name === 'b' ? events : request.name === 't' || request.name === 'temperature' ? temperature : humidity,
  });
  const plans: StatementPlan[] = await planner.planAll();
  const last = plans[plans.length - 1];
  if (last?.kind !== 'job') throw new Error('expected a job');
  return { root: last.job.root, warnings: last.warnings };
}

function joinOf(node: PhysicalNode): PhysicalNode {
  return node.kind === 'IntervalJoin' || node.kind === 'LookupJoin' || node.kind === 'Scan' ? node : joinOf(node.input);
}

describe('which JOIN is which', () => {
  it('makes a JOIN whose ON bounds both time columns with BETWEEN an interval join, even over two files', async () => {
    const { root, warnings } = await plan(
      `SELECT t.device_id, t.celsius, h.percent FROM t JOIN h ON t.device_id = h.device_id
         AND h.ts BETWEEN t.ts - INTERVAL '5' SECOND AND t.ts + INTERVAL '5' SECOND WITH (${FILES});`,
    );
    const join = joinOf(root);
    expect(join.kind).toBe('IntervalJoin');
    if (join.kind !== 'IntervalJoin') return;
    expect([join.lowerMs, join.upperMs, join.retentionMs]).toEqual([-5000, 5000, 5000]);
    expect(join.leftTime).toMatchObject({ kind: 'Column', name: 'ts', index: 2 });
    expect(join.rightTime).toMatchObject({ kind: 'Column', name: 'ts', index: 2 });
    expect(warnings).toEqual([]);
  });

  it('reads the bounds of comparisons shifted by intervals, in either order', async () => {
    const join = joinOf(
      (
        await plan(
          `SELECT t.device_id FROM t JOIN h ON t.device_id = h.device_id AND t.ts <= h.ts + INTERVAL '2' SECOND AND h.ts < t.ts + INTERVAL '10' SECOND WITH (${FILES});`,
        )
      ).root,
    );
    expect(join.kind).toBe('IntervalJoin');
    if (join.kind === 'IntervalJoin') expect([join.lowerMs, join.upperMs]).toEqual([-2000, 10_000]);
  });

  it('checks inclusive time bounds on the time columns itself and leaves only the other conditions to the residual', async () => {
    const between = joinOf((await plan(`SELECT t.device_id FROM t JOIN h ON t.device_id = h.device_id AND h.ts BETWEEN t.ts AND t.ts + INTERVAL '5' SECOND WITH (${FILES});`)).root);
    expect(between).toMatchObject({ kind: 'IntervalJoin', lowerMs: 0, upperMs: 5000, residual: undefined });
    const mixed = joinOf(
      (
        await plan(
          `SELECT t.device_id FROM t JOIN h ON t.device_id = h.device_id AND t.ts <= h.ts + INTERVAL '2' SECOND AND h.ts < t.ts + INTERVAL '10' SECOND AND h.percent > t.celsius WITH (${FILES});`,
        )
      ).root,
    );
    // The strict `<` stays: the join's own check is inclusive.
    expect(mixed.kind === 'IntervalJoin' && mixed.residual).toMatchObject({ kind: 'And', args: [{ kind: 'Comparison', op: '<' }, { kind: 'Comparison', op: '>' }] });
  });

  it('makes WITHIN an interval join over files', async () => {
    const join = joinOf((await plan(`SELECT t.device_id FROM t JOIN h ON t.device_id = h.device_id WITHIN 3s WITH (${FILES});`)).root);
    expect(join.kind).toBe('IntervalJoin');
    if (join.kind === 'IntervalJoin') expect([join.lowerMs, join.upperMs]).toEqual([-3000, 3000]);
  });

  it('keeps a file on the right a TABLE when ON only equates keys', async () => {
    const { root, warnings } = await plan(`SELECT t.device_id, h.percent FROM t JOIN h ON t.device_id = h.device_id WITH (${FILES});`);
    expect(joinOf(root).kind).toBe('LookupJoin');
    expect(warnings).toEqual([]);
  });

  it('warns, naming the rule, when a TABLE join compares a time column of the table with one of the stream', async () => {
    const { root, warnings } = await plan(`SELECT t.device_id FROM t JOIN h ON t.device_id = h.device_id AND h.ts <= t.ts WITH (${FILES});`);
    expect(joinOf(root).kind).toBe('LookupJoin');
    expect(warnings).toEqual([
      "the JOIN with 'h' compares its time column 'ts' with 'ts' but reads 'h' as a TABLE (loaded whole before the stream starts): a JOIN is a stream–stream interval join only when its right side is a stream or its ON bounds the two time columns (BETWEEN, comparisons shifted by an INTERVAL or, on event-time columns, by milliseconds, or WITHIN)",
    ]);
  });

  it('makes a source declared with CREATE STREAM (cols) WITH (…) a stream on the right, even a file', async () => {
    const { root } = await plan(
      `CREATE STREAM humidity (device_id STRING, percent DOUBLE, ts TIMESTAMP) WITH ('type' = 'file_source', 'path' = 'h.csv');
       SELECT t.device_id FROM t JOIN humidity h ON t.device_id = h.device_id WITH ('t.type' = 'file_source', 't.path' = 't.csv');`,
    );
    expect(joinOf(root).kind).toBe('IntervalJoin');
  });

  const EVENTS = `'a.type' = 'file_source', 'a.path' = 'a.csv', 'b.type' = 'file_source', 'b.path' = 'b.csv'`;

  it('makes plain-number bounds on TIMESTAMP columns an interval join, the numbers read as milliseconds', async () => {
    const join = joinOf((await plan(`SELECT t.device_id FROM t JOIN h ON t.device_id = h.device_id AND h.ts BETWEEN t.ts - 5000 AND t.ts + 2000 WITH (${FILES});`)).root);
    expect(join.kind).toBe('IntervalJoin');
    if (join.kind === 'IntervalJoin') expect([join.lowerMs, join.upperMs, join.retentionMs]).toEqual([-5000, 2000, 5000]);
  });

  it('makes plain-number bounds on the event.time.field BIGINT columns an interval join (both spellings)', async () => {
    const between = joinOf((await plan(`SELECT a.k FROM a JOIN b ON a.k = b.k AND b.ts BETWEEN a.ts - 5000 AND a.ts + 5000 WITH (${EVENTS}, 'event.time.field' = 'ts');`)).root);
    expect(between.kind).toBe('IntervalJoin');
    if (between.kind === 'IntervalJoin') expect([between.lowerMs, between.upperMs]).toEqual([-5000, 5000]);
    const compared = joinOf((await plan(`SELECT a.k FROM a JOIN b ON a.k = b.k AND a.ts <= b.ts AND b.ts <= a.ts + 5000 WITH (${EVENTS}, 'a.event.time.field' = 'ts', 'b.event.time.field' = 'ts');`)).root);
    expect(compared.kind).toBe('IntervalJoin');
    if (compared.kind === 'IntervalJoin') expect([compared.lowerMs, compared.upperMs]).toEqual([0, 5000]);
  });

  it('keeps a file a TABLE (every row) when plain-number bounds read numeric columns that are not event times', async () => {
    const { root } = await plan(`SELECT a.k FROM a JOIN b ON a.k = b.k AND b.seq BETWEEN a.seq - 5 AND a.seq + 5 WITH (${EVENTS}, 'event.time.field' = 'ts');`);
    const join = joinOf(root);
    expect(join.kind).toBe('LookupJoin');
    const untimed = joinOf((await plan(`SELECT a.k FROM a JOIN b ON a.k = b.k AND b.ts BETWEEN a.ts - 5000 AND a.ts + 5000 WITH (${EVENTS});`)).root);
    expect(untimed.kind).toBe('LookupJoin');
  });

  it('reads a file without a declared key as a table of every row, one with a declared key as its latest row per key', async () => {
    const parsed = async (sql: string) => {
      const planner = new AppPlanner(parse(sql, { file: 'app.sql' }), { file: 'app.sql', resolveSource: async () => events });
      const last = (await planner.planAll()).at(-1);
      if (last?.kind !== 'job') throw new Error('expected a job');
      return last.job.inputs[1];
    };
    expect(await parsed(`SELECT a.k FROM a JOIN b ON a.k = b.k WITH (${EVENTS});`)).toMatchObject({ role: 'table', keepsEveryRow: true, keyColumns: ['k'] });
    const keyed = await parsed(`CREATE TABLE b (k STRING PRIMARY KEY, ts BIGINT, seq BIGINT) WITH ('type' = 'file_source', 'path' = 'b.csv');
       SELECT a.k FROM a JOIN b ON a.k = b.k WITH ('a.type' = 'file_source', 'a.path' = 'a.csv');`);
    expect(keyed).toMatchObject({ role: 'table', keyColumns: ['k'] });
    expect(keyed?.keepsEveryRow).toBeUndefined();
  });
});
