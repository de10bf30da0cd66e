import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { VeloSqlProcess } from './fault/velo-process.js';

const example = resolve(dirname(fileURLToPath(import.meta.url)), '../../../examples/sensor-checkpoints');
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function until(probe: () => boolean, timeoutMs = 30_000): Promise<void> {
  for (const started = Date.now(); !probe(); await sleep(100)) if (Date.now() - started > timeoutMs) throw new Error('not reached in time');
}

const checkpointsIn = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.vck')).sort() : []);
const output = (dir: string): string => (existsSync(join(dir, 'out/minute_stats.jsonl')) ? readFileSync(join(dir, 'out/minute_stats.jsonl'), 'utf8') : '');

describe('the docs/operations.md walk-through with examples/sensor-checkpoints', () => {
  it('kill -9 after a checkpoint, more input, a restart that restores, SIGTERM: every minute once, with the first run\'s readings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'velo-sensors-'));
    cpSync(example, dir, { recursive: true, filter: (path) => !path.includes('/out') && !path.includes('/data') });
    const jobDir = join(dir, 'data/app/minute_stats');

    const first = VeloSqlProcess.runFile('app.sql', 'data', dir);
    await until(() => output(dir).split('\n').length === 3);
    // A checkpoint taken after minute 0 was written is the restore point.
    const seen = checkpointsIn(jobDir);
    await until(() => checkpointsIn(jobDir).some((file) => !seen.includes(file)));
    expect((await first.kill()).signal).toBe('SIGKILL');
    expect(checkpointsIn(jobDir).length).toBeLessThanOrEqual(2);

    appendFileSync(join(dir, 'readings.jsonl'), readFileSync(join(dir, 'more-readings.jsonl')));
    const second = VeloSqlProcess.runFile('app.sql', 'data', dir);
    await until(() => output(dir).split('\n').length === 5);
    const stopped = await second.terminate();
    expect(stopped.code, second.stderr).toBe(0);
    expect(stopped.afterMs).toBeLessThan(10_000);
    expect(output(dir)).toBe(
      [
        '{"sensor":"s1","readings":3,"avg_temperature":22.166667,"max_temperature":22.9,"minute":1704067200000}',
        '{"sensor":"s2","readings":3,"avg_temperature":19.400000,"max_temperature":19.8,"minute":1704067200000}',
        '{"sensor":"s1","readings":2,"avg_temperature":23.300000,"max_temperature":23.6,"minute":1704067260000}',
        '{"sensor":"s2","readings":1,"avg_temperature":20.200000,"max_temperature":20.2,"minute":1704067260000}',
        '',
      ].join('\n'),
    );
  }, 90_000);
});
