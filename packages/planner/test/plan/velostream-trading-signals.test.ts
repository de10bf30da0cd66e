import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Schema, SqlTypes } from '@velots/core';
import { parse } from '@velots/sql-parser';
import { describe, expect, it } from 'vitest';
import { AppPlanner, explainJob, type LogicalPlan, type StatementPlan } from '../../src/index.js';

/** Velostream's demo/trading/apps/app_trading_signals.sql, unchanged, next to the demo's configs/kafka_*.yaml. */
const APPS = fileURLToPath(new URL('./fixtures/velostream-trading/apps/', import.meta.url));
const FILE = `${APPS}app_trading_signals.sql`;

/** The fields of Velostream's demo/trading/schemas/*.schema.yaml (integer → BIGINT, float → DOUBLE). */
const marketData = Schema.of(
  ['symbol', SqlTypes.STRING], ['exchange', SqlTypes.STRING], ['timestamp', SqlTypes.BIGINT], ['price', SqlTypes.DOUBLE],
  ['bid_price', SqlTypes.DOUBLE], ['ask_price', SqlTypes.DOUBLE], ['bid_size', SqlTypes.BIGINT], ['ask_size', SqlTypes.BIGINT],
  ['volume', SqlTypes.BIGINT], ['vwap', SqlTypes.DOUBLE], ['market_cap', SqlTypes.BIGINT],
);
const orderBook = Schema.of(
  ['symbol', SqlTypes.STRING], ['exchange', SqlTypes.STRING], ['timestamp', SqlTypes.BIGINT], ['side', SqlTypes.STRING], ['price', SqlTypes.DOUBLE],
  ['quantity', SqlTypes.BIGINT], ['order_count', SqlTypes.BIGINT], ['update_type', SqlTypes.STRING], ['level', SqlTypes.BIGINT],
  ['total_volume', SqlTypes.BIGINT], ['sequence_number', SqlTypes.BIGINT],
);
const schemas = { market_data_ts: marketData, in_order_book_stream: orderBook, in_market_data_stream_a: marketData, in_market_data_stream_b: marketData };

/** Plans the app's first statement (volume_spike_analysis) with its config files. */
async function planFirstStatement(): Promise<StatementPlan> {
  const script = parse(readFileSync(FILE, 'utf8'), { file: FILE });
  const planner = new AppPlanner(script, {
    file: FILE,
    baseDir: APPS,
    env: {},
    resolveSource: async (request) => {
      const schema = schemas[request.name as keyof typeof schemas];
      if (!schema) throw new Error(`no schema for ${request.name}`);
      return schema;
    },
  });
  return planner.plan(script.statements[0]!);
}

/** The node kinds from the root down the first input. */
function chain(plan: LogicalPlan): string[] {
  const kinds: string[] = [plan.kind];
  for (let node: LogicalPlan = plan; 'input' in node && typeof node.input !== 'string'; node = node.input) kinds.push(node.input.kind);
  return kinds;
}

describe("Velostream's app_trading_signals.sql plans unchanged", () => {
  it('plans volume_spike_analysis: its OVER calls are computed per record, before the sliding aggregate', async () => {
    const volume = await planFirstStatement();
    if (volume.kind !== 'job') throw new Error('expected a job');
    const logical = volume.job.logical;
    expect(chain(logical)).toEqual(['Project', 'Aggregate', 'Analytic', 'Scan']);
    const aggregate = chain(logical).indexOf('Aggregate');
    let node: LogicalPlan = logical;
    for (let i = 0; i < aggregate; i++) node = (node as { input: LogicalPlan }).input;
    if (node.kind !== 'Aggregate') throw new Error('expected the aggregate');
    expect(node.window).toMatchObject({ kind: 'sliding', sizeMs: 300_000, advanceMs: 60_000 });
    expect(node.emit).toBe('CHANGES');
    expect(node.calls.filter((c) => c.name === 'LAST_VALUE')).toHaveLength(3);
    if (node.input.kind !== 'Analytic') throw new Error('expected the analytic stage');
    expect(node.input.windows.map((w) => [w.bufferRows, w.calls[0]!.text])).toEqual([
      [20, 'AVG(volume) OVER (ROWS WINDOW BUFFER 20 ROWS PARTITION BY symbol ORDER BY _event_time)'],
      [20, 'STDDEV_POP(volume) OVER (ROWS WINDOW BUFFER 20 ROWS PARTITION BY symbol ORDER BY _event_time)'],
      [1000, 'PERCENT_RANK() OVER (ROWS WINDOW BUFFER 1000 ROWS PARTITION BY symbol ORDER BY volume)'],
    ]);
    expect(volume.job.schema.fields.map((f) => f.name)).toContain('volume_percentile');
    expect(explainJob(volume.job)).toContain('Analytic');
  });
});
