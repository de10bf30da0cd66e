import { describe, expect, it } from 'vitest';
import { Schema, SqlTypes, type StateValue } from '@velots/core';
import { Decimal } from '@velots/decimal';
import { decodeState, encodeState } from '../../src/checkpoint/state-codec.js';
import { TableCollector } from '../../src/joins/table-state.js';
import { WatermarkTracker } from '../../src/windows/watermark-tracker.js';
import { chainOf, planRun } from './operator-harness.js';

const roundTrip = (state: StateValue): StateValue => decodeState(encodeState(state));

describe('the state of the pieces operators are built from', () => {
  it('a watermark tracker with partitions, idle inputs and an idle floor goes on exactly after a restore', () => {
    const build = () => new WatermarkTracker(1_000, 2, 500);
    const steps = (t: WatermarkTracker, from: number, to: number): number[] => {
      const seen: number[] = [];
      for (let i = from; i < to; i++) {
        t.select(i % 3 === 0 ? 1 : 0);
        t.markCaughtUp(i % 4 === 0, i * 100, i % 5 === 0 ? [1] : undefined);
        t.observe(i * 700 - (i % 7) * 300, i * 100, i % 3);
        if (i % 9 === 0) t.advanceIdle(i * 100 + 2_000);
        if (i === 25) t.endInput(1);
        seen.push(t.watermark);
      }
      return seen;
    };
    const reference = build();
    const all = steps(reference, 0, 40);
    const original = build();
    steps(original, 0, 17);
    const restored = build();
    restored.restore(roundTrip(original.snapshot()));
    expect(restored.watermark).toBe(original.watermark);
    expect(steps(restored, 17, 40)).toEqual(all.slice(17));
  });

  it('late records a window operator has not handed over yet survive a checkpoint', async () => {
    const input = [
      { k: 'a', v: 1, ts: 0 },
      { k: 'a', v: 2, ts: 70_000 },
      { k: 'b', v: 3, ts: 1_000 },
      { k: 'a', v: 4, ts: 2_000 },
    ];
    const run = await planRun('SELECT k, SUM(v) AS s FROM t GROUP BY k WINDOW TUMBLING(ts, 1m)', { t: input });
    const [operator] = chainOf(run);
    const batch = { schema: run.job.inputs[0]!.schema, rows: run.records.map((r) => r.row), eventTimes: run.records.map(() => 0) };
    operator!.process(batch, []);
    const restored = chainOf(run)[0]!;
    restored.restore!(roundTrip(await operator!.snapshot!()));
    expect(restored.drainLate!()?.rows).toEqual([
      ['b', 3, 1_000],
      ['a', 4, 2_000],
    ]);
    expect(restored.drainLate!()).toBeUndefined();
    expect(operator!.drainLate!()?.rows).toHaveLength(2);
  });

  it('a table collected from a changelog keeps its latest row per key (or every row) across a restore', () => {
    const schema = Schema.of(['id', SqlTypes.BIGINT], ['price', SqlTypes.STRING]);
    for (const everyRow of [false, true]) {
      const original = new TableCollector(schema, ['id'], everyRow);
      original.add({ schema, rows: [[1, 'a'], [2, 'b'], [1, 'c']], eventTimes: [0, 0, 0] });
      const restored = new TableCollector(schema, ['id'], everyRow);
      restored.restore(roundTrip(original.snapshot()));
      original.add({ schema, rows: [[2, 'd'], [3, 'e']], eventTimes: [0, 0] });
      restored.add({ schema, rows: [[2, 'd'], [3, 'e']], eventTimes: [0, 0] });
      expect(restored.result().rows).toEqual(original.result().rows);
    }
  });

  it('a DECIMAL sum past 2^53 unscaled (its object form) and a dense APPROX_COUNT_DISTINCT sketch restore exactly', async () => {
    const input = Array.from({ length: 1_200 }, (_, i) => ({ k: i % 2, price: Decimal.parse(`${4_000_000_000_000 + i}.${String(i % 100).padStart(2, '0')}`), id: i }));
    const run = await planRun('SELECT k, SUM(price) AS s, APPROX_COUNT_DISTINCT(id) AS d, COUNT(*) AS n FROM t GROUP BY k EMIT FINAL', { t: input });
    const [operator] = chainOf(run);
    const schema = run.job.inputs[0]!.schema;
    const rows = run.records.map((r) => r.row);
    operator!.process({ schema, rows: rows.slice(0, 1_100), eventTimes: new Array<number>(1_100).fill(0) }, []);
    const restored = chainOf(run)[0]!;
    restored.restore!(roundTrip(await operator!.snapshot!()));
    // The aggregate rows are [keys…, _window_start, _window_end, results…].
    for (const op of [operator!, restored]) op.process({ schema, rows: rows.slice(1_100), eventTimes: new Array<number>(100).fill(0) }, []);
    const expected = operator!.finish!([])!.rows;
    expect(restored.finish!([])!.rows).toEqual(expected);
    expect(String(expected[0]![3])).toBe(String(input.filter((r) => r.k === 0).reduce((sum, r) => sum.add(r.price), Decimal.parse('0'))));
    expect(expected[0]![4]).toBeGreaterThan(512);
  });
});
