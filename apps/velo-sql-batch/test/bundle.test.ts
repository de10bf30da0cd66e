import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundledCli as bundle, repo, runCli } from './run-cli.js';

const here = dirname(fileURLToPath(import.meta.url));

describe('the bundled velo-sql-batch bin (built by tooling/bundle-apps.mjs after tsc -b)', () => {
  it('is one self-contained file that the package bin names', () => {
    expect(existsSync(bundle), `${bundle} is missing: run \`pnpm build\` (tsc -b, then the bundle step)`).toBe(true);
    expect(readFileSync(bundle, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('runs the quickstart example with the expected output', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'velo-bundle-')), 'quickstart');
    cpSync(join(repo, 'examples/quickstart'), dir, { recursive: true, filter: (p) => !p.includes('quickstart/out') });
    const result = await runCli(['run', join(dir, 'app.sql'), '--quiet']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(readFileSync(join(here, 'expected/quickstart-stdout.jsonl'), 'utf8'));
    expect(readFileSync(join(dir, 'out/large_trades.jsonl'), 'utf8')).toBe(readFileSync(join(here, 'expected/quickstart-large_trades.jsonl'), 'utf8'));
  });

  it('reports bad SQL with the same positioned error and exit code 1', async () => {
    const result = await runCli(['check', '-'], { input: 'SELECT FROM WHERE' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^error\[SQL_SYNTAX\]: <stdin>:1:/);
  });
});

describe('the bundled bin with --workers 2', () => {
  it('has two worker threads (which load the bundle itself) read shares of the file and merge to the rows of one thread, in its order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'velo-bundle-workers-'));
    const lines = Array.from({ length: 30_000 }, (_, i) => `Station${(i * 7919) % 101};${((i % 997) / 10 - 30).toFixed(1)}`);
    writeFileSync(join(dir, 'measurements.csv'), `${lines.join('\n')}\n`);
    writeFileSync(
      join(dir, 'app.sql'),
      `CREATE STREAM measurements (station STRING, temperature DECIMAL(4,1));
       CREATE STREAM results AS
       SELECT station, MIN(temperature) AS lo, AVG(temperature) AS mean, MAX(temperature) AS hi, COUNT(*) AS n FROM measurements GROUP BY station EMIT FINAL
       WITH ('measurements.type' = 'file_source', 'measurements.path' = './measurements.csv', 'measurements.format' = 'csv_no_header',
             'measurements.delimiter' = ';', 'results.type' = 'file_sink', 'results.path' = './out.jsonl');`,
    );
    const outputs: string[][] = [];
    const threads: unknown[] = [];
    for (const workers of ['1', '2']) {
      const result = await runCli(['run', join(dir, 'app.sql'), '--json', '--workers', workers]);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      threads.push((JSON.parse(result.stdout) as { jobs: { threads?: unknown }[] }).jobs[0]!.threads);
      outputs.push(readFileSync(join(dir, 'out.jsonl'), 'utf8').trim().split('\n'));
    }
    expect(outputs[0]).toHaveLength(101);
    expect(outputs[1]).toEqual(outputs[0]);
    expect(threads).toEqual([undefined, { mode: 'shares', workers: 2 }]);
    expect(JSON.parse(outputs[0]!.find((line) => line.includes('"Station0"'))!)).toMatchObject({ station: 'Station0', n: 298 });
  });
});
