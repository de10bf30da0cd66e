import { noopTelemetry, type ConnectorHealth, type Gauge, type MetricLabels, type Telemetry } from '@velots/core';
import { kcatConsume, kcatProduce, startMockKafka, type MockKafka } from '@velots/kafka-mock';
import { createEngine, type Engine, type RunSummary } from '@velots/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerKafkaConnectors } from '../src/index.js';
import { tradeMessages } from './support/run-app.js';
import { waitFor } from './support/sources.js';

/** Telemetry that keeps the last value of every gauge sample, by name and labels (the rest records nothing). */
class GaugeRecorder implements Telemetry {
  readonly values = new Map<string, number>();
  counter = noopTelemetry.counter;
  histogram = noopTelemetry.histogram;
  startSpan = noopTelemetry.startSpan;
  gauge(name: string): Gauge {
    const key = (labels?: MetricLabels): string => `${name}${JSON.stringify(labels ?? {})}`;
    return {
      set: (value, labels) => void this.values.set(key(labels), value),
      inc: (labels, value = 1) => void this.values.set(key(labels), (this.values.get(key(labels)) ?? 0) + value),
      dec: (labels, value = 1) => void this.values.set(key(labels), (this.values.get(key(labels)) ?? 0) - value),
    };
  }
}

/** A running unbounded job and how to watch and stop it. */
interface RunningJob {
  readonly engine: Engine;
  readonly telemetry: GaugeRecorder;
  readonly done: Promise<RunSummary>;
  health(role: 'source' | 'sink', name: string): ConnectorHealth | undefined;
}

async function startJob(sql: string): Promise<RunningJob> {
  registerKafkaConnectors({ bounded: false });
  const telemetry = new GaugeRecorder();
  const engine = await createEngine({ sql, baseDir: process.cwd(), telemetry, warn: () => undefined });
  const done = engine.run();
  return {
    engine,
    telemetry,
    done,
    health: (role, name) => engine.connectorStats().find((c) => c.role === role && c.name === name)?.health,
  };
}

function expectedOutput(from: number, to: number): string[] {
  return tradeMessages(to - from, from)
    .map((m) => JSON.parse(m.value) as { id: number; quantity: number })
    .filter((t) => t.quantity >= 40)
    .map((t) => `{"id":${t.id},"quantity":${t.quantity}}`);
}

function idOf(value: string | null): number {
  return Number(/"id":(\d+)/.exec(value ?? '')?.[1]);
}

/** Polls the topic with kcat until it holds `count` messages; returns their values ordered by id. */
async function readOutput(kafka: MockKafka, topic: string, count: number): Promise<string[]> {
  let values: string[] = [];
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    values = (await kcatConsume(kafka.bootstrapServers, topic)).map((m) => m.value ?? '');
    if (values.length >= count) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return values.sort((a, b) => idOf(a) - idOf(b));
}

const job = (input: MockKafka, output: MockKafka, group: string): string => `
  CREATE STREAM big_orders AS SELECT id, quantity FROM orders WHERE quantity >= 40
  WITH ('orders.type' = 'kafka_source', 'orders.bootstrap.servers' = '${input.bootstrapServers}', 'orders.group.id' = '${group}',
        'orders.format' = 'json',
        'big_orders.type' = 'kafka_sink', 'big_orders.bootstrap.servers' = '${output.bootstrapServers}', 'big_orders.format' = 'json');`;

