import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

interface SoakResult {
  readonly records: number;
  readonly rowsOut: number;
  readonly expectedRowsOut: number;
  readonly growthRatio: number;
  readonly plateauHeapMb: number;
  readonly baselineHeapMb: number;
  readonly openGroupsMean: number;
  readonly bytesPerOpenGroup: number;
}

/** Runs bench/soak's quick configuration (its own --expose-gc child process), without blocking the test worker. */
function quickSoak(): Promise<SoakResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(repo, 'bench/soak/index.mjs'), '--json'], { cwd: repo, env: { ...process.env, BENCH_QUICK: '1' } });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      try {
        resolvePromise(JSON.parse(out) as SoakResult);
      } catch {
        reject(new Error(`soak printed no result: ${out}${err}`));
      }
    });
  });
}

describe('window state under churn (bounded soak)', () => {
  it('keeps the heap on a plateau while tumbling and session windows over 50 k keys open and close for 400 k records', { timeout: 120_000 }, async () => {
    const result = await quickSoak();
    expect(result.records).toBe(400_000);
    // Every window group and session is emitted once by the end of the bounded run (counted by replaying the rules).
    expect(result.rowsOut).toBe(result.expectedRowsOut);
    expect(result.expectedRowsOut).toBe(746_868);
    // No growth trend across the second half: the last quarter's max heap (after a forced GC) within 1.2× the second quarter's.
    expect(result.growthRatio).toBeLessThanOrEqual(1.2);
    // The state is what the open groups need, not what went through: well under 2 KB per open group.
    expect(result.openGroupsMean).toBeGreaterThan(10_000);
    expect(result.bytesPerOpenGroup).toBeLessThan(2048);
  });
});
