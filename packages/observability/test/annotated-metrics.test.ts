import { Schema, SqlTypes, type RecordBatch } from '@velots/core';
import { describe, expect, it } from 'vitest';
import { AnnotatedMetrics, VeloTelemetry } from '../src/index.js';

const schema = Schema.of(['symbol', SqlTypes.STRING], ['price', SqlTypes.DOUBLE], ['qty', SqlTypes.BIGINT]);
const batch = (rows: [string, number, number][]): RecordBatch => ({ schema, rows, eventTimes: rows.map(() => 0) });

describe('AnnotatedMetrics (@metric)', () => {
  it('counts rows per label, sets gauges and observes histograms from output columns', async () => {
    const telemetry = new VeloTelemetry({ env: {}, processMetrics: false, tracing: false });
    const metrics = new AnnotatedMetrics(
      [
        { name: 'trades_total', type: 'counter', labels: ['symbol'] },
        { name: 'last_price', type: 'gauge', labels: ['symbol'], field: 'price' },
        { name: 'trade_qty', type: 'histogram', labels: [], field: 'qty', buckets: [10, 100] },
      ],
      schema.names,
      telemetry,
    );
    metrics.observe(batch([['AAPL', 10.5, 5], ['MSFT', 20, 50], ['AAPL', 11, 500]]));
    const text = await telemetry.prometheusText();
    expect(text).toContain('trades_total{symbol="AAPL"} 2');
    expect(text).toContain('trades_total{symbol="MSFT"} 1');
    expect(text).toContain('last_price{symbol="AAPL"} 11');
    expect(text).toContain('trade_qty_bucket{le="10"} 1');
    expect(text).toContain('trade_qty_bucket{le="100"} 2');
    expect(text).toContain('trade_qty_count 3');
  });

  it('applies the condition and samples deterministically (rate 0.5: every second matching row)', async () => {
    const telemetry = new VeloTelemetry({ env: {}, processMetrics: false, tracing: false });
    const big = (b: RecordBatch): RecordBatch['rows'] => b.rows.filter((r) => (r[2] as number) >= 10);
    const metrics = new AnnotatedMetrics([{ name: 'big_trades_total', type: 'counter', labels: [], condition: big, sampleRate: 0.5 }], schema.names, telemetry);
    metrics.observe(batch([['A', 1, 10], ['A', 1, 1], ['A', 1, 20], ['A', 1, 30]]));
    metrics.observe(batch([['A', 1, 40]]));
    expect(await telemetry.prometheusText()).toContain('big_trades_total 2');
  });

  it('refuses a label that is not an output column and a gauge without a field', () => {
    const telemetry = new VeloTelemetry({ env: {}, processMetrics: false, tracing: false });
    expect(() => new AnnotatedMetrics([{ name: 'x', type: 'counter', labels: ['nope'] }], schema.names, telemetry)).toThrow(/'nope', which is not an output column/);
    expect(() => new AnnotatedMetrics([{ name: 'y', type: 'gauge', labels: [] }], schema.names, telemetry)).toThrow(/needs @metric_field/);
  });
});
