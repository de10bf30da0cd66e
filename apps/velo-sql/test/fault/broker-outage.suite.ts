import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportFigures } from './fault-report.js';
import { OrdersScenario } from './orders-scenario.js';
import { faultSeed } from './seeded-random.js';
import { VeloSqlProcess } from './velo-process.js';

const SEED = faultSeed(20_261_210);
const OUTAGE_MS = 6_000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function until(probe: () => Promise<boolean>, timeoutMs: number): Promise<number | undefined> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await probe()) return Date.now() - started;
    await sleep(250);
  }
  return undefined;
}

/**
 * Every broker of the cluster taken down while `velo-sql --file` runs: the jobs stall (the process stays up, nothing
 * fails), and once the brokers are back they go on by themselves; the output is complete and exact.
 */
/** Registers the suite; `fault-injection.test.ts` runs every fault suite concurrently. */
export function brokerOutageSuite(): void {
  describe('the Kafka cluster down and up again mid-run', () => {
    let scenario: OrdersScenario;
    beforeAll(async () => {
      scenario = await OrdersScenario.start({ seed: SEED, slices: 3, orders: 1_500, shipments: 600, checkpointInterval: '500ms' });
    });
    afterAll(async () => {
      await scenario?.stop();
    });

    it('stalls while the brokers are away, resumes by itself when they return, and loses nothing', async () => {
      const brokers = scenario.kafka;
      await scenario.feed(0);
      const job = VeloSqlProcess.runFile(scenario.app, scenario.dataDir, scenario.dir);
      let brokersDown = false;
      try {
        const firstOutputMs = await until(async () => (await scenario.shipmentCount()) > 0 && (await scenario.windowOutput()).received > 0, 60_000);
        expect(firstOutputMs, job.stderr).toBeDefined();

        await brokers.setAllBrokersDown();
        brokersDown = true;
        // New input keeps arriving on the file side while Kafka is away: its sink cannot write it.
        scenario.feedShipments(1);
        await sleep(OUTAGE_MS);
        expect(job.running, job.stderr).toBe(true);
        await brokers.setAllBrokersUp();
        brokersDown = false;

        await scenario.feedOrders(1);
        await scenario.feed(2);
        await scenario.feedSentinels();
        const recoveredAfterMs = await until(() => scenario.complete(), 90_000);
        const windows = await scenario.windowOutput();
        const shipments = await scenario.shipmentOutput();
        reportFigures('broker outage', {
          seed: SEED,
          outageMs: OUTAGE_MS,
          firstOutputMs,
          completeAfterBrokersUpMs: recoveredAfterMs,
          windows: { expected: windows.expected, lost: windows.lost.length, changed: windows.changed.length, firstChanged: windows.changed.slice(0, 3), firstLost: windows.lost.slice(0, 3), duplicates: windows.duplicates },
          rows: { expected: shipments.expected, lost: shipments.lost.length, changed: shipments.changed.length, firstChanged: shipments.changed.slice(0, 3), firstLost: shipments.lost.slice(0, 3), duplicates: shipments.duplicates },
        });
        expect(job.running, job.stderr).toBe(true);
        expect(recoveredAfterMs, job.stderr).toBeDefined();
        expect(windows.changed).toEqual([]);
        expect(windows.lost).toEqual([]);
        expect(shipments.changed).toEqual([]);
        expect(shipments.lost).toEqual([]);
      } finally {
        // Brokers left down would hold the final flush (exit 3 after the shutdown timeout): bring them back first.
        if (brokersDown) await brokers.setAllBrokersUp();
        await job.terminate();
      }
      expect((await job.exit()).code, job.stderr).toBe(0);
    }, 200_000);
  });
}
