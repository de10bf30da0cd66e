import { spawn } from 'node:child_process';
import { appendFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createProgram, type CliIo } from '../src/index.js';
import { veloSqlBin } from './fault/velo-process.js';
import { appsFolder } from './server-fixture.js';

interface StoppableIo extends CliIo {
  readonly err: () => string;
  readonly terminate: () => void;
}

function stoppableIo(): StoppableIo {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let err = '';
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  let terminate = (): void => undefined;
  const stop = new Promise<string>((resolve) => (terminate = () => resolve('SIGTERM')));
  return { stdout, stderr, env: {}, readStdin: async () => '', stopRequested: () => stop, exit: () => undefined, err: () => err, terminate };
}

afterEach(() => {
  process.exitCode = undefined;
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Per-minute counts over a tailed file: windows stay open until a later reading moves the watermark past them. */
const COUNTS_APP = `CREATE STREAM readings (sensor STRING, ts BIGINT)
WITH ('type' = 'file_source', 'path' = 'readings.jsonl', 'format' = 'json', 'watching' = 'true', 'polling_interval' = '100ms',
      'event.time.field' = 'ts', 'watermark.strategy' = 'ascending', 'watermark.idle.timeout' = '0');

-- @checkpoint_interval: 10m
CREATE STREAM counts AS SELECT sensor, COUNT(*) AS n, _window_start AS ws FROM readings GROUP BY sensor WINDOW TUMBLING(INTERVAL '1' MINUTE) EMIT FINAL
WITH ('counts.type' = 'file_sink', 'counts.path' = 'counts.jsonl');`;

const MINUTE = 60_000;
const T0 = Date.UTC(2024, 0, 1);
const reading = (sensor: string, ts: number): string => `{"sensor":"${sensor}","ts":${ts}}\n`;

describe('velo-sql --file --data-dir', () => {
  it("checkpoints under <dir>/<app>/<job>/ on SIGTERM without emitting open windows, and the next run carries them on", async () => {
    const dir = appsFolder({ 'readings.jsonl': reading('a', T0) + reading('b', T0 + 1_000) + reading('a', T0 + 2_000) });
    writeFileSync(join(dir, 'counts.sql'), COUNTS_APP);
    const dataDir = join(dir, 'data');
    const run = async (work: () => Promise<void>): Promise<void> => {
      const io = stoppableIo();
      const running = createProgram(io).parseAsync(['node', 'velo-sql', '--file', join(dir, 'counts.sql'), '--data-dir', dataDir]);
      await work();
      io.terminate();
      await running;
      expect(io.err()).toBe('');
      expect(process.exitCode).toBe(0);
    };
    await run(() => sleep(1_500));
    // The first minute is still open: nothing emitted, its counts kept in the checkpoint.
    expect(readFileSync(join(dir, 'counts.jsonl'), 'utf8')).toBe('');
    expect(readdirSync(join(dataDir, 'counts', 'counts')).length).toBeGreaterThan(0);

    // The second run reads only what was appended, yet counts the first run's readings too.
    appendFileSync(join(dir, 'readings.jsonl'), reading('a', T0 + 30_000) + reading('b', T0 + 2 * MINUTE + 5_000));
    await run(async () => {
      for (let i = 0; i < 100 && readFileSync(join(dir, 'counts.jsonl'), 'utf8') === ''; i++) await sleep(100);
    });
    expect(readFileSync(join(dir, 'counts.jsonl'), 'utf8')).toBe(`{"sensor":"a","n":3,"ws":${T0}}\n{"sensor":"b","n":1,"ws":${T0}}\n`);
  }, 30_000);

  it('lists --data-dir and --shutdown-timeout in --help', async () => {
    const io = stoppableIo();
    let out = '';
    (io.stdout as PassThrough).on('data', (c: Buffer) => (out += c.toString()));
    await createProgram(io).parseAsync(['node', 'velo-sql', '--help']).catch(() => undefined);
    expect(out).toContain('--data-dir <dir>');
    expect(out).toContain('--shutdown-timeout <ms>');
  });

  it('exits 3 with a message when the shutdown hangs past --shutdown-timeout (a Kafka sink whose broker never answers)', async () => {
    // A black hole: accepts the sink's connection and never answers, so the sink never opens and the run never ends.
    let connected = (): void => undefined;
    const sinkConnected = new Promise<void>((resolve) => (connected = resolve));
    const sockets: Socket[] = [];
    const hole = createServer((socket) => {
      sockets.push(socket);
      socket.on('data', () => undefined);
      socket.on('error', () => undefined);
      connected();
    });
    await new Promise<void>((resolve) => hole.listen(0, '127.0.0.1', resolve));
    const dir = appsFolder({ 'in.jsonl': '{"v":1}\n' });
    writeFileSync(
      join(dir, 'stuck.sql'),
      `CREATE STREAM s (v BIGINT) WITH ('type' = 'file_source', 'path' = 'in.jsonl', 'format' = 'json', 'watching' = 'true');
       CREATE STREAM stuck AS SELECT v FROM s WITH ('stuck.type' = 'kafka_sink', 'stuck.bootstrap.servers' = '127.0.0.1:${(hole.address() as AddressInfo).port}');`,
    );
    const child = spawn(process.execPath, [veloSqlBin, '--file', 'stuck.sql', '--shutdown-timeout', '800'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const guard = setTimeout(() => child.kill('SIGKILL'), 40_000);
    try {
      await sinkConnected;
      const sentAt = Date.now();
      child.kill('SIGTERM');
      expect(await exited, stderr).toBe(3);
      expect(Date.now() - sentAt).toBeGreaterThanOrEqual(700);
      expect(Date.now() - sentAt).toBeLessThan(5_000);
      expect(stderr).toContain('error: SIGTERM: the jobs did not shut down within 800 ms (final checkpoint or sink flush still running); exiting without it\n');
    } finally {
      clearTimeout(guard);
      for (const socket of sockets) socket.destroy();
      hole.close();
    }
  }, 45_000);
});
