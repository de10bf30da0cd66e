import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { kcatProduce, startMockKafka, type MockKafka } from '@velots/kafka-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgram } from '../src/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const serverCli = resolve(here, '../../velo-sql/dist/cli.js');

let kafka: MockKafka;
let server: ChildProcess;
let url: string;
let dir: string;

beforeAll(async () => {
  kafka = await startMockKafka({ topics: [{ name: 'readings', partitions: 1 }, { name: 'alerts', partitions: 1 }] });
  await kcatProduce(kafka.bootstrapServers, 'readings', [{ value: '{"device":"a","temp":60}' }]);
  dir = mkdtempSync(join(tmpdir(), 'velo-cli-stalled-'));
  writeFileSync(
    join(dir, 'alerting.sql'),
    `CREATE STREAM alerts AS SELECT device, temp FROM readings WHERE temp > 50
     WITH ('readings.type' = 'kafka_source', 'readings.bootstrap.servers' = '${kafka.bootstrapServers}', 'readings.group.id' = 'alerting', 'readings.format' = 'json',
           'alerts.type' = 'kafka_sink', 'alerts.bootstrap.servers' = '${kafka.bootstrapServers}', 'alerts.format' = 'json');\n`,
  );
  server = spawn(process.execPath, [serverCli, 'server', '--port', '0', '--apps', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = createInterface({ input: server.stdout! });
  const first = await new Promise<string>((resolvePromise) => lines.once('line', resolvePromise));
  url = first.slice('listening on '.length);
}, 60_000);

afterAll(async () => {
  server.kill('SIGTERM');
  await new Promise<unknown>((resolvePromise) => server.once('exit', resolvePromise));
  await kafka.stop();
}, 60_000);

/** Runs velo-cli in-process against the test server; returns what it printed. */
async function cli(args: string[]): Promise<string> {
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  const stdin = new PassThrough();
  stdin.end('');
  await createProgram({ stdout, stderr: new PassThrough(), stdin, env: {} }).parseAsync(['node', 'velo-cli', '--server', url, ...args]);
  process.exitCode = undefined;
  return out;
}

async function until(probe: () => Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}

interface JobJson {
  readonly state: string;
  readonly stalled?: { role: string; connector: string; reason: string; since: number };
}

async function jobJson(): Promise<JobJson> {
  return (await (await fetch(`${url}/jobs/alerting/alerts`)).json()) as JobJson;
}

describe('a job whose Kafka cluster goes away, seen through the REST API and velo-cli status', () => {
  it('is stalled with the connector and its error while the brokers are down, and running again once they are back', async () => {
    expect(await cli(['deploy', join(dir, 'alerting.sql')])).toBe('deployed app alerting: 1 job(s)\n  alerting/alerts\n');
    await until(async () => (await jobJson()).state === 'running', 30_000);
    await kafka.setAllBrokersDown();
    await until(async () => (await jobJson()).state === 'stalled', 60_000);
    const stalled = await jobJson();
    expect(stalled.stalled?.role).toBe('source');
    expect(stalled.stalled?.connector).toBe('readings');
    expect(stalled.stalled?.reason).toMatch(/ECONNREFUSED|Connection/);
    const listed = (await (await fetch(`${url}/jobs`)).json()) as { id: string; state: string; stalled?: unknown }[];
    expect(listed.find((j) => j.id === 'alerting/alerts')).toMatchObject({ state: 'stalled', stalled: stalled.stalled });
    const status = await cli(['status', 'alerting/alerts']);
    expect(status).toMatch(/^job: +alerting\/alerts\nstate: +stalled\nstalled: +source 'readings' since \d{4}-\d\d-\d\dT[\d:.]+Z: .*(ECONNREFUSED|Connection)/);
    await kafka.setAllBrokersUp();
    await until(async () => (await jobJson()).state === 'running', 60_000);
    expect((await jobJson()).stalled).toBeUndefined();
    expect(await cli(['status', 'alerting/alerts'])).toMatch(/^job: +alerting\/alerts\nstate: +running\nuptime:/);
  }, 180_000);
});
