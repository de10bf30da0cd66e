import { Schema, SqlTypes, createBatch, type Sink, type Source, type SourceBatch, type SourcePosition } from '@velots/core';
import { describe, expect, it, vi } from 'vitest';
import { CollectingSink, createEngine } from '../../src/index.js';

const SCHEMA = Schema.of(['id', SqlTypes.BIGINT], ['ts', SqlTypes.BIGINT]);

/** An unbounded source: two batches, then (past the commit interval) a third, then silence until stopped. */
class ScriptedSource implements Source {
  readonly name = 'events';
  readonly bounded = false;
  private sent = 0;

  constructor(private readonly log: string[]) {}

  async open(): Promise<Schema> {
    return SCHEMA;
  }

  async next(): Promise<SourceBatch | undefined> {
    this.sent++;
    if (this.sent === 3) await new Promise((resolve) => setTimeout(resolve, 1100));
    if (this.sent > 3) return new Promise(() => undefined);
    this.log.push(`read ${this.sent}`);
    return { batch: createBatch(SCHEMA, [[this.sent, this.sent * 1000]], [this.sent * 1000]), position: { upTo: this.sent } };
  }

  async commit(position: SourcePosition): Promise<void> {
    this.log.push(`source commit ${String(position['upTo'])}`);
  }

  async close(): Promise<void> {}
}

/** An unbounded source: two batches at once, the second at the end of what is available (caughtUp), then silence. */
class CaughtUpSource implements Source {
  readonly name = 'events';
  readonly bounded = false;
  private sent = 0;

  constructor(private readonly log: string[]) {}

  async open(): Promise<Schema> {
    return SCHEMA;
  }

  async next(): Promise<SourceBatch | undefined> {
    this.sent++;
    if (this.sent > 2) return new Promise(() => undefined);
    this.log.push(`read ${this.sent}`);
    return { batch: createBatch(SCHEMA, [[this.sent, this.sent * 1000]], [this.sent * 1000]), position: { upTo: this.sent }, caughtUp: this.sent === 2 };
  }

  async commit(): Promise<void> {}

  async close(): Promise<void> {}
}

/** A sink with the transactional capability: logs writes and the positions it commits (and from which source). */
function transactionalSink(log: string[]): Sink {
  const inner = new CollectingSink({ name: 'out' });
  return {
    name: 'out',
    open: (schema, context) => inner.open(schema, context),
    write: async (batch) => {
      log.push(`write ${batch.rows.length}`);
      await inner.write(batch);
    },
    flush: async () => {
      log.push('flush');
      await inner.flush();
    },
    close: () => inner.close(),
    commitWithPosition: async (position, source) => {
      log.push(`sink commits ${source.name} at ${String(position['upTo'])}`);
    },
  };
}

async function run(sql: string, sink: Sink, log: string[]): Promise<{ error: string | undefined; code: string | undefined }> {
  const engine = await createEngine({ sql, sources: { events: new ScriptedSource(log) }, sinks: { out: sink }, warn: () => undefined });
  const running = engine.run();
  const stopper = setTimeout(() => engine.stop(), 2500);
  const summary = await running;
  clearTimeout(stopper);
  return { error: summary.error?.message, code: summary.error?.code };
}

describe('commits of a transactional job', () => {
  it('go through the sink (its output and the position at once), never through the source', async () => {
    const log: string[] = [];
    const result = await run(`-- @job_mode: transactional\nCREATE STREAM out AS SELECT id FROM events WHERE id > 0`, transactionalSink(log), log);
    expect(result.error).toBeUndefined();
    expect(log).toEqual(['read 1', 'write 1', 'read 2', 'write 1', 'read 3', 'write 1', 'flush', 'sink commits events at 3', 'flush', 'sink commits events at 3']);
  });

  it('happen as soon as the input has caught up, not only once the commit interval has passed at a next batch (Velostream app_compliance)', async () => {
    const log: string[] = [];
    const engine = await createEngine({ sql: `-- @job_mode: transactional\nCREATE STREAM out AS SELECT id FROM events`, sources: { events: new CaughtUpSource(log) }, sinks: { out: transactionalSink(log) }, warn: () => undefined });
    const running = engine.run();
    // Without a commit on catching up, the log would stop at the second write: no next batch ever comes.
    await vi.waitFor(() => expect(log.length).toBeGreaterThanOrEqual(6), { timeout: 5000 });
    expect(log).toEqual(['read 1', 'write 1', 'read 2', 'write 1', 'flush', 'sink commits events at 2']);
    engine.stop();
    expect((await running).error).toBeUndefined();
    expect(log.slice(6)).toEqual(['flush', 'sink commits events at 2']);
  });

  it('follow a file-level @job_mode and WITH use_transactions alike', async () => {
    for (const sql of [
      `-- @job_mode: transactional\n\nCREATE STREAM out AS SELECT id FROM events;`,
      `CREATE STREAM out AS SELECT id FROM events WITH ('use_transactions' = 'true');`,
    ]) {
      const log: string[] = [];
      await run(sql, transactionalSink(log), log);
      expect(log.filter((entry) => entry.includes('commit'))).toEqual(['sink commits events at 3', 'sink commits events at 3']);
    }
  });

  it('are refused with CONFIG when the sink cannot commit in a transaction', async () => {
    const log: string[] = [];
    const result = await run(`CREATE STREAM out AS SELECT id FROM events WITH ('mode' = 'transactional')`, new CollectingSink({ name: 'out' }), log);
    expect(result).toEqual({
      code: 'CONFIG',
      error: "job 'out' runs in transactional mode, but its sink 'out' cannot commit in a transaction; transactional mode needs a Kafka source and a Kafka sink (or run it in simple mode: at-least-once)",
    });
    expect(log).toEqual([]);
  });

  it('are refused for an unbounded job holding records in open windows (it never reaches a commit point)', async () => {
    const log: string[] = [];
    const result = await run(
      `-- @job_mode: transactional\nCREATE STREAM out AS SELECT COUNT(*) AS n FROM events WINDOW TUMBLING(INTERVAL '1' HOUR) WITH ('events.event.time.field' = 'ts')`,
      transactionalSink(log),
      log,
    );
    expect(result.code).toBe('CONFIG');
    expect(log).toEqual([]);
  });
});
