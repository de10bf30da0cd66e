import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appsFolder, eventually, forget, http, jobOf, startTestServer } from './server-fixture.js';
import { VeloServer } from '../src/index.js';

const SALES_CSV = 'region,product,amount\nUS,Widget,10\nEU,Widget,7\nUS,Gadget,3\nUS,Widget,5\n';

/** A CTAS table over a bounded file: totals per (region, product). */
const SALES_APP = `CREATE TABLE sales_totals AS
SELECT region, product, SUM(amount) AS total, COUNT(*) AS sales
FROM sales GROUP BY region, product
WITH ('sales.type' = 'file_source', 'sales.path' = 'sales.csv');`;

/** An unbounded generator at a modest rate into a file. */
const TICKER_APP = (out: string): string => `CREATE STREAM ticks AS SELECT symbol, quantity FROM g
WITH ('g.type' = 'generator', 'g.rate' = '500', 'g.seed' = '1', 'ticks.type' = 'file_sink', 'ticks.path' = '${out}');`;

describe('velo-sql server: apps and jobs', () => {
  it('deploys an app, lists it and its job, and reports exact counts once the job finishes', async () => {
    const server = await startTestServer({ appsDir: appsFolder({ 'sales.csv': SALES_CSV }) });
    const deployed = await http(server, 'POST', '/apps', { name: 'sales', sql: SALES_APP });
    expect(deployed.status).toBe(201);
    expect(deployed.body).toEqual({ name: 'sales', jobs: ['sales/sales_totals'] });
    await eventually(async () => (await jobOf(server, 'sales/sales_totals'))['state'] === 'finished');
    const apps = await http(server, 'GET', '/apps');
    expect(apps.body).toMatchObject([{ name: 'sales', tables: ['sales_totals'], jobs: [{ id: 'sales/sales_totals', state: 'finished' }] }]);
    const job = await jobOf(server, 'sales/sales_totals');
    expect(job).toMatchObject({ id: 'sales/sales_totals', app: 'sales', name: 'sales_totals', kind: 'CreateTableAs', sources: [{ name: 'sales', recordsIn: 4 }], errors: 0, dlqRecords: 0, lateRecords: 0 });
    expect((await http(server, 'GET', '/jobs')).body).toMatchObject([{ id: 'sales/sales_totals', app: 'sales', name: 'sales_totals', state: 'finished' }]);
    const app = await http(server, 'GET', '/apps/sales');
    expect(app.body).toMatchObject({ name: 'sales', sql: SALES_APP });
  });

  it('looks up a CTAS row by its compound key joined with |, and answers 404 for a missing key', async () => {
    const server = await startTestServer({ appsDir: appsFolder({ 'sales.csv': SALES_CSV }) });
    await http(server, 'POST', '/apps', { name: 'sales', sql: SALES_APP });
    await eventually(async () => (await jobOf(server, 'sales/sales_totals'))['state'] === 'finished');
    const row = await http(server, 'GET', '/tables/sales_totals/rows/US|Widget');
    expect(row.status).toBe(200);
    expect(row.body).toEqual({ table: 'sales_totals', key: 'US|Widget', row: { region: 'US', product: 'Widget', total: 15, sales: 2 } });
    const missing = await http(server, 'GET', '/tables/sales_totals/rows/FR|Widget');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'ROW_NOT_FOUND' });
    expect((await http(server, 'GET', '/tables/nope/rows/x')).status).toBe(404);
  });

  it('answers pull queries over a table and over the system tables', async () => {
    const server = await startTestServer({ appsDir: appsFolder({ 'sales.csv': SALES_CSV }) });
    await http(server, 'POST', '/apps', { name: 'sales', sql: SALES_APP });
    await eventually(async () => (await jobOf(server, 'sales/sales_totals'))['state'] === 'finished');
    const pulled = await http(server, 'POST', '/query', { sql: "SELECT product, total FROM sales_totals WHERE region = 'US' ORDER BY total DESC" });
    expect(pulled.body).toEqual({ columns: ['product', 'total'], rows: [['Widget', 15], ['Gadget', 3]] });
    const jobs = await http(server, 'POST', '/query', { sql: 'SELECT id, state, records_in, errors FROM velo_jobs' });
    expect(jobs.body).toEqual({ columns: ['id', 'state', 'records_in', 'errors'], rows: [['sales/sales_totals', 'finished', 4, 0]] });
    const operators = await http(server, 'POST', '/query', { sql: 'SELECT job, operator, rows_in, rows_out, state_entries, position FROM velo_operators ORDER BY position' });
    expect(operators.body).toEqual({
      columns: ['job', 'operator', 'rows_in', 'rows_out', 'state_entries', 'position'],
      rows: [
        ['sales/sales_totals', 'UpdatingAggregate', 4, 3, 3, 0],
        ['sales/sales_totals', 'FilterProject', 3, 3, 0, 1],
      ],
    });
    const partitions = await http(server, 'POST', '/query', { sql: 'SELECT job, source, partition, records_in FROM velo_partitions' });
    expect(partitions.body).toEqual({ columns: ['job', 'source', 'partition', 'records_in'], rows: [['sales/sales_totals', 'sales', 0, 4]] });
    const show = await http(server, 'POST', '/query', { sql: 'SHOW TABLES' });
    expect(show.body).toMatchObject({ columns: ['name', 'app', 'job'], rows: [['sales_totals', 'sales', 'sales/sales_totals']] });
  });

  it('profiles a running job per operator and per source partition', async () => {
    const dir = appsFolder();
    const server = await startTestServer({ appsDir: dir });
    await http(server, 'POST', '/apps', {
      name: 'counts',
      sql: "CREATE TABLE per_symbol AS SELECT symbol, COUNT(*) AS n FROM g GROUP BY symbol WITH ('g.type' = 'generator', 'g.rate' = '500');",
    });
    await eventually(async () => ((await jobOf(server, 'counts/per_symbol'))['sources'] as { recordsIn: number }[])[0]!.recordsIn > 0);
    const profile = (await http(server, 'GET', '/jobs/counts/per_symbol/profile')).body as Record<string, unknown>;
    expect(profile).toMatchObject({ job: 'counts/per_symbol', state: 'running', partitions: [{ source: 'g', partition: 0, offsetLag: null }] });
    const operators = profile['operators'] as { operator: string; rowsIn: number; stateEntries: number; nsPerRow: number }[];
    expect(operators.map((o) => o.operator)).toEqual(['UpdatingAggregate', 'FilterProject']);
    expect(operators[0]!.rowsIn).toBeGreaterThan(0);
    expect(operators[0]!.stateEntries).toBe(5);
    expect(operators[0]!.nsPerRow).toBeGreaterThan(0);
    const analyzed = (await http(server, 'POST', '/explain', { job: 'counts/per_symbol', analyze: true })).body as { plan: string };
    expect(analyzed.plan).toMatch(/Aggregate \[.*\] {2}\(rows in \d+, out \d+, \d+ ns\/row, state 5\)/);
    expect(analyzed.plan).toMatch(/^state: running; source wait/m);
    const plain = (await http(server, 'POST', '/explain', { job: 'counts/per_symbol' })).body as { plan: string };
    expect(plain.plan).toMatch(/^Job per_symbol \(CreateTableAs\)\n/);
    expect(plain.plan).not.toContain('rows in');
  });

  it('pauses, resumes and stops one job; a stopped job has flushed its sink', async () => {
    const dir = appsFolder();
    const server = await startTestServer({ appsDir: dir });
    await http(server, 'POST', '/apps', { name: 'ticker', sql: TICKER_APP('ticks.jsonl') });
    const recordsIn = async (): Promise<number> => ((await jobOf(server, 'ticker/ticks'))['sources'] as { recordsIn: number }[])[0]!.recordsIn;
    await eventually(async () => (await recordsIn()) > 0);
    expect((await http(server, 'POST', '/jobs/ticker/ticks/pause')).body).toMatchObject({ state: 'paused' });
    const held = await recordsIn();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await recordsIn()).toBe(held);
    expect((await http(server, 'POST', '/query', { sql: 'RESUME JOB ticks' })).body).toMatchObject({ message: 'resumed job ticker/ticks' });
    await eventually(async () => (await recordsIn()) > held);
    const stopped = await http(server, 'POST', `/jobs/${encodeURIComponent('ticker/ticks')}/stop`);
    expect(stopped.body).toMatchObject({ state: 'stopped' });
    const out = (stopped.body as { sinks: { recordsOut: number }[] }).sinks[0]!.recordsOut;
    expect(readFileSync(join(dir, 'ticks.jsonl'), 'utf8').trim().split('\n')).toHaveLength(out);
    expect((await http(server, 'POST', '/jobs/ticker/ticks/pause')).status).toBe(409);
  });

  it('keeps other jobs running when one job fails, and reports the failure with its error', async () => {
    const dir = appsFolder({ 'bad.jsonl': '{"v": 1}\nnot json\n{"v": 2}\n' });
    const server = await startTestServer({ appsDir: dir });
    await http(server, 'POST', '/apps', { name: 'ticker', sql: TICKER_APP('ticks.jsonl') });
    const failing = `CREATE STREAM copied AS SELECT v FROM src
      WITH ('src.type' = 'file_source', 'src.path' = 'bad.jsonl', 'src.format' = 'jsonlines', 'failure_strategy' = 'fail', 'copied.type' = 'file_sink', 'copied.path' = 'copied.jsonl');`;
    expect((await http(server, 'POST', '/apps', { name: 'fragile', sql: failing })).status).toBe(201);
    await eventually(async () => (await jobOf(server, 'fragile/copied'))['state'] === 'failed');
    const failed = await jobOf(server, 'fragile/copied');
    expect(failed['error']).toMatchObject({ code: 'JOB_FAILED' });
    expect((failed['error'] as { message: string }).message).toContain('failure_strategy = fail');
    const before = ((await jobOf(server, 'ticker/ticks'))['sources'] as { recordsIn: number }[])[0]!.recordsIn;
    await eventually(async () => ((await jobOf(server, 'ticker/ticks'))['sources'] as { recordsIn: number }[])[0]!.recordsIn > before);
    expect((await jobOf(server, 'ticker/ticks'))['state']).toBe('running');
  });

  it('restarts a stopped job from a fresh plan', async () => {
    const server = await startTestServer();
    await http(server, 'POST', '/apps', { name: 'ticker', sql: TICKER_APP('ticks.jsonl') });
    expect((await http(server, 'POST', '/jobs/ticker/ticks/stop')).body).toMatchObject({ state: 'stopped' });
    const restarted = await http(server, 'POST', '/jobs/ticker/ticks/restart');
    expect(restarted.status).toBe(200);
    await eventually(async () => (await jobOf(server, 'ticker/ticks'))['state'] === 'running');
  });

  it('deploys with START JOB and DEPLOY JOB … VERSION through POST /query, and lists them with SHOW JOBS', async () => {
    const server = await startTestServer();
    const started = await http(server, 'POST', '/query', {
      sql: "START JOB big_ticks AS SELECT symbol, quantity FROM g WHERE quantity > 100 INTO out WITH ('g.type' = 'generator', 'g.rate' = '100', 'out.type' = 'file_sink', 'out.path' = 'big.jsonl')",
    });
    expect(started.body).toEqual({ columns: ['app', 'job'], rows: [['big_ticks', 'big_ticks/big_ticks']] });
    const deployed = await http(server, 'POST', '/query', {
      sql: "DEPLOY JOB big_ticks VERSION '2' AS SELECT symbol FROM g INTO out WITH ('g.type' = 'generator', 'g.rate' = '100', 'out.type' = 'file_sink', 'out.path' = 'big2.jsonl')",
    });
    expect(deployed.body).toEqual({ columns: ['app', 'job'], rows: [['big_ticks', 'big_ticks/big_ticks']] });
    expect((await http(server, 'GET', '/apps/big_ticks')).body).toMatchObject({ sql: expect.stringContaining("VERSION '2'") });
    await eventually(async () => (await jobOf(server, 'big_ticks/big_ticks'))['state'] === 'running');
    expect((await http(server, 'POST', '/query', { sql: "SHOW JOBS LIKE 'big%'" })).body).toEqual({ columns: ['id', 'app', 'name', 'state'], rows: [['big_ticks/big_ticks', 'big_ticks', 'big_ticks', 'running']] });
    expect((await http(server, 'POST', '/query', { sql: 'STOP QUERY big_ticks' })).body).toEqual({ columns: [], rows: [], message: 'stopped job big_ticks/big_ticks' });
  });

  it('undeploys an app: its jobs stop and it is gone', async () => {
    const server = await startTestServer();
    await http(server, 'POST', '/apps', { name: 'ticker', sql: TICKER_APP('ticks.jsonl') });
    const removed = await http(server, 'DELETE', '/apps/ticker');
    expect(removed.body).toEqual({ name: 'ticker', stopped: ['ticker/ticks'] });
    expect((await http(server, 'GET', '/apps/ticker')).status).toBe(404);
    expect((await http(server, 'GET', '/jobs')).body).toEqual([]);
  });

  it('redeploys the apps stored in --data-dir when it starts again', async () => {
    const dataDir = appsFolder();
    const appsDir = appsFolder();
    const first = await startTestServer({ dataDir, appsDir });
    await http(first, 'POST', '/apps', { name: 'ticker', sql: TICKER_APP('ticks.jsonl') });
    await first.close();
    forget(first);
    expect(readFileSync(join(dataDir, 'apps', 'ticker.sql'), 'utf8')).toBe(TICKER_APP('ticks.jsonl'));
    const second = await startTestServer({ dataDir, appsDir });
    expect((await http(second, 'GET', '/readyz')).status).toBe(200);
    expect((await http(second, 'GET', '/apps')).body).toMatchObject([{ name: 'ticker', jobs: [{ id: 'ticker/ticks' }] }]);
    await eventually(async () => (await jobOf(second, 'ticker/ticks'))['state'] === 'running');
  });
});

