import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kcatConsume, kcatProduce, startMockKafka, type MockKafka } from '@velots/kafka-mock';
import { createEngine, type RunSummary } from '@velots/runtime';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerKafkaConnectors } from '../src/index.js';

const T0 = 1_700_000_040_000; // a minute boundary
const SYMBOLS = ['AAPL', 'MSFT', 'GOOG'];

/** Tick `i`: symbol i mod 3, quantity 1 + i mod 7, every 6 s of event time (10 a minute), on partition i mod 2. */
function ticks(from: number, to: number): { key: string; value: string; partition: number }[] {
  const out: { key: string; value: string; partition: number }[] = [];
  for (let i = from; i < to; i++) {
    const symbol = SYMBOLS[i % 3] as string;
    out.push({ key: symbol, partition: i % 2, value: `{"id":${i},"symbol":"${symbol}","qty":${1 + (i % 7)},"ts":${T0 + i * 6000}}` });
  }
  return out;
}

/** The closed windows of ticks 0..count-1 as the job writes them: `symbol|window start → n|qty`. */
function expectedWindows(count: number): Map<string, string> {
  const sums = new Map<string, { n: number; qty: number }>();
  for (let i = 0; i < count; i++) {
    const key = `${SYMBOLS[i % 3]}|${T0 + Math.floor((i * 6000) / 60_000) * 60_000}`;
    const sum = sums.get(key) ?? { n: 0, qty: 0 };
    sum.n += 1;
    sum.qty += 1 + (i % 7);
    sums.set(key, sum);
  }
  return new Map([...sums].map(([key, { n, qty }]) => [key, `${n}|${qty}`]));
}

interface Bar {
  readonly symbol: string;
  readonly ws: number;
  readonly n: number;
  readonly qty: number;
}

/** Commits offset 0 for both partitions of `topic` as a member of `groupId` (the mock has no DescribeGroups for admin.setOffsets). */
async function rewindGroupOn(brokers: readonly string[], groupId: string, topic: string): Promise<void> {
  const kafka = new Kafka({ brokers: [...brokers], logLevel: logLevel.NOTHING });
  const member = kafka.consumer({ groupId, sessionTimeout: 6000, heartbeatInterval: 500, maxWaitTimeInMs: 100 });
  const joined = new Promise<void>((resolve) => member.on(member.events.GROUP_JOIN, () => resolve()));
  await member.connect();
  try {
    await member.subscribe({ topic, fromBeginning: true });
    await member.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: () => Promise.resolve() });
    member.pause([{ topic }]);
    await joined;
    await member.commitOffsets([{ topic, partition: 0, offset: '0' }, { topic, partition: 1, offset: '0' }]);
  } finally {
    await member.disconnect();
  }
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    expect((committed?.partitions ?? []).map((p) => p.offset)).toEqual(['0', '0']);
  } finally {
    await admin.disconnect();
  }
}

describe('a Kafka → Kafka window job with checkpoints, stopped abruptly and restarted', () => {
  let kafka: MockKafka;
  let dir: string;
  beforeAll(async () => {
    kafka = await startMockKafka({ topics: [{ name: 'ck-ticks', partitions: 2 }, { name: 'ck-bars', partitions: 1 }] });
    dir = mkdtempSync(join(tmpdir(), 'velo-kafka-ckpt-'));
  });
  afterAll(async () => {
    await kafka.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const sql = (): string => `
    CREATE STREAM bars AS
    SELECT symbol, COUNT(*) AS n, SUM(qty) AS qty, _window_start AS ws
    FROM ticks
    GROUP BY symbol
    WINDOW TUMBLING(INTERVAL '1' MINUTE)
    EMIT FINAL
    WITH ('ticks.type' = 'kafka_source', 'ticks.bootstrap.servers' = '${kafka.bootstrapServers}', 'ticks.topic' = 'ck-ticks',
          'ticks.group.id' = 'ck-bars-job', 'ticks.event.time.field' = 'ts',
          'bars.type' = 'kafka_sink', 'bars.bootstrap.servers' = '${kafka.bootstrapServers}', 'bars.topic' = 'ck-bars');`;

  const rewindGroup = (groupId: string, topic: string): Promise<void> => rewindGroupOn(kafka.brokers, groupId, topic);

  async function bars(): Promise<Bar[]> {
    return (await kcatConsume(kafka.bootstrapServers, 'ck-bars')).map((m) => JSON.parse(m.value ?? '') as Bar);
  }

  /** Runs the app until the output holds `windows` distinct windows, then stops it abruptly (no final checkpoint). */
  async function runUntil(windows: number): Promise<RunSummary> {
    registerKafkaConnectors({ bounded: false });
    const engine = await createEngine({ sql: sql(), baseDir: process.cwd(), checkpoints: { dir, intervalMs: 100 }, warn: () => undefined });
    const done = engine.run();
    const until = Date.now() + 60_000;
    while (Date.now() < until && new Set((await bars()).map((b) => `${b.symbol}|${b.ws}`)).size < windows) await new Promise((resolve) => setTimeout(resolve, 200));
    // Let a checkpoint or two pass after the last output, then stop without a final one.
    await new Promise((resolve) => setTimeout(resolve, 300));
    engine.stop();
    return done;
  }

  it('resumes its windows and its Kafka offsets from the checkpoint: every window once with its exact value', async () => {
    await kcatProduce(kafka.bootstrapServers, 'ck-ticks', ticks(0, 60));
    // Ticks 0..59 span minutes 0..5; the watermark closes minutes 0..4 (15 windows), minute 5 stays open in the checkpoint.
    expect((await runUntil(15)).error).toBeUndefined();
    const before = await bars();
    expect(before.length).toBeGreaterThanOrEqual(15);
    // Ticks 60..119 (minutes 6..11) arrive while the job is down; the restart closes minutes 5..10.
    await kcatProduce(kafka.bootstrapServers, 'ck-ticks', ticks(60, 120));
    // The group's committed offsets go back to the start: the checkpoint's positions must win over them, or minute 5
    // (open in the checkpoint, its ticks in its state) would count its ticks twice.
    await rewindGroup('ck-bars-job', 'ck-ticks');
    expect((await runUntil(33)).error).toBeUndefined();
    const all = await bars();
    const expected = expectedWindows(110); // minutes 0..10 closed: ticks 0..109
    const seen = new Map<string, Set<string>>();
    for (const bar of all) {
      const key = `${bar.symbol}|${bar.ws}`;
      seen.set(key, (seen.get(key) ?? new Set()).add(`${bar.n}|${bar.qty}`));
    }
    // Every closed window is there, each with one value — its exact one — however often it was written (at-least-once).
    expect(new Map([...seen].map(([key, values]) => [key, [...values].join(' / ')]))).toEqual(expected);
  }, 180_000);
});
