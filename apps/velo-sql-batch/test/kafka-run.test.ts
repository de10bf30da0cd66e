import { join } from 'node:path';
import { kcatConsume, startMockKafka, type MockKafka } from '@velots/kafka-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repo, runCli, type CliResult } from './run-cli.js';

const example = join(repo, 'examples/kafka-quickstart');

describe('velo-sql-batch run over Kafka topics', () => {
  let kafka: MockKafka;
  beforeAll(async () => {
    kafka = await startMockKafka({ topics: [{ name: 'trades', partitions: 3 }, { name: 'large_trades', partitions: 1 }] });
  });
  afterAll(async () => {
    await kafka.stop();
  });

  function velo(app: string): Promise<CliResult> {
    return runCli(['run', join(example, app)], { env: { ...process.env, KAFKA_BROKERS: kafka.bootstrapServers } });
  }

  it('reads each partition to the end offset seen at start, writes the sink, prints offsets done per source and exits', async () => {
    const load = await velo('load-trades.sql');
    expect(load.stderr).toBe('done: 1 job(s), 12 record(s) out in ' + /in (\d+) ms/.exec(load.stderr)?.[1] + ' ms\n');
    const run = await velo('app.sql');
    expect(run.status).toBe(0);
    expect(run.stderr.split('\n')[0]).toBe('source trades: 12/12 offsets');
    const out = await kcatConsume(kafka.bootstrapServers, 'large_trades');
    expect(out.map((m) => [m.key, JSON.parse(m.value ?? '{}').trade_id, /"notional":([0-9.]+)/.exec(m.value ?? '')?.[1]]).sort((a, b) => Number(a[1]) - Number(b[1]))).toEqual([
      ['AAPL', 1, '18925.00'],
      ['AAPL', 3, '47325.00'],
      ['TSLA', 5, '14568.00'],
      ['MSFT', 6, '12457.50'],
      ['NVDA', 7, '65710.00'],
      ['GOOG', 9, '12832.50'],
      ['TSLA', 10, '29106.00'],
      ['NVDA', 11, '10520.00'],
    ]);
    // The committed offsets make a second run a no-op: nothing new to read.
    const again = await velo('app.sql');
    expect(again.stderr.split('\n')[0]).toBe('source trades: 0/0 offsets');
    expect(await kcatConsume(kafka.bootstrapServers, 'large_trades')).toHaveLength(8);
  });
});
