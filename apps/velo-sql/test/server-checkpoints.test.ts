import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appsFolder, eventually, forget, http, jobOf, startTestServer } from './server-fixture.js';

const READINGS = '{"sensor":"a","ts":1704067200000}\n{"sensor":"b","ts":1704067201000}\n{"sensor":"a","ts":1704067202000}\n';

/** An unbounded job over a tailed file, with open windows, checkpointing every 200 ms. */
const SENSORS_APP = `CREATE STREAM readings (sensor STRING, ts BIGINT)
WITH ('type' = 'file_source', 'path' = 'readings.jsonl', 'format' = 'json', 'watching' = 'true', 'polling_interval' = '100ms', 'event.time.field' = 'ts');

-- @checkpoint_interval: 200ms
CREATE STREAM counts AS SELECT sensor, COUNT(*) AS n FROM readings GROUP BY sensor WINDOW TUMBLING(INTERVAL '1' MINUTE) EMIT FINAL
WITH ('counts.type' = 'file_sink', 'counts.path' = 'counts.jsonl');`;

interface CheckpointsField {
  readonly last: { readonly id: number; readonly takenAt: number; readonly bytes: number; readonly durationMs: number } | null;
  readonly restores: readonly { readonly at: number; readonly checkpointId: number; readonly fellBack: boolean; readonly reason?: string }[];
}

const checkpointsOf = async (server: Parameters<typeof jobOf>[0]): Promise<CheckpointsField> => (await jobOf(server, 'sensors/counts'))['checkpoints'] as CheckpointsField;

describe('velo-sql server --data-dir: checkpoints and restores', () => {
  it('shows the last checkpoint in GET /jobs/{id} and GET /jobs, restores after a restart, and forgets it on undeploy', async () => {
    const apps = appsFolder({ 'readings.jsonl': READINGS });
    const dataDir = join(apps, 'data');
    const first = await startTestServer({ appsDir: apps, dataDir });
    const deployedAt = Date.now();
    expect((await http(first, 'POST', '/apps', { name: 'sensors', sql: SENSORS_APP })).status).toBe(201);
    await eventually(async () => (await checkpointsOf(first)).last !== null, 20_000);
    const { last, restores } = await checkpointsOf(first);
    expect(last).toEqual({ id: expect.any(Number), takenAt: expect.any(Number), bytes: expect.any(Number), durationMs: expect.any(Number) });
    expect(last!.id).toBeGreaterThanOrEqual(1);
    expect(last!.takenAt).toBeGreaterThanOrEqual(deployedAt);
    expect(last!.takenAt).toBeLessThanOrEqual(Date.now());
    expect(last!.bytes).toBeGreaterThan(0);
    expect(last!.durationMs).toBeGreaterThanOrEqual(0);
    expect(restores).toEqual([]);
    const listed = (await http(first, 'GET', '/jobs')).body as { id: string; lastCheckpointAt: number | null }[];
    expect(listed).toEqual([expect.objectContaining({ id: 'sensors/counts', lastCheckpointAt: expect.any(Number) })]);
    const metrics = (await http(first, 'GET', '/metrics')).text;
    expect(metrics).toMatch(/^velo_checkpoint_duration_seconds_(?:bucket|sum|count)\{[^}]*job="sensors\/counts"/m);
    expect(metrics).toMatch(/^velo_checkpoint_bytes\{[^}]*job="sensors\/counts"[^}]*\} [1-9]/m);
    // The data dir: the app's SQL in apps/, its jobs' checkpoints in <app>/<job>/.
    expect(existsSync(join(dataDir, 'apps', 'sensors.sql'))).toBe(true);
    expect(readdirSync(join(dataDir, 'sensors', 'counts')).length).toBeGreaterThan(0);

    // A graceful close takes a final checkpoint; the next server redeploys the app and restores from it.
    await first.close();
    forget(first);
    const lastBeforeClose = readdirSync(join(dataDir, 'sensors', 'counts')).length;
    expect(lastBeforeClose).toBeGreaterThan(0);
    const second = await startTestServer({ appsDir: apps, dataDir });
    await eventually(async () => (await checkpointsOf(second)).restores.length === 1, 20_000);
    const [restore] = (await checkpointsOf(second)).restores;
    expect(restore).toEqual({ at: expect.any(Number), checkpointId: expect.any(Number), fellBack: false });
    expect(restore!.checkpointId).toBeGreaterThanOrEqual(last!.id);
    expect((await http(second, 'GET', '/metrics')).text).toMatch(/^velo_restores_total\{[^}]*job="sensors\/counts"[^}]*\} 1$/m);

    // Undeployed, an app is forgotten with its checkpoints: deployed again under that name, it starts from nothing.
    expect((await http(second, 'DELETE', '/apps/sensors')).status).toBe(200);
    expect(existsSync(join(dataDir, 'sensors'))).toBe(false);
    expect(existsSync(join(dataDir, 'apps', 'sensors.sql'))).toBe(false);
  }, 60_000);

  it('reports no checkpoint and no restore without a data dir', async () => {
    const server = await startTestServer({ appsDir: appsFolder({ 'readings.jsonl': READINGS }) });
    await http(server, 'POST', '/apps', { name: 'sensors', sql: SENSORS_APP });
    await eventually(async () => (await jobOf(server, 'sensors/counts'))['state'] === 'running');
    expect(await checkpointsOf(server)).toEqual({ last: null, restores: [] });
    expect((await http(server, 'GET', '/jobs')).body).toEqual([expect.objectContaining({ id: 'sensors/counts', lastCheckpointAt: null })]);
  });

  it("refuses the app name 'apps': it is the data dir's folder of deployed SQL", async () => {
    const server = await startTestServer({ appsDir: appsFolder({ 'readings.jsonl': READINGS }), dataDir: join(appsFolder(), 'data') });
    const answer = await http(server, 'POST', '/apps', { name: 'Apps', sql: SENSORS_APP });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ code: 'INVALID_REQUEST', message: "name: 'apps' is reserved (the data directory's folder of deployed apps)" });
  });
});