describe('velo-sql server: refusals', () => {
  it('needs the bearer token on every route but /healthz: 401 without, 403 wrong', async () => {
    const server = await startTestServer({ token: 's3cret' });
    expect((await http(server, 'GET', '/healthz')).status).toBe(200);
    const missing = await http(server, 'GET', '/jobs');
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual({ code: 'UNAUTHORIZED', message: 'this server needs Authorization: Bearer <token>' });
    expect((await http(server, 'GET', '/metrics', undefined, { authorization: 'Bearer nope' })).status).toBe(403);
    expect((await http(server, 'GET', '/jobs', undefined, { authorization: 'Bearer s3cret' })).body).toEqual([]);
  });

  it('answers 400 for malformed JSON, an invalid body and bad SQL (with its position)', async () => {
    const server = await startTestServer();
    expect((await http(server, 'POST', '/apps', '{"name": ')).body).toMatchObject({ code: 'INVALID_JSON' });
    const invalid = await http(server, 'POST', '/apps', { name: '../etc', sql: 'SELECT 1' });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ code: 'INVALID_REQUEST' });
    expect((await http(server, 'POST', '/apps', { name: 'x', sql: 'SELECT 1', extra: true })).status).toBe(400);
    const bad = await http(server, 'POST', '/apps', { name: 'bad', sql: 'SELECT a FROM WHERE' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'SQL_SYNTAX', position: { line: 1, column: 15 } });
    expect((await http(server, 'GET', '/apps')).body).toEqual([]);
  });

  it('answers 413 for a body over the cap', async () => {
    const server = await startTestServer({ maxBodyBytes: 1024 });
    const answer = await http(server, 'POST', '/query', { sql: `SELECT '${'x'.repeat(4096)}'` });
    expect(answer.status).toBe(413);
    expect(answer.body).toMatchObject({ code: 'BODY_TOO_LARGE' });
  });

  it('answers 409 for an existing app name unless ?replace=true, and 404 for unknown jobs and routes', async () => {
    const server = await startTestServer();
    expect((await http(server, 'POST', '/apps', { name: 't', sql: TICKER_APP('a.jsonl') })).status).toBe(201);
    const again = await http(server, 'POST', '/apps', { name: 't', sql: TICKER_APP('a.jsonl') });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'APP_EXISTS' });
    expect((await http(server, 'POST', '/apps?replace=true', { name: 't', sql: TICKER_APP('b.jsonl') })).status).toBe(201);
    expect((await http(server, 'GET', '/jobs/t%2Fnope')).body).toMatchObject({ code: 'JOB_NOT_FOUND' });
    expect((await http(server, 'GET', '/nowhere')).status).toBe(404);
  });

  it('refuses a file path that leaves the apps folder', async () => {
    const server = await startTestServer();
    const answer = await http(server, 'POST', '/apps', {
      name: 'escape',
      sql: "CREATE STREAM o AS SELECT * FROM s WITH ('s.type' = 'file_source', 's.path' = '../../etc/passwd', 'o.type' = 'file_sink', 'o.path' = 'o.jsonl');",
    });
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ code: 'PATH_OUTSIDE_ROOT' });
    const sink = await http(server, 'POST', '/apps', { name: 'escape', sql: TICKER_APP('../../tmp/ticks.jsonl') });
    expect(sink.status).toBe(403);
    expect(sink.body).toMatchObject({ code: 'PATH_OUTSIDE_ROOT', message: expect.stringContaining("the path '../../tmp/ticks.jsonl' of 'ticks' leaves the apps folder") });
    expect((await http(server, 'GET', '/apps')).body).toEqual([]);
  });

  it('serves an OpenAPI document naming every route', async () => {
    const server = await startTestServer();
    const doc = (await http(server, 'GET', '/openapi.json')).body as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(
      ['/apps', '/apps/{name}', '/explain', '/healthz', '/jobs', '/jobs/{id}', '/jobs/{id}/pause', '/jobs/{id}/profile', '/jobs/{id}/restart', '/jobs/{id}/resume', '/jobs/{id}/stop', '/metrics', '/openapi.json', '/query', '/readyz', '/tables/{name}/rows/{key}'].sort(),
    );
  });
});

export { VeloServer };
