// Tests for tooling/count-tests.mjs, the script whose last line is CI's verdict. (This folder only holds tests
// of the scripts at tooling/'s top level, so that vitest runs them as the `scripts` project.)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { countTests, summaryLine } from '../../count-tests.mjs';

const script = resolve(dirname(fileURLToPath(import.meta.url)), '../../count-tests.mjs');

/** Runs the script and returns its exit status and stdout lines. */
function runScript(...args: string[]): { status: number | null; lines: string[] } {
  const result = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });
  return { status: result.status, lines: result.stdout.trimEnd().split('\n') };
}

/** A test file entry of vitest's JSON report with tests of the given statuses. */
function file(status: 'passed' | 'failed', ...tests: string[]) {
  return { name: '/repo/x.test.ts', status, message: '', assertionResults: tests.map((s) => ({ status: s })) };
}

describe('summaryLine', () => {
  it('prints passed and failed, and skipped only when some were skipped', () => {
    expect(summaryLine({ passed: 12, failed: 0, skipped: 0 })).toBe('12 passed, 0 failed');
    expect(summaryLine({ passed: 3, failed: 1, skipped: 2 })).toBe('3 passed, 1 failed, 2 skipped');
  });
});

describe('countTests', () => {
  it('sums the tests of every file, counting skipped, todo and pending as skipped', () => {
    const report = {
      testResults: [
        file('passed', 'passed', 'passed', 'skipped'),
        file('failed', 'passed', 'failed', 'todo', 'pending'),
        file('passed', 'passed'),
      ],
    };
    expect(countTests(report)).toEqual({ passed: 4, failed: 1, skipped: 3 });
  });

  it('counts a file that failed without a failing test (an import or hook error) as one failure', () => {
    expect(countTests({ testResults: [file('failed'), file('passed', 'passed')] })).toEqual({
      passed: 1,
      failed: 1,
      skipped: 0,
    });
  });

  it('counts nothing in an empty report', () => {
    expect(countTests({ testResults: [] })).toEqual({ passed: 0, failed: 0, skipped: 0 });
    expect(countTests({})).toEqual({ passed: 0, failed: 0, skipped: 0 });
  });
});

describe('count-tests.mjs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'velo-count-'));
  const write = (name: string, report: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(report));
    return path;
  };

  it('prints the summary as its last line and exits 0 when all passed', () => {
    const path = write('green.json', { testResults: [file('passed', 'passed', 'passed', 'skipped')] });
    expect(runScript(path)).toEqual({ status: 0, lines: ['2 passed, 0 failed, 1 skipped'] });
  });

  it('exits 1 when a test failed', () => {
    const path = write('red.json', { testResults: [file('failed', 'passed', 'failed')] });
    expect(runScript(path)).toEqual({ status: 1, lines: ['1 passed, 1 failed'] });
  });

  it('fails a run that ran no tests at all', () => {
    const path = write('empty.json', { testResults: [] });
    expect(runScript(path)).toEqual({ status: 1, lines: ['vitest ran no tests', '0 passed, 1 failed'] });
  });

  it('fails when vitest wrote no report', () => {
    const missing = join(dir, 'missing.json');
    expect(runScript(missing)).toEqual({
      status: 1,
      lines: [`vitest wrote no JSON report at ${missing}`, '0 passed, 1 failed'],
    });
  });

  it('names a step that failed before the tests ran', () => {
    expect(runScript('--failed-step', 'lint')).toEqual({
      status: 1,
      lines: ['lint failed before the tests ran', '0 passed, 1 failed'],
    });
  });
});
