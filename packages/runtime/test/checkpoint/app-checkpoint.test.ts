import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAppCheckpoint, newestCheckpointId } from '../../src/checkpoint/app-checkpoint.js';
import { JobCheckpointStore } from '../../src/checkpoint/checkpoint-store.js';
import { encodeJobCheckpoint, type JobCheckpoint } from '../../src/checkpoint/job-checkpoint.js';

function jobCheckpoint(job: string, appJobs: readonly string[], recordsIn: number): JobCheckpoint {
  return {
    job,
    appJobs,
    status: 'running',
    operators: [{ name: 'FilterProject', state: undefined }],
    sources: [{ requestId: 0, name: 'src', position: { offset: recordsIn, line: 3 } }],
    counters: { recordsIn, recordsOut: recordsIn, lateRecords: 0, batches: 1 },
    badRecords: { total: 1, skipped: 1, deadLettered: 0, byCode: { SERDE_DECODE: 1 } },
    maxEventTime: 5,
    watermarks: [null],
    channels: [],
    tables: [],
    subqueries: [],
  };
}

/** Writes checkpoint `id` of jobs `a` and `b` (recordsIn = id × 10). */
async function writeBoth(app: string, id: number, jobs: readonly string[] = ['a', 'b']): Promise<void> {
  for (const job of jobs) await new JobCheckpointStore(app, job).write(id, id * 1000, encodeJobCheckpoint(jobCheckpoint(job, ['a', 'b'], id * 10)));
}

describe('finding the checkpoint an app restarts from', () => {
  it('takes the newest id every job has, with positions and counters intact', async () => {
    const app = mkdtempSync(join(tmpdir(), 'velo-app-'));
    await writeBoth(app, 1);
    await writeBoth(app, 2);
    const { checkpoint, rejected } = await loadAppCheckpoint(app);
    expect(rejected).toEqual([]);
    expect(checkpoint).toMatchObject({ id: 2, takenAt: 2000, fellBack: false });
    expect(checkpoint!.jobs.get('b')).toEqual(jobCheckpoint('b', ['a', 'b'], 20));
  });

  it('falls back to the previous id when one job file of the newest is truncated, and says why', async () => {
    const app = mkdtempSync(join(tmpdir(), 'velo-app-'));
    await writeBoth(app, 1);
    await writeBoth(app, 2);
    const file = new JobCheckpointStore(app, 'b').fileOf(2);
    truncateSync(file, 30);
    const { checkpoint } = await loadAppCheckpoint(app);
    expect(checkpoint).toMatchObject({ id: 1, fellBack: true });
    expect(checkpoint!.reason).toContain(`checkpoint 2: job 'b': ${file}: truncated`);
    expect(checkpoint!.jobs.get('a')!.counters.recordsIn).toBe(10);
  });

  it('falls back when a byte of the newest is flipped', async () => {
    const app = mkdtempSync(join(tmpdir(), 'velo-app-'));
    await writeBoth(app, 1);
    await writeBoth(app, 2);
    const file = new JobCheckpointStore(app, 'a').fileOf(2);
    const bytes = readFileSync(file);
    bytes[bytes.length - 10]! ^= 0xff;
    writeFileSync(file, bytes);
    const { checkpoint } = await loadAppCheckpoint(app);
    expect(checkpoint).toMatchObject({ id: 1, fellBack: true });
    expect(checkpoint!.reason).toMatch(/checksum mismatch/);
  });

  it('passes over an id a crash left written for some jobs only', async () => {
    const app = mkdtempSync(join(tmpdir(), 'velo-app-'));
    await writeBoth(app, 1);
    await writeBoth(app, 2, ['a']);
    const { checkpoint } = await loadAppCheckpoint(app);
    expect(checkpoint).toMatchObject({ id: 1, fellBack: true, reason: "checkpoint 2: job 'b' has no file for it" });
    expect(await newestCheckpointId(app)).toBe(2);
  });

  it('finds nothing in an empty or missing directory, and reports every rejected one when none is usable', async () => {
    expect(await loadAppCheckpoint(join(tmpdir(), 'velo-missing-dir-xyz'))).toEqual({ checkpoint: undefined, rejected: [] });
    const app = mkdtempSync(join(tmpdir(), 'velo-app-'));
    await writeBoth(app, 1);
    truncateSync(new JobCheckpointStore(app, 'a').fileOf(1), 0);
    const { checkpoint, rejected } = await loadAppCheckpoint(app);
    expect(checkpoint).toBeUndefined();
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatch(/^checkpoint 1: .*truncated/);
  });
});
