import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { repo, runCli, type CliResult } from './run-cli.js';

const here = dirname(fileURLToPath(import.meta.url));
const expected = (name: string): string => readFileSync(join(here, 'expected', name), 'utf8');

function velo(args: string[], input?: string, cwd = repo): Promise<CliResult> {
  return runCli(args, { cwd, input });
}

/** Every file under `dir` with its text, to compare what runs at different batch sizes wrote. */
function filesUnder(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out[join(entry.parentPath, entry.name)] = readFileSync(join(entry.parentPath, entry.name), 'utf8');
  }
  return out;
}

/**
 * `velo run …` at batch sizes 1 and 7, then at the default: each run must print and write exactly what the
 * default run does (micro-batches never change a result). Returns the default run for the test's own checks.
 */
async function veloAtEveryBatchSize(args: string[], dir: string, input?: string, cwd = repo): Promise<CliResult> {
  const runs: { result: CliResult; files: Record<string, string> }[] = [];
  for (const size of [1, 7]) {
    const result = await velo([...args, '--batch-size', String(size)], input, cwd);
    runs.push({ result, files: filesUnder(dir) });
  }
  const result = await velo(args, input, cwd);
  const files = filesUnder(dir);
  for (const [i, run] of runs.entries()) {
    expect(run.result, `velo ${args.join(' ')} at batch size ${[1, 7][i]}`).toEqual(result);
    expect(run.files, `files written at batch size ${[1, 7][i]}`).toEqual(files);
  }
  return result;
}

/** A private copy of an example folder, so its `out/` files land in a temp dir. */
function exampleCopy(name: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'velo-cli-')), name);
  cpSync(join(repo, 'examples', name), dir, { recursive: true, filter: (p) => !p.includes(`${name}/out`) });
  return dir;
}