describe('a Kafka → Kafka job whose brokers go away', () => {
  let input: MockKafka;
  let output: MockKafka;
  beforeAll(async () => {
    input = await startMockKafka({ topics: [{ name: 'orders', partitions: 3 }] });
    output = await startMockKafka({ topics: [{ name: 'big_orders', partitions: 1 }] });
  });
  afterAll(async () => {
    await Promise.all([input.stop(), output.stop()]);
  });

  it('stalls while every broker is down, shows it in health and the gauge, and resumes by itself losing nothing', async () => {
    await input.createTopic('orders-all', 3);
    await input.createTopic('big_orders-all', 1);
    const sql = job(input, input, 'outage-all').replaceAll("'orders'", "'orders-all'").replace("'big_orders.format' = 'json'", "'big_orders.format' = 'json', 'big_orders.topic' = 'big_orders-all'").replace("'orders.format' = 'json'", "'orders.format' = 'json', 'orders.topic' = 'orders-all'");
    await kcatProduce(input.bootstrapServers, 'orders-all', tradeMessages(30));
    const running = await startJob(sql);
    try {
      expect(await readOutput(input, 'big_orders-all', expectedOutput(0, 30).length)).toEqual(expectedOutput(0, 30));
      expect(running.health('source', 'orders')).toMatchObject({ connected: true });
      await input.setAllBrokersDown();
      await waitFor(() => running.health('source', 'orders')?.connected === false, 30_000);
      expect(running.health('source', 'orders')?.lastError).toMatch(/ECONNREFUSED|Connection/);
      expect(running.telemetry.values.get('velo_source_connected{"source":"orders"}')).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 3000));
      await input.setAllBrokersUp();
      await kcatProduce(input.bootstrapServers, 'orders-all', tradeMessages(30, 30));
      expect(await readOutput(input, 'big_orders-all', expectedOutput(0, 60).length)).toEqual(expectedOutput(0, 60));
      await waitFor(() => running.health('source', 'orders')?.connected === true, 30_000);
      expect(running.telemetry.values.get('velo_source_connected{"source":"orders"}')).toBe(1);
    } finally {
      running.engine.stop();
    }
    expect((await running.done).error).toBeUndefined();
  }, 120_000);

  it('holds its writes while the sink cluster is down and delivers them, in order and once, when it returns', async () => {
    await kcatProduce(input.bootstrapServers, 'orders', tradeMessages(15));
    const running = await startJob(job(input, output, 'outage-sink'));
    try {
      expect(await readOutput(output, 'big_orders', expectedOutput(0, 15).length)).toEqual(expectedOutput(0, 15));
      await output.setAllBrokersDown();
      await kcatProduce(input.bootstrapServers, 'orders', tradeMessages(45, 15));
      await waitFor(() => running.health('sink', 'big_orders')?.connected === false, 30_000);
      expect(running.telemetry.values.get('velo_sink_connected{"sink":"big_orders"}')).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 2000));
      await output.setAllBrokersUp();
      const values = await readOutput(output, 'big_orders', expectedOutput(0, 60).length);
      expect(values).toEqual(expectedOutput(0, 60));
      await waitFor(() => running.health('sink', 'big_orders')?.connected === true, 30_000);
    } finally {
      running.engine.stop();
    }
    expect((await running.done).error).toBeUndefined();
  }, 120_000);

  it('fails the job with SINK_WRITE once the sink waited longer than delivery.timeout.ms under failure_strategy = fail', async () => {
    await input.createTopic('orders-bounded', 1);
    await output.createTopic('big_orders-bounded', 1);
    const sql = job(input, output, 'outage-bounded')
      .replace("'orders.format' = 'json'", "'orders.format' = 'json', 'orders.topic' = 'orders-bounded'")
      .replace("'big_orders.format' = 'json'", "'big_orders.format' = 'json', 'big_orders.topic' = 'big_orders-bounded', 'big_orders.delivery.timeout.ms' = '1500', 'big_orders.retries' = '1', 'failure_strategy' = 'fail'");
    await kcatProduce(input.bootstrapServers, 'orders-bounded', tradeMessages(10).map((m) => ({ value: m.value, partition: 0 })));
    const running = await startJob(sql);
    try {
      expect(await readOutput(output, 'big_orders-bounded', expectedOutput(0, 10).length)).toEqual(expectedOutput(0, 10));
      await output.setAllBrokersDown();
      // Input keeps arriving, as in a live job: the failure surfaces at the job's next write or commit after the bound.
      let next = 10;
      let ended = false;
      void running.done.finally(() => (ended = true));
      while (!ended) {
        await kcatProduce(input.bootstrapServers, 'orders-bounded', tradeMessages(5, next).map((m) => ({ value: m.value, partition: 0 })));
        next += 5;
        await Promise.race([running.done, new Promise((resolve) => setTimeout(resolve, 500))]);
      }
      const summary = await running.done;
      expect(summary.error?.code).toBe('SINK_WRITE');
      expect(summary.error?.message).toMatch(/^sink 'big_orders': producing to topic 'big_orders-bounded' failed \(retried for \d+ ms, delivery.timeout.ms = 1500\): /);
    } finally {
      running.engine.stop();
      await output.setAllBrokersUp();
    }
  }, 120_000);
});
