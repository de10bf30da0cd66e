import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createProgram } from '../src/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const serverCli = resolve(here, '../../velo-sql/dist/cli.js');
const TOKEN = 'cli-test-token';

let server: ChildProcess;
let url: string;
let dir: string;

const SALES_APP = `CREATE TABLE sales_totals AS
SELECT region, product, SUM(amount) AS total, COUNT(*) AS sales
FROM sales GROUP BY region, product
WITH ('sales.type' = 'file_source', 'sales.path' = 'sales.csv');
`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'velo-cli-'));
  writeFileSync(join(dir, 'sales.csv'), 'region,product,amount\nUS,Widget,10\nEU,Widget,7\nUS,Gadget,3\nUS,Widget,5\n');
  writeFileSync(join(dir, 'sales.sql'), SALES_APP);
  writeFileSync(join(dir, 'ticker.sql'), "CREATE STREAM ticks AS SELECT symbol FROM g WITH ('g.type' = 'generator', 'g.rate' = '200', 'ticks.type' = 'file_sink', 'ticks.path' = 'ticks.jsonl');\n");
  writeFileSync(join(dir, 'live-trades.sql'), readFileSync(resolve(here, '../../../examples/live-trades/app.sql'), 'utf8'));
  writeFileSync(join(dir, 'broken.sql'), 'SELECT region\nFROM sales WHERE;\n');
  server = spawn(process.execPath, [serverCli, 'server', '--port', '0', '--apps', dir, '--token', TOKEN], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = createInterface({ input: server.stdout! });
  const first = await new Promise<string>((resolvePromise) => lines.once('line', resolvePromise));
  url = first.slice('listening on '.length);
});

afterAll(async () => {
  server.kill('SIGTERM');
  // SIGTERM drains every job, flushes its sinks and exits 0.
  const code = await new Promise<number | null>((resolvePromise) => server.once('exit', resolvePromise));
  expect(code).toBe(0);
});

afterEach(() => {
  process.exitCode = undefined;
});

interface Result {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs velo-cli in-process against the test server. */
async function cli(args: string[], options: { stdin?: string; env?: Record<string, string>; auth?: boolean } = {}): Promise<Result> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const stdin = new PassThrough();
  stdin.end(options.stdin ?? '');
  const global = options.auth === false ? [] : ['--server', url, '--token', TOKEN];
  process.exitCode = undefined;
  try {
    await createProgram({ stdout, stderr, stdin, env: options.env ?? {} }).parseAsync(['node', 'velo-cli', ...global, ...args]);
  } catch (error) {
    return { code: (error as { exitCode?: number }).exitCode ?? 1, out, err };
  }
  return { code: Number(process.exitCode ?? 0), out, err };
}

async function until(probe: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500 && !(await probe()); i++) await new Promise((r) => setTimeout(r, 20));
}

