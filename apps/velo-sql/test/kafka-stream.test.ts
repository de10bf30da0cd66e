import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { kcatConsume, kcatProduce, startMockKafka, type MockKafka } from '@velots/kafka-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const cli = resolve(here, '../dist/cli.js');

async function waitForMessages(kafka: MockKafka, topic: string, count: number): Promise<string[]> {
  const until = Date.now() + 30_000;
  for (;;) {
    const values = (await kcatConsume(kafka.bootstrapServers, topic)).map((m) => m.value ?? '');
    if (values.length >= count || Date.now() > until) return values;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('velo-sql --file over Kafka (unbounded)', () => {
  let kafka: MockKafka;
  beforeAll(async () => {
    kafka = await startMockKafka({ topics: ['readings', 'alerts'] });
  });
  afterAll(async () => {
    await kafka.stop();
  });

  it('follows the topic as records arrive, and on SIGTERM commits what its sink acknowledged, so a restart resumes there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'velo-sql-kafka-'));
    const app = join(dir, 'alerts.sql');
    writeFileSync(
      app,
      `CREATE STREAM readings (device STRING, temp BIGINT) WITH ('type' = 'kafka_source', 'bootstrap.servers' = '${kafka.bootstrapServers}', 'group.id' = 'alerting');
       CREATE STREAM alerts AS SELECT device, temp FROM readings WHERE temp > 50
       WITH ('alerts.type' = 'kafka_sink', 'alerts.bootstrap.servers' = '${kafka.bootstrapServers}');`,
    );
    const start = (): { exited: Promise<number | null>; stop: () => void } => {
      const child = spawn(process.execPath, [cli, '--file', app], { stdio: ['ignore', 'ignore', 'pipe'] });
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      return { exited, stop: () => child.kill('SIGTERM') };
    };
    const first = start();
    await kcatProduce(kafka.bootstrapServers, 'readings', [
      { value: '{"device":"a","temp":60}' },
      { value: '{"device":"b","temp":20}' },
    ]);
    expect(await waitForMessages(kafka, 'alerts', 1)).toEqual(['{"device":"a","temp":60}']);
    await kcatProduce(kafka.bootstrapServers, 'readings', [{ value: '{"device":"c","temp":70}' }]);
    expect(await waitForMessages(kafka, 'alerts', 2)).toEqual(['{"device":"a","temp":60}', '{"device":"c","temp":70}']);
    first.stop();
    expect(await first.exited).toBe(0);

    await kcatProduce(kafka.bootstrapServers, 'readings', [{ value: '{"device":"d","temp":80}' }]);
    const second = start();
    expect(await waitForMessages(kafka, 'alerts', 3)).toEqual(['{"device":"a","temp":60}', '{"device":"c","temp":70}', '{"device":"d","temp":80}']);
    second.stop();
    expect(await second.exited).toBe(0);
  });
});
