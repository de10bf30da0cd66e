import { Schema, SqlTypes, createBatch, type Sink, type Source, type SourceBatch, type SourcePosition } from '@velots/core';
import { describe, expect, it } from 'vitest';
import { CollectingSink, createEngine } from '../../src/index.js';

const SCHEMA = Schema.of(['id', SqlTypes.BIGINT], ['ts', SqlTypes.BIGINT]);

/** An unbounded source: three batches, a pause past the commit interval, a fourth batch, then silence until stopped. */
class ScriptedSource implements Source {
  readonly name = 'events';
  readonly bounded = false;
  readonly commits: SourcePosition[] = [];
  private sent = 0;

  constructor(private readonly log: string[]) {}

  async open(): Promise<Schema> {
    return SCHEMA;
  }

  async next(): Promise<SourceBatch | undefined> {
    this.sent++;
    if (this.sent === 4) await new Promise((resolve) => setTimeout(resolve, 1100));
    if (this.sent > 4) return new Promise(() => undefined);
    this.log.push(`read ${this.sent}`);
    const id = this.sent;
    return { batch: createBatch(SCHEMA, [[id, id * 1000]], [id * 1000]), position: { upTo: id } };
  }

  async commit(position: SourcePosition): Promise<void> {
    this.log.push(`commit ${String(position['upTo'])}`);
    this.commits.push(position);
  }

  async close(): Promise<void> {}
}

/** A sink that logs its flushes, so the test sees that every commit follows one. */
function loggingSink(log: string[]): Sink {
  const inner = new CollectingSink({ name: 'out' });
  return {
    name: 'out',
    open: (schema, context) => inner.open(schema, context),
    write: (batch) => inner.write(batch),
    flush: async () => {
      log.push('flush');
      await inner.flush();
    },
    close: () => inner.close(),
  };
}

async function runUntilCommitWindow(sql: string): Promise<string[]> {
  const log: string[] = [];
  const engine = await createEngine({ sql, sources: { events: new ScriptedSource(log) }, sinks: { out: loggingSink(log) }, warn: () => undefined });
  const running = engine.run();
  await new Promise((resolve) => setTimeout(resolve, 2500));
  engine.stop();
  await running;
  return log;
}

describe('source commits of an unbounded job', () => {
  it('a job that emits at once commits what its sink flushed, about every second, and at stop', async () => {
    const log = await runUntilCommitWindow('CREATE STREAM out AS SELECT id FROM events WHERE id > 0');
    expect(log).toEqual(['read 1', 'read 2', 'read 3', 'read 4', 'flush', 'commit 4', 'flush', 'commit 4']);
  });

  it('a job holding records in open windows commits nothing while running or when stopped', async () => {
    const log = await runUntilCommitWindow(
      `CREATE STREAM out AS SELECT COUNT(*) AS n FROM events WINDOW TUMBLING(INTERVAL '1' HOUR) WITH ('events.event.time.field' = 'ts')`,
    );
    expect(log.filter((entry) => entry.startsWith('commit'))).toEqual([]);
    expect(log.slice(0, 4)).toEqual(['read 1', 'read 2', 'read 3', 'read 4']);
  });
});
