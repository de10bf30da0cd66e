import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
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
