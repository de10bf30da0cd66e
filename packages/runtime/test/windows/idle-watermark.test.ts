import { ManualClock, Schema, SqlTypes, createBatch, type Schema as SchemaType, type Source, type SourceBatch } from '@velots/core';
import { describe, expect, it } from 'vitest';
import { CollectingSink, createEngine } from '../../src/index.js';

/** An endless source: hands out the batches pushed into it, and otherwise stays silent. */
class SilentAfterwardsSource implements Source {
  readonly name = 'ticks';
  readonly bounded = false;
  private readonly queued: SourceBatch[] = [];
  private waiting: ((read: SourceBatch | undefined) => void) | undefined;
  constructor(private readonly schema: SchemaType) {}
  async open(): Promise<SchemaType> {
    return this.schema;
  }
  /** Hands out `rows`; `caughtUp` says whether the source has nothing more ready after them. */
  push(rows: [string, number][], caughtUp = true): void {
    const read = { batch: createBatch(this.schema, rows, rows.map((r) => r[1])), position: {}, caughtUp };
    if (this.waiting) {
      const wake = this.waiting;
      this.waiting = undefined;
      wake(read);
    } else this.queued.push(read);
  }
  end(): void {
    this.waiting?.(undefined);
  }
  next(): Promise<SourceBatch | undefined> {
    const read = this.queued.shift();
    return read ? Promise.resolve(read) : new Promise((resolve) => (this.waiting = resolve));
  }
  async commit(): Promise<void> {}
  async close(): Promise<void> {}
}

const until = async (condition: () => boolean): Promise<void> => {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
};

/** Runs a 1 s tumbling count over a SilentAfterwardsSource; returns what drives it. */
async function windowJob(idleTimeout: string | undefined) {
  const clock = new ManualClock(1_000_000);
  const source = new SilentAfterwardsSource(Schema.of(['k', SqlTypes.STRING], ['ts', SqlTypes.BIGINT]));
  const sink = new CollectingSink({ name: 'out' });
  const idle = idleTimeout === undefined ? '' : `, 'ticks.watermark.idle.timeout' = '${idleTimeout}'`;
  const engine = await createEngine({
    sql: `CREATE STREAM out AS SELECT k, COUNT(*) AS n, _window_start AS ws FROM ticks GROUP BY k WINDOW TUMBLING(ts, 1s)
          WITH ('watermark.strategy' = 'ascending'${idle});`,
    sources: { ticks: source },
    sinks: { out: sink },
    clock,
    warn: () => undefined,
  });
  return { clock, source, sink, running: engine.run() };
}

/** Lets the job run a few of its 250 ms idle checks. */
const idleChecks = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 600));

describe('windows over a silent input', () => {
  it('close when a caught-up input stays silent past its idle timeout, without waiting for a later record', async () => {
    const { clock, source, sink, running } = await windowJob('500ms');
    source.push([
      ['a', 100],
      ['a', 900],
    ]);
    await idleChecks();
    expect(sink.rows).toEqual([]);
    clock.advance(1_000);
    await until(() => sink.rows.length > 0);
    expect(sink.rows).toEqual([{ k: 'a', n: 2, ws: 0 }]);
    source.end();
    expect((await running).ok).toBe(true);
  });

  it('never advance by wall-clock time for an input that is behind (not caught up)', async () => {
    const { clock, source, sink, running } = await windowJob('500ms');
    source.push([['a', 100]], false);
    await idleChecks();
    clock.advance(60_000);
    await idleChecks();
    expect(sink.rows).toEqual([]);
    source.end();
    expect((await running).ok).toBe(true);
    expect(sink.rows).toEqual([{ k: 'a', n: 1, ws: 0 }]);
  });

  it('wait 5 s of silence by default, and never with an idle timeout of 0', async () => {
    const byDefault = await windowJob(undefined);
    byDefault.source.push([['a', 100]]);
    await idleChecks();
    byDefault.clock.advance(4_000);
    await idleChecks();
    expect(byDefault.sink.rows).toEqual([]);
    byDefault.clock.advance(1_000);
    await until(() => byDefault.sink.rows.length > 0);
    expect(byDefault.sink.rows).toEqual([{ k: 'a', n: 1, ws: 0 }]);
    byDefault.source.end();
    await byDefault.running;

    const off = await windowJob('0');
    off.source.push([['a', 100]]);
    await idleChecks();
    off.clock.advance(3_600_000);
    await idleChecks();
    expect(off.sink.rows).toEqual([]);
    off.source.end();
    await off.running;
    expect(off.sink.rows).toEqual([{ k: 'a', n: 1, ws: 0 }]);
  });
});
