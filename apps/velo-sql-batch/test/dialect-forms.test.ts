import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { repo, runCli, type CliResult } from './run-cli.js';

const here = dirname(fileURLToPath(import.meta.url));
const expected = (name: string): string => readFileSync(join(here, 'expected', name), 'utf8');

/** Writes the files into a temp dir and runs `velo-sql-batch run app.sql --quiet` there. */
async function run(app: string, files: Record<string, string> = {}): Promise<CliResult & { dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'velo-forms-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  writeFileSync(join(dir, 'app.sql'), app);
  return { ...(await runCli(['run', join(dir, 'app.sql'), '--quiet'], { cwd: dir })), dir };
}

const FILES = {
  'readings.csv': 'device,temp,ts\nd1,20.5,1000\nd2,30.0,2000\nd1,25.0,3000\nd3,18.0,4000\n',
  'devices.csv': 'device,site,max_temp\nd1,north,22.0\nd2,south,35.0\nd2,west,28.0\n',
};
const WITH_FILES = "WITH ('readings.type' = 'file_source', 'readings.path' = 'readings.csv', 'devices.type' = 'file_source', 'devices.path' = 'devices.csv')";

describe('velo-sql-batch and the job statements of a server', () => {
  it('reports PAUSE QUERY as NOT_SUPPORTED at its place, naming velo-cli and velo-sql, exit 1', async () => {
    const result = await run(`SELECT device FROM readings ${WITH_FILES};\n\nPAUSE QUERY hot_devices;\n`, FILES);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      [
        `error[NOT_SUPPORTED]: ${join(result.dir, 'app.sql')}:3:1: PAUSE QUERY hot_devices is not run by velo-sql-batch, which runs an app's queries once and has no deployed jobs; it acts on a job of a running velo-sql server: send it there with velo-cli query "PAUSE QUERY hot_devices"`,
        'PAUSE QUERY hot_devices;',
        '^^^^^^^^^^^^^^^^^^^^^^^',
        '',
      ].join('\n'),
    );
  });

  it('reports DEPLOY JOB, ROLLBACK JOB and RESUME QUERY the same way', async () => {
    const deploy = await run(`DEPLOY JOB hot VERSION '1.5.2' AS SELECT device FROM readings ${WITH_FILES} STRATEGY CANARY(10);`, FILES);
    expect(deploy.status).toBe(1);
    expect(deploy.stderr).toContain(`app.sql:1:1: DEPLOY JOB hot VERSION '1.5.2' is not run by velo-sql-batch`);
    expect(deploy.stderr).toContain(`send it there with velo-cli query "DEPLOY JOB hot VERSION '1.5.2'"`);
    expect((await run("ROLLBACK JOB hot VERSION '1.5.1';")).stderr).toContain('it acts on the deployed versions of a job of a running velo-sql server');
    expect((await run('RESUME QUERY hot;')).stderr).toContain('send it there with velo-cli query "RESUME QUERY hot"');
  });

  it('runs the query of START JOB j AS …', async () => {
    const result = await run(`START JOB hot AS SELECT device FROM readings WHERE temp > 24 ${WITH_FILES};`, FILES);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('{"device":"d2"}\n{"device":"d1"}\n');
  });
});

describe('velo-sql-batch runs the forms Velostream apps use', () => {
  it('runs the order-insights example: correlated subqueries, a derived table, CROSS JOIN, a named window and date literals', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'velo-forms-')), 'order-insights');
    cpSync(join(repo, 'examples/order-insights'), dir, { recursive: true, filter: (p) => !p.includes('order-insights/out') });
    const result = await runCli(['run', join(dir, 'app.sql'), '--quiet']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(expected('order-insights-stdout.jsonl'));
    expect(readFileSync(join(dir, 'out/notable_orders.jsonl'), 'utf8')).toBe(expected('order-insights-notable_orders.jsonl'));
    expect(readFileSync(join(dir, 'out/spend_vs_limit.jsonl'), 'utf8')).toBe(expected('order-insights-spend_vs_limit.jsonl'));
  });

  it('runs sessions whose time is GREATEST of the two sides of an interval join, partitioned by an expression', async () => {
    const result = await run(
      `SELECT a.device_id, COUNT(*) AS n, MAX(h) AS mh, _window_start AS ws
       FROM a JOIN b ON a.device_id = b.device_id AND b.ts BETWEEN a.ts - INTERVAL '1' SECOND AND a.ts + INTERVAL '1' SECOND
       GROUP BY a.device_id
       WINDOW SESSION(GREATEST(a.ts, b.ts), INTERVAL '1' HOUR, a.device_id)
       WITH ('event.time.field' = 'ts', 'a.type' = 'file_source', 'a.path' = 'a.csv', 'b.type' = 'file_source', 'b.path' = 'b.csv');`,
      {
        'a.csv': 'device_id,ts,t\nd1,1000,5\nd1,2000,6\nd2,1500,7\nd1,9000000,8\n',
        'b.csv': 'device_id,ts,h\nd1,1100,50\nd1,2100,60\nd2,1600,70\nd1,9000100,80\n',
      },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split('\n').sort()).toEqual([
      '{"device_id":"d1","n":1,"mh":80,"ws":9000100}',
      '{"device_id":"d1","n":3,"mh":60,"ws":1100}',
      '{"device_id":"d2","n":1,"mh":70,"ws":1600}',
    ]);
  });

  it('runs a derived table, a CROSS JOIN and a correlated subquery over CSV files', async () => {
    const result = await run(
      `SELECT x.device, x.f FROM (SELECT device, temp * 9 / 5 + 32 AS f FROM readings) AS x WHERE x.f > 80 ${WITH_FILES};
       SELECT r.device, COUNT(*) AS pairs FROM readings r CROSS JOIN devices d GROUP BY r.device EMIT FINAL ${WITH_FILES};
       SELECT device, temp FROM readings r WHERE r.temp > (SELECT MIN(d.max_temp) FROM devices d WHERE d.device = r.device) ${WITH_FILES};`,
      FILES,
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n').sort();
    expect(lines).toEqual([
      '{"device":"d1","pairs":6}',
      '{"device":"d1","temp":25.0}',
      '{"device":"d2","f":86.000000}',
      '{"device":"d2","pairs":3}',
      '{"device":"d2","temp":30.0}',
      '{"device":"d3","pairs":3}',
    ]);
  });
});
