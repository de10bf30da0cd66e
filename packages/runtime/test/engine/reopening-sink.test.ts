import { ErrorCodes, Schema, SqlTypes, VeloError, noopTelemetry, systemClock, type RecordBatch, type Row, type Sink } from '@velots/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openSink } from '../../src/engine/reopening-sink.js';

const schema = Schema.of(['n', SqlTypes.BIGINT]);
const batch = (n: number): RecordBatch => ({ schema, rows: [[n]], eventTimes: [0] });
const context = { signal: new AbortController().signal, telemetry: noopTelemetry, clock: systemClock };

/** A sink whose first `failures` opens fail with SINK_WRITE (or `code`), then stores rows; counts the opens. */
class LateSink implements Sink {
  readonly name = 'out';
  readonly rows: Row[] = [];
  opens = 0;
  constructor(
    private failures: number,
    private readonly code: string = ErrorCodes.SINK_WRITE,
  ) {}
  async open(): Promise<void> {
    this.opens++;
    if (this.failures-- > 0) throw new VeloError(this.code, `sink 'out': cannot connect (open ${this.opens})`);
  }
  async write(b: RecordBatch): Promise<void> {
    this.rows.push(...b.rows);
  }
  async flush(): Promise<void> {}
  async close(): Promise<void> {}
}

afterEach(() => {
  vi.useRealTimers();
});

describe('openSink', () => {
  it('lets the job start when the open fails, and tries the open again at most once per doubling wait', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(0);
    const inner = new LateSink(2);
    const warnings: string[] = [];
    const sink = await openSink(inner, schema, context, 'dead_letter', false, (m) => warnings.push(m), 'job');
    expect(warnings).toEqual(["job 'job': sink 'out' did not open (sink 'out': cannot connect (open 1)); the job goes on and tries again at each write (failure_strategy = dead_letter)"]);
    // Within the first second: the last open error at once, no new open.
    await expect(sink.write(batch(1))).rejects.toThrow('cannot connect (open 1)');
    expect(inner.opens).toBe(1);
    vi.setSystemTime(1000);
    await expect(sink.write(batch(2))).rejects.toThrow('cannot connect (open 2)');
    // The next try waits 2 s.
    vi.setSystemTime(2500);
    await expect(sink.write(batch(3))).rejects.toThrow('cannot connect (open 2)');
    expect(inner.opens).toBe(2);
    vi.setSystemTime(3000);
    await sink.write(batch(4));
    await sink.write(batch(5));
    expect(inner.opens).toBe(3);
    expect(inner.rows).toEqual([[4], [5]]);
  });

  it('fails at once under failure_strategy = fail, in transactional mode, and for an error that is not SINK_WRITE', async () => {
    await expect(openSink(new LateSink(1), schema, context, 'fail', false, () => undefined, 'job')).rejects.toThrow('cannot connect (open 1)');
    await expect(openSink(new LateSink(1), schema, context, 'skip', true, () => undefined, 'job')).rejects.toThrow('cannot connect (open 1)');
    await expect(openSink(new LateSink(1, ErrorCodes.CONFIG), schema, context, 'skip', false, () => undefined, 'job')).rejects.toThrow('cannot connect (open 1)');
  });
});
