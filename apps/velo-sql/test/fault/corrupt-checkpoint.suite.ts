import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkpointFiles, flipCheckpointByte, truncateCheckpoint, type CheckpointFile } from './checkpoint-files.js';
import { reportFigures } from './fault-report.js';
import { OrdersScenario } from './orders-scenario.js';
import { faultSeed } from './seeded-random.js';
import { VeloServerProcess } from './velo-server-process.js';

const SEED = faultSeed(20_261_209);
const APP = 'orders';
const JOB = `${APP}/category_windows`;

interface JobView {
  readonly state: string;
  readonly sources: readonly { readonly recordsIn: number }[];
  readonly checkpoints: {
    readonly last: { readonly id: number; readonly takenAt: number; readonly bytes: number; readonly durationMs: number } | null;
    readonly restores: readonly { readonly at: number; readonly checkpointId: number; readonly fellBack: boolean; readonly reason?: string }[];
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The newest checkpoint damaged between two runs of `velo-sql server --data-dir`: the restore must notice (checksum)
 * and use the previous one, say so in `GET /jobs/{id}`, and the output must still be complete and exact. The
 * checkpoint interval is long, so the only checkpoints are the final ones of each SIGTERM: the previous one is
 * then a whole slice of input behind the damaged one, which the job reads again.
 */
/** Registers the suite; `fault-injection.test.ts` runs every fault suite concurrently. */
export function corruptCheckpointSuite(): void {
  describe('a corrupted newest checkpoint', () => {
    let scenario: OrdersScenario;
    let server: VeloServerProcess | undefined;
    beforeAll(async () => {
      scenario = await OrdersScenario.start({ seed: SEED, slices: 4, orders: 1_200, shipments: 400, checkpointInterval: '10m' });
    });
    afterAll(async () => {
      await server?.terminate();
      await scenario?.stop();
    });

    const jobDir = (job: string): string => join(scenario.dataDir, APP, job);

    /**
     * Starts the server (it redeploys the stored app), feeds a slice, waits until the job has read it, and stops it
     * with SIGTERM; resolves with the job's restore events of that run.
     */
    async function runSlice(slice: number | 'sentinels'): Promise<JobView['checkpoints']['restores']> {
      server = await VeloServerProcess.start(scenario.dataDir, scenario.dir);
      const apps = await server.json<{ name: string }[]>('GET', '/apps');
      if (apps.body.length === 0) expect((await server.json('POST', '/apps', { name: APP, sql: readFileSync(join(scenario.dir, scenario.app), 'utf8') })).status).toBe(201);
      if (slice === 'sentinels') await scenario.feedSentinels();
      else await scenario.feed(slice);
      if (slice === 'sentinels') {
        for (let i = 0; i < 200 && !(await scenario.complete()); i++) await sleep(300);
      } else {
        // Read once the source count holds still for a second.
        let last = -1;
        for (let i = 0; i < 200; i++) {
          const read = (await server.json<JobView>('GET', `/jobs/${JOB}`)).body.sources[0]?.recordsIn ?? 0;
          if (read > 0 && read === last) break;
          last = read;
          await sleep(1_000);
        }
      }
      const { restores } = (await server.json<JobView>('GET', `/jobs/${JOB}`)).body.checkpoints;
      const exit = await server.terminate();
      server = undefined;
      expect(exit.code).toBe(0);
      expect(exit.afterMs).toBeLessThan(10_000);
      return restores;
    }

    it('falls back to the previous checkpoint (truncated, then a flipped byte), says so in GET /jobs/{id}, and loses nothing', async () => {
      const restores: JobView['checkpoints']['restores'][number][] = [];
      const damaged: { how: string; file: CheckpointFile; kept: readonly CheckpointFile[] }[] = [];
      const damage = (how: 'truncated' | 'flipped byte'): void => {
        const files = checkpointFiles(jobDir('category_windows'));
        expect(files.length).toBe(2);
        const newest = files[files.length - 1]!;
        if (how === 'truncated') truncateCheckpoint(newest);
        else flipCheckpointByte(newest);
        damaged.push({ how, file: newest, kept: files });
      };
      expect(await runSlice(0)).toEqual([]);
      restores.push(...(await runSlice(1)));
      damage('truncated');
      restores.push(...(await runSlice(2)));
      restores.push(...(await runSlice(3)));
      damage('flipped byte');
      restores.push(...(await runSlice('sentinels')));

      const windows = await scenario.windowOutput();
      const shipments = await scenario.shipmentOutput();
      reportFigures('corrupted checkpoint', {
        seed: SEED,
        damaged: damaged.map((d) => ({ how: d.how, file: d.file.path.slice(scenario.dataDir.length), bytes: d.file.bytes })),
        restores,
        windows: { expected: windows.expected, lost: windows.lost.length, changed: windows.changed.length, firstChanged: windows.changed.slice(0, 3), firstLost: windows.lost.slice(0, 3), duplicates: windows.duplicates },
        rows: { expected: shipments.expected, lost: shipments.lost.length, changed: shipments.changed.length, firstChanged: shipments.changed.slice(0, 3), firstLost: shipments.lost.slice(0, 3), duplicates: shipments.duplicates },
      });
      // Runs 2..5 restored; runs 3 and 5 from the checkpoint before the damaged one, with the reason.
      expect(restores).toHaveLength(4);
      expect(restores.map((r) => r.fellBack)).toEqual([false, true, false, true]);
      expect(restores[1]!.checkpointId).toBe(restores[0]!.checkpointId);
      for (const fallback of [restores[1]!, restores[3]!]) expect(fallback.reason).toMatch(/\S/);
      expect(windows.changed).toEqual([]);
      expect(windows.lost).toEqual([]);
      expect(shipments.changed).toEqual([]);
      expect(shipments.lost).toEqual([]);
    }, 240_000);
  });
}
