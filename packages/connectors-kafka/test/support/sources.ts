import { Schema, SqlTypes, noopTelemetry, systemClock, type BadRecord, type Source, type SourceBatch, type SourcePosition, type Telemetry } from '@velots/core';
import { createSource } from '@velots/runtime';
import { KafkaSource, registerKafkaConnectors } from '../../src/index.js';

export const ID_SCHEMA = Schema.of(['id', SqlTypes.BIGINT], ['symbol', SqlTypes.STRING]);

/** An opened unbounded kafka_source reading `topic` as group `group`, with a declared schema (no sampling). */
export async function openSource(bootstrapServers: string, topic: string, group: string, badRecords: BadRecord[] = [], opening: { resumeFrom?: SourcePosition; telemetry?: Telemetry; properties?: Readonly<Record<string, string>> } = {}): Promise<KafkaSource> {
  registerKafkaConnectors({ bounded: false });
  const { connector } = createSource('kafka_source', {
    name: topic,
    properties: { 'bootstrap.servers': bootstrapServers, 'group.id': group, ...(opening.properties ?? { 'session.timeout.ms': '6000' }) },
    baseDir: process.cwd(),
    schema: ID_SCHEMA,
  });
  const source = connector as KafkaSource;
  await source.open({ signal: new AbortController().signal, telemetry: opening.telemetry ?? noopTelemetry, clock: systemClock, resumeFrom: opening.resumeFrom, reportBadRecord: (r) => badRecords.push(r) });
  return source;
}

/** Polls `check` until it holds (or throws after `timeoutMs`). */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Reads from every source until `count` records arrived in total; returns each source's batches. */
export async function readUntil(sources: readonly Source[], count: number, timeoutMs = 20_000): Promise<SourceBatch[][]> {
  const batches: SourceBatch[][] = sources.map(() => []);
  const pending = new Map<number, Promise<{ index: number; read: SourceBatch | undefined }>>();
  let total = 0;
  const until = Date.now() + timeoutMs;
  while (total < count) {
    sources.forEach((source, index) => {
      if (!pending.has(index)) pending.set(index, source.next(1000).then((read) => ({ index, read })));
    });
    const timeout = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), Math.max(0, until - Date.now())).unref());
    const done = await Promise.race([...pending.values(), timeout]);
    if (done === undefined) throw new Error(`read ${total} of ${count} records in time`);
    pending.delete(done.index);
    if (done.read) {
      batches[done.index]?.push(done.read);
      total += done.read.batch.rows.length;
    }
  }
  return batches;
}
