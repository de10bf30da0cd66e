import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createProgram, type CliIo } from '../src/index.js';
import { appsFolder } from './server-fixture.js';

interface FakeIo extends CliIo {
  readonly out: () => string;
  readonly err: () => string;
  /** Asks the program to stop, as SIGTERM would. */
  readonly terminate: () => void;
  /** The code `exit` was called with (a shutdown that overran its timeout). */
  readonly exitCode: () => number | undefined;
}

function fakeIo(stdin = ''): FakeIo {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  let terminate = (): void => undefined;
  const stop = new Promise<string>((resolve) => (terminate = () => resolve('SIGTERM')));
  let exitCode: number | undefined;
  const exit = (code: number): void => void (exitCode = code);
  return { stdout, stderr, env: {}, readStdin: async () => stdin, stopRequested: () => stop, exit, out: () => out, err: () => err, terminate, exitCode: () => exitCode };
}

afterEach(() => {
  process.exitCode = undefined;
});

describe('velo-sql --file', () => {
  it('runs an app in the foreground until its inputs end and exits 0', async () => {
    const dir = appsFolder({ 'in.csv': 'id,v\n1,10\n2,20\n3,30\n' });
    const app = join(dir, 'app.sql');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(app, "CREATE STREAM big AS SELECT id FROM s WHERE v >= 20 WITH ('s.type' = 'file_source', 's.path' = 'in.csv', 'big.type' = 'file_sink', 'big.path' = 'big.jsonl');");
    const io = fakeIo();
    await createProgram(io).parseAsync(['node', 'velo-sql', '--file', app]);
    expect(io.err()).toBe('');
    expect(process.exitCode).toBe(0);
    expect(readFileSync(join(dir, 'big.jsonl'), 'utf8')).toBe('{"id":2}\n{"id":3}\n');
  });

  it('reads the app from stdin with --file -, and stops on SIGTERM with exit code 0', async () => {
    const io = fakeIo("SELECT symbol FROM g WITH ('g.type' = 'generator', 'g.rate' = '100');");
    const running = createProgram(io).parseAsync(['node', 'velo-sql', '--file', '-']);
    setTimeout(() => io.terminate(), 300);
    await running;
    expect(process.exitCode).toBe(0);
    expect(io.err()).toBe('');
  });

  it('prints a positioned error and exits 1 for bad SQL', async () => {
    const io = fakeIo('SELECT FROM WHERE;');
    await createProgram(io).parseAsync(['node', 'velo-sql', '--file', '-']);
    expect(process.exitCode).toBe(1);
    expect(io.err()).toMatch(/^error\[SQL_SYNTAX\]: <stdin>:1:\d+: /);
    expect(io.err()).toContain('^');
  });
});

describe('velo-sql server', () => {
  it('prints "listening on http://127.0.0.1:PORT" first with --port 0, serves, and exits 0 on SIGTERM', async () => {
    const io = fakeIo();
    const running = createProgram(io).parseAsync(['node', 'velo-sql', 'server', '--port', '0', '--apps', appsFolder()]);
    for (let i = 0; i < 200 && !io.out().includes('\n'); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    const first = io.out().split('\n')[0]!;
    expect(first).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/);
    const url = first.slice('listening on '.length);
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: 'ok' });
    io.terminate();
    await running;
    expect(process.exitCode).toBe(0);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });

  it('keeps deployed apps in its own --data-dir (not taken by the --file option of the same name)', async () => {
    const io = fakeIo();
    const dataDir = join(appsFolder(), 'data');
    const running = createProgram(io).parseAsync(['node', 'velo-sql', 'server', '--port', '0', '--apps', appsFolder(), '--data-dir', dataDir, '--shutdown-timeout', '5000']);
    for (let i = 0; i < 200 && !io.out().includes('\n'); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(existsSync(join(dataDir, 'apps'))).toBe(true);
    io.terminate();
    await running;
    expect(process.exitCode).toBe(0);
  });

  it('documents its options in --help', async () => {
    const io = fakeIo();
    await createProgram(io).parseAsync(['node', 'velo-sql', 'server', '--help']).catch(() => undefined);
    for (const option of ['--host <host>', '--port <port>', '--data-dir <dir>', '--token <token>', '--apps <dir>', '--max-body-bytes <n>']) expect(io.out()).toContain(option);
  });
});
