import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JobCheckpointStore, checkpointedJobs, jobDirectoryName, jobNameOfDirectory } from '../../src/checkpoint/checkpoint-store.js';

const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);

describe('a job checkpoint store', () => {
  it('names a job directory reversibly, with nothing that leaves the app directory', () => {
    for (const name of ['orders', 'q#u0', '..', 'a/b', 'ünï code', '%x']) {
      const dir = jobDirectoryName(name);
      expect(dir).toMatch(/^[A-Za-z0-9_%-]+$/);
      expect(jobNameOfDirectory(dir)).toBe(name);
    }
    expect(jobDirectoryName('q#u0')).toBe('q%23u0');
    expect(jobDirectoryName('..')).toBe('%2E%2E');
  });

  it('writes checkpoints atomically under <app>/<job>/, lists them newest first and reads them back verified', async () => {
    const app = mkdtempSync(join(tmpdir(), 'velo-ckpt-'));
    const store = new JobCheckpointStore(app, 'totals#1');
    expect(await store.ids()).toEqual([]);
    const size = await store.write(1, 1000, bytes(1, 2, 3));
    await store.write(2, 2000, bytes(4, 5));
    expect(size).toBe(36 + 3 + 4);
    expect(readdirSync(join(app, 'totals%231')).sort()).toEqual(['checkpoint-000000000001.vck', 'checkpoint-000000000002.vck']);
    expect(await store.ids()).toEqual([2, 1]);
    const second = await store.read(2);
    expect(second.takenAt).toBe(2000);
    expect([...second.payload]).toEqual([4, 5]);
    expect(await checkpointedJobs(app)).toEqual(['totals#1']);
  });

  it('keeps the checkpoints from a given id on and removes older ones and leftover temporary files', async () => {
    const app = mkdtempSync(join(tmpdir(), 'velo-ckpt-'));
    const store = new JobCheckpointStore(app, 'j');
    for (const id of [1, 2, 3]) await store.write(id, id, bytes(id));
    writeFileSync(`${store.fileOf(4)}.tmp`, 'half a file');
    await store.prune(2);
    expect(readdirSync(store.dir).sort()).toEqual(['checkpoint-000000000002.vck', 'checkpoint-000000000003.vck']);
  });

  it('rejects a file whose content is not the checkpoint its name says', async () => {
    const app = mkdtempSync(join(tmpdir(), 'velo-ckpt-'));
    const store = new JobCheckpointStore(app, 'j');
    await store.write(1, 1, bytes(1));
    writeFileSync(store.fileOf(5), readFileSync(store.fileOf(1)));
    await expect(store.read(5)).rejects.toThrow(/holds checkpoint 1/);
  });
});
