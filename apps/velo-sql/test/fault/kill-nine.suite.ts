import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkpointFiles } from './checkpoint-files.js';
import { faultRounds, reportFigures } from './fault-report.js';
import { runKillRounds, runToCompletion, spread } from './kill-rounds.js';
import { OrdersScenario } from './orders-scenario.js';
import { SeededRandom, faultSeed } from './seeded-random.js';

const ROUNDS = faultRounds(20);
const SEED = faultSeed(20_261_207);

/** Registers the suite; `fault-injection.test.ts` runs every fault suite concurrently. */
export function killNineSuite(): void {
  describe('kill -9 of velo-sql --file at random points (at-least-once)', () => {
    let scenario: OrdersScenario;
    beforeAll(async () => {
      scenario = await OrdersScenario.start({ seed: SEED, slices: ROUNDS + 1, orders: 4_000, shipments: 2_000, checkpointInterval: '500ms' });
    });
    afterAll(async () => {
      await scenario?.stop();
    });

    it(`loses no window and no row and changes none over ${ROUNDS} kills of a Kafka→Kafka windowed join and a file→Kafka job`, async () => {
      const rounds = await runKillRounds(scenario, new SeededRandom(SEED ^ 0x5eed), { rounds: ROUNDS, minDelayMs: 300, maxDelayMs: 4_000 });
      // The last slice: orders and sentinels now, shipments with the start of the final run (to time the restart).
      await scenario.feedOrders(ROUNDS);
      await scenario.feedSentinels();
      const final = await runToCompletion(scenario, { timeoutMs: 60_000, shipmentsSlice: ROUNDS });
      const windows = await scenario.windowOutput();
      const shipments = await scenario.shipmentOutput();
      reportFigures('kill -9 / at-least-once', {
        seed: SEED,
        rounds: ROUNDS,
        orders: scenario.orders.length,
        shipments: scenario.shipmentsInput.length,
        windows: { expected: windows.expected, received: windows.received, lost: windows.lost.length, changed: windows.changed.length, firstChanged: windows.changed.slice(0, 3), firstLost: windows.lost.slice(0, 3), duplicates: windows.duplicates },
        rows: { expected: shipments.expected, received: shipments.received, lost: shipments.lost.length, changed: shipments.changed.length, firstChanged: shipments.changed.slice(0, 3), firstLost: shipments.lost.slice(0, 3), duplicates: shipments.duplicates },
        killAfterMs: spread(rounds.map((r) => r.killAfterMs)),
        restartToFirstOutputMs: spread(rounds.flatMap((r) => (r.firstOutputMs === undefined ? [] : [r.firstOutputMs]))),
        restartAfterLastKillToFirstOutputMs: final.firstOutputMs,
        finalRunCompleteAfterMs: final.completeAfterMs,
        sigtermExitMs: final.exit.afterMs,
      });
      // Every kill was a kill -9, and the final SIGTERM took a checkpoint and exited 0 within 10 s.
      expect(rounds.every((r) => r.exit.signal === 'SIGKILL')).toBe(true);
      expect(final.exit, final.stderr).toMatchObject({ code: 0 });
      expect(final.exit.afterMs).toBeLessThan(10_000);
      // Each job checkpointed under <data-dir>/<app>/<job>/, keeping the last two.
      for (const job of ['category_windows', 'heavy_shipments']) {
        const files = checkpointFiles(join(scenario.dataDir, scenario.appName, job));
        expect(files.length, job).toBeGreaterThanOrEqual(1);
        expect(files.length, job).toBeLessThanOrEqual(2);
      }
      // At-least-once: nothing lost, nothing changed; a window's final row may come again, identical.
      expect(windows.changed).toEqual([]);
      expect(windows.lost).toEqual([]);
      expect(shipments.changed).toEqual([]);
      expect(shipments.lost).toEqual([]);
      expect(final.completeAfterMs, final.stderr).toBeDefined();
    }, 240_000);
  });
}