describe('velo-sql-batch run', () => {
  it('runs the quickstart example: a jsonlines file with exact decimals, and the ad-hoc SELECT on stdout', async () => {
    const dir = exampleCopy('quickstart');
    const result = await veloAtEveryBatchSize(['run', join(dir, 'app.sql'), '--quiet'], dir);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(readFileSync(join(dir, 'out/large_trades.jsonl'), 'utf8')).toBe(expected('quickstart-large_trades.jsonl'));
    expect(result.stdout).toBe(expected('quickstart-stdout.jsonl'));
  });

  it('runs the iot-alerts example: alerts out, the malformed line in the dead-letter file with its place', async () => {
    const dir = exampleCopy('iot-alerts');
    const result = await veloAtEveryBatchSize(['run', join(dir, 'app.sql'), '--quiet'], dir);
    expect(result.status).toBe(0);
    expect(readFileSync(join(dir, 'out/device_alerts.jsonl'), 'utf8')).toBe(expected('iot-device_alerts.jsonl'));
    const dead = readFileSync(join(dir, 'out/bad_readings.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ code: 'RECORD_MALFORMED', raw: 'this line is not JSON', location: { line: 6 } });
  });

  it('writes exact Prometheus counts with --metrics-file', async () => {
    const dir = exampleCopy('iot-alerts');
    const metricsFile = join(dir, 'metrics.prom');
    const result = await velo(['run', join(dir, 'app.sql'), '--quiet', '--metrics-file', metricsFile]);
    expect(result.status).toBe(0);
    const samples = readFileSync(metricsFile, 'utf8').split('\n').filter((l) => l.startsWith('velo_') && !l.includes('_bucket') && !l.includes('duration_seconds_sum') && !l.startsWith('velo_watermark_lag'));
    expect(samples).toEqual([
      'velo_records_in_total{job="device_alerts",source="readings"} 7',
      'velo_records_out_total{job="device_alerts",sink="device_alerts"} 4',
      'velo_errors_total{job="device_alerts",code="RECORD_MALFORMED"} 1',
      'velo_dlq_records_total{job="device_alerts"} 1',
      'velo_batch_duration_seconds_count{job="device_alerts"} 1',
    ]);
  });

  it('runs the trading-windows example: one-minute bars per symbol on event time, and a CTAS table as CSV', async () => {
    const dir = exampleCopy('trading-windows');
    const result = await veloAtEveryBatchSize(['run', join(dir, 'app.sql'), '--quiet'], dir);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(readFileSync(join(dir, 'out/bars_1m.jsonl'), 'utf8')).toBe(expected('trading-windows-bars_1m.jsonl'));
    expect(readFileSync(join(dir, 'out/symbol_totals.csv'), 'utf8')).toBe(expected('trading-windows-symbol_totals.csv'));
  });

  it('reproduces a CSV input byte for byte through SELECT * into a CSV sink', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'velo-cli-'));
    const csv = 'id,price,ts,note\n1,10.50,2026-11-02T09:30:00,plain\n2,-0.001,2026-11-02T09:30:00.250,"with, comma"\n3,,2026-11-02T09:30:01,\n';
    writeFileSync(join(dir, 'in.csv'), csv);
    writeFileSync(
      join(dir, 'app.sql'),
      `CREATE STREAM copy AS SELECT * FROM src WITH ('src.type' = 'file_source', 'src.path' = 'in.csv',
         'copy.type' = 'file_sink', 'copy.path' = 'out.csv', 'copy.format' = 'csv');`,
    );
    const result = await veloAtEveryBatchSize(['run', join(dir, 'app.sql'), '--quiet'], dir);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toBe(csv);
  });

  it('configures a source from its config_file YAML (path, format and a typed schema), WITH keys winning', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'velo-cli-'));
    writeFileSync(join(dir, 'trades.csv'), 'symbol,price,qty\nAAPL,1.5,2\nMSFT,2.25,4\n');
    writeFileSync(
      join(dir, 'trades.yaml'),
      ['data_source:', '  path: ./trades.csv', '  format: json', 'schema:', '  fields:', '    - name: symbol', '      type: string', '      key: true',
        '    - name: price', '      type: decimal', '      precision: 10', '      scale: 2', '    - name: qty', '      type: integer', ''].join('\n'),
    );
    writeFileSync(
      join(dir, 'app.sql'),
      `SELECT symbol, price, price * qty AS notional FROM trades WITH ('trades.type' = 'file_source', 'trades.config_file' = 'trades.yaml', 'trades.format' = 'csv');`,
    );
    const result = await veloAtEveryBatchSize(['run', join(dir, 'app.sql'), '--quiet'], dir);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('{"symbol":"AAPL","price":1.50,"notional":3.00}\n{"symbol":"MSFT","price":2.25,"notional":9.00}\n');
  });

  it('reads the app from stdin with -, resolving paths against the working directory', async () => {
    const dir = exampleCopy('quickstart');
    const sql = `SELECT symbol, quantity FROM trades WHERE quantity >= 250 WITH ('trades.type' = 'file_source', 'trades.path' = 'trades.csv');`;
    const result = await veloAtEveryBatchSize(['run', '-', '--quiet'], dir, sql, dir);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('{"symbol":"AAPL","quantity":250}\n{"symbol":"NVDA","quantity":500}\n');
  });

  it('prints a JSON summary with records per source and sink and bad records by code', async () => {
    const dir = exampleCopy('iot-alerts');
    const result = await velo(['run', join(dir, 'app.sql'), '--json']);
    expect(result.status).toBe(0);
    const summary = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(summary).toMatchObject({
      ok: true,
      jobs: [{ name: 'device_alerts', state: 'finished', recordsIn: 7, recordsOut: 4 }],
      errors: { RECORD_MALFORMED: 1 },
    });
  });

  it('stops with exit code 2 and the record position under failure_strategy FailBatch', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'velo-cli-'));
    writeFileSync(join(dir, 'in.jsonl'), '{"a":1}\n{"a":\n{"a":3}\n');
    writeFileSync(
      join(dir, 'app.sql'),
      `SELECT a FROM src WITH ('src.type' = 'file_source', 'src.path' = 'in.jsonl', 'src.format' = 'jsonlines', 'failure_strategy' = 'FailBatch');`,
    );
    // FailBatch fails the whole batch the bad record is in: what came out before it depends on the batch size by design.
    const result = await velo(['run', join(dir, 'app.sql'), '--quiet']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('in.jsonl:2');
    expect(result.stderr).toContain('JOB_FAILED');
  });
});

describe('velo-sql-batch check', () => {
  it('prints a positioned error with the source line and a caret, exit 1', async () => {
    const dir = exampleCopy('quickstart');
    writeFileSync(
      join(dir, 'bad.sql'),
      `-- a typo in a column name\nSELECT symbol, pirce FROM trades WITH ('trades.type' = 'file_source', 'trades.path' = 'trades.csv');\n`,
    );
    const result = await velo(['check', join(dir, 'bad.sql')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      [
        `error[SQL_BIND]: ${join(dir, 'bad.sql')}:2:16: unknown column 'pirce' (did you mean 'price'?)`,
        `SELECT symbol, pirce FROM trades WITH ('trades.type' = 'file_source', 'trades.path' = 'trades.csv');`,
        '               ^^^^^',
        '',
      ].join('\n'),
    );
  });

  it('reports a syntax error at its position, exit 1', async () => {
    const result = await velo(['check', '-'], 'SELECT a FORM t;');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^error\[SQL_SYNTAX\]: <stdin>:1:\d+: /);
  });

  it('accepts a valid app, exit 0', async () => {
    const dir = exampleCopy('quickstart');
    const result = await velo(['check', join(dir, 'app.sql')]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${join(dir, 'app.sql')}: ok (2 statement(s), 2 job(s))\n`);
  });
});

describe('velo-sql-batch explain', () => {
  it('prints the physical plan of each job', async () => {
    const dir = exampleCopy('quickstart');
    const result = await velo(['explain', join(dir, 'app.sql')]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(expected('quickstart-explain.txt'));
  });
});