describe('velo-cli against a velo-sql server', () => {
  it('deploys a file, lists apps and jobs, shows status, looks up a row and runs a pull query', async () => {
    const deployed = await cli(['deploy', join(dir, 'sales.sql')]);
    expect(deployed).toEqual({ code: 0, out: 'deployed app sales: 1 job(s)\n  sales/sales_totals\n', err: '' });
    await until(async () => (await cli(['jobs'])).out.includes('finished'));
    const jobs = await cli(['jobs']);
    expect(jobs.out).toMatch(/^job\s+state\s+uptime\n-+\s+-+\s+-+\nsales\/sales_totals\s+finished\s+\d+s\n\(1 row\)\n$/);
    expect((await cli(['apps'])).out).toMatch(/^app\s+jobs\s+states\s+tables\s+deployed\n.*\nsales\s+1\s+sales_totals:finished\s+sales_totals\s+\d{4}-/);
    const status = await cli(['status', 'sales/sales_totals']);
    expect(status.out).toContain('state:        finished\n');
    expect(status.out).toContain('records in:   sales 4\n');
    expect(status.out).toContain('errors:       0\n');
    // A server without --data-dir takes no checkpoints.
    expect(status.out).toContain('checkpoint:   -\nrestored:     -\n');
    const row = await cli(['lookup', 'sales_totals', 'US|Widget']);
    expect(row).toEqual({ code: 0, out: 'region:  US\nproduct: Widget\ntotal:   15\nsales:   2\n', err: '' });
    const pulled = await cli(['query', "SELECT product, total FROM sales_totals WHERE region = 'US' ORDER BY total DESC"]);
    expect(pulled.out).toBe('product  total\n-------  -----\nWidget      15\nGadget       3\n(2 rows)\n');
    const json = await cli(['--json', 'query', 'SELECT COUNT(*) AS n FROM sales_totals']);
    expect(JSON.parse(json.out)).toEqual({ columns: ['n'], rows: [[3]] });
  });

  it('prints a positioned SQL error with a caret and exits 1', async () => {
    const bad = await cli(['query', 'SELECT product FROM sales_totals WHERE']);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^error\[SQL_SYNTAX\]: <query>:1:39: .+\n/);
    expect(bad.err).toContain('SELECT product FROM sales_totals WHERE\n');
    expect(bad.err).toMatch(/\n\s+\^/);
    const deploy = await cli(['deploy', join(dir, 'broken.sql')]);
    expect(deploy.code).toBe(1);
    expect(deploy.err).toContain('error[SQL_SYNTAX]: ');
    expect(deploy.err).toContain('FROM sales WHERE;');
  });

  it('explains a file and a running job with --analyze, pauses, resumes and stops it, and undeploys its app', async () => {
    const plan = await cli(['explain', join(dir, 'sales.sql')]);
    expect(plan.out).toMatch(/^Job sales_totals \(CreateTableAs\)\n/);
    expect((await cli(['explain', '-'], { stdin: SALES_APP })).out).toBe(plan.out);
    expect((await cli(['deploy', join(dir, 'ticker.sql'), '--name', 'tick'])).code).toBe(0);
    await until(async () => /records in: +g [1-9]/.test((await cli(['status', 'tick/ticks'])).out));
    const analyzed = await cli(['explain', 'tick/ticks', '--analyze']);
    expect(analyzed.out).toMatch(/FilterProject \[.*\].* {2}\(rows in \d+, out \d+, \d+ ns\/row, state 0\)/);
    expect((await cli(['pause', 'tick/ticks'])).out).toBe('tick/ticks: paused\n');
    expect((await cli(['resume', 'tick/ticks'])).out).toBe('tick/ticks: running\n');
    expect((await cli(['stop', 'ticks'])).out).toBe('tick/ticks: stopped\n');
    const again = await cli(['stop', 'tick/ticks']);
    expect(again.code).toBe(1);
    expect(again.err).toBe("error[JOB_NOT_RUNNING]: job 'tick/ticks' is stopped\n");
    expect((await cli(['undeploy', 'tick'])).out).toBe('undeployed app tick (stopped 1 job(s))\n');
  });

  it('prints the Prometheus metrics', async () => {
    const metrics = await cli(['metrics']);
    expect(metrics.code).toBe(0);
    expect(metrics.out).toContain('velo_records_in_total{job="sales/sales_totals",source="sales"} 4');
  });

  it('runs a shell over piped stdin: multi-line statements, several per line, \\help, tables; a failed statement makes the exit code 1', async () => {
    const input = ['\\help', 'SELECT region, product,', '  total FROM sales_totals', "  WHERE region = 'EU';  SHOW TABLES;", 'SELECT nope FROM sales_totals;', '\\q', 'SHOW JOBS;'].join('\n');
    const shell = await cli(['shell'], { stdin: input });
    expect(shell.out).toContain('Statements end with ; and may span lines.');
    expect(shell.out).toContain('region  product  total\n------  -------  -----\nEU      Widget       7\n(1 row)\n');
    expect(shell.out).toContain('name          app    job\n------------  -----  ------------------\nsales_totals  sales  sales/sales_totals\n(1 row)\n');
    expect(shell.out).not.toContain('(1 row)\nid');
    expect(shell.err).toMatch(/^error\[SQL_BIND\]: <shell>:1:8: unknown column 'nope'/);
    expect(shell.code).toBe(1);
  });

  it('reads VELO_SERVER and VELO_TOKEN, and fails with exit 1 on a wrong token or an unreachable server', async () => {
    expect((await cli(['jobs'], { auth: false, env: { VELO_SERVER: url, VELO_TOKEN: TOKEN } })).code).toBe(0);
    const forbidden = await cli(['jobs'], { auth: false, env: { VELO_SERVER: url, VELO_TOKEN: 'wrong' } });
    expect(forbidden).toEqual({ code: 1, out: '', err: 'error[FORBIDDEN]: the bearer token is not valid\n' });
    const unreachable = await cli(['--server', 'http://127.0.0.1:9', 'jobs'], { auth: false });
    expect(unreachable.code).toBe(1);
    expect(unreachable.err).toMatch(/^error\[UNREACHABLE\]: cannot reach http:\/\/127\.0\.0\.1:9/);
  });
});

describe('the docs/server.md walk-through with examples/live-trades', () => {
  it('deploys, watches (status, explain --analyze, metrics), looks up a row, stops a job and undeploys', async () => {
    const deployed = await cli(['deploy', join(dir, 'live-trades.sql')]);
    expect(deployed.out).toBe('deployed app live-trades: 2 job(s)\n  live-trades/symbol_totals\n  live-trades/large_trades\n');
    await until(async () => (await cli(['lookup', 'symbol_totals', 'AAPL'])).code === 0);
    const status = await cli(['status', 'live-trades/symbol_totals']);
    expect(status.out).toMatch(/^job: +live-trades\/symbol_totals\nstate: +running\nuptime: +\d+s\nrecords in: +trades \d+\nrecords out: +symbol_totals \d+\nerrors: +0\n/);
    const analyzed = await cli(['explain', 'live-trades/symbol_totals', '--analyze']);
    expect(analyzed.out).toMatch(/Aggregate \[.*\] {2}\(rows in \d+, out \d+, \d+ ns\/row, state 5\)/);
    const metrics = await cli(['metrics']);
    expect(metrics.out).toMatch(/^velo_records_in_total\{job="live-trades\/symbol_totals",source="trades"\} \d+$/m);
    expect(metrics.out).toMatch(/^symbol_updates_total\{symbol="AAPL"\} \d+$/m);
    const row = await cli(['--json', 'lookup', 'symbol_totals', 'AAPL']);
    expect(JSON.parse(row.out)).toMatchObject({ table: 'symbol_totals', key: 'AAPL', row: { symbol: 'AAPL' } });
    expect((await cli(['stop', 'live-trades/large_trades'])).out).toBe('live-trades/large_trades: stopped\n');
    const written = readFileSync(join(dir, 'out/large_trades.jsonl'), 'utf8').trim().split('\n');
    expect(written.every((line) => (JSON.parse(line) as { notional: number }).notional >= 45000)).toBe(true);
    expect((await cli(['undeploy', 'live-trades'])).out).toBe('undeployed app live-trades (stopped 2 job(s))\n');
  });
});
