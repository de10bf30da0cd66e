import type { OrdersScenario } from './orders-scenario.js';
import type { SeededRandom } from './seeded-random.js';
import { VeloSqlProcess, type ProcessExit } from './velo-process.js';

/** What one round did: when the kill came, and how long the restarted job took to write new output (when seen). */
export interface RoundFigures {
  readonly round: number;
  readonly killAfterMs: number;
  /** ms from the start to the file job's first new output row; undefined when the kill came first. */
  readonly firstOutputMs: number | undefined;
  readonly exit: ProcessExit;
}

export interface KillRoundsOptions {
  readonly rounds: number;
  /** The kill comes at a uniformly random time in [minDelayMs, maxDelayMs] after the start. */
  readonly minDelayMs: number;
  readonly maxDelayMs: number;
  /**
   * SIGTERM instead of kill -9 (graceful restarts: a final checkpoint each time), sent once the run has also written
   * a checkpoint of its own — a file `checkpoints()` did not list at its start (a SIGTERM while Node is still loading
   * the bundle is not handled).
   */
  readonly graceful?: { readonly checkpoints: () => readonly string[] } | undefined;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs the scenario's app `rounds` times: before each start one more slice of input arrives, then the process is
 * killed at a seeded random point — during start-up, restore, processing or a checkpoint write, wherever it falls.
 * While it runs, the file job's output is polled to time the restart.
 */
export async function runKillRounds(scenario: OrdersScenario, random: SeededRandom, options: KillRoundsOptions): Promise<RoundFigures[]> {
  const figures: RoundFigures[] = [];
  for (let round = 0; round < options.rounds; round++) {
    await scenario.feed(round);
    const before = scenario.hasFileJob ? await scenario.shipmentCount() : 0;
    const killAfterMs = random.int(options.minDelayMs, options.maxDelayMs);
    const earlier = new Set(options.graceful?.checkpoints() ?? []);
    const checkpointed = (): boolean => (options.graceful?.checkpoints() ?? []).some((file) => !earlier.has(file));
    const process = VeloSqlProcess.runFile(scenario.app, scenario.dataDir, scenario.dir);
    let firstOutputMs: number | undefined;
    const deadline = process.startedAt + killAfterMs;
    while (Date.now() < deadline && process.running) {
      await sleep(Math.min(250, Math.max(0, deadline - Date.now())));
      if (scenario.hasFileJob && firstOutputMs === undefined && Date.now() < deadline && (await scenario.shipmentCount()) > before) firstOutputMs = Date.now() - process.startedAt;
    }
    while (options.graceful && !checkpointed() && process.running && Date.now() - process.startedAt < 60_000) await sleep(100);
    if (!process.running) throw new Error(`velo-sql ended by itself in round ${round + 1}: ${JSON.stringify(await process.exit())}\n${process.stderr}`);
    const exit = options.graceful ? await process.terminate() : await process.kill();
    if (options.graceful && exit.code !== 0) throw new Error(`SIGTERM ended velo-sql with ${JSON.stringify(exit)} in round ${round + 1}\n${process.stderr}`);
    figures.push({ round: round + 1, killAfterMs, firstOutputMs, exit });
  }
  return figures;
}

/**
 * The last run: waits (up to `timeoutMs`) until every expected row is out, then stops it with SIGTERM. With
 * `shipmentsSlice`, that slice of the file input arrives just before the start, and the time to its first output
 * row is the restart time after the last kill -9 (start-up, restore, the Kafka group's rebalance included).
 */
export async function runToCompletion(
  scenario: OrdersScenario,
  options: { readonly timeoutMs: number; readonly isolation?: 'read_committed'; readonly shipmentsSlice?: number },
): Promise<{ completeAfterMs: number | undefined; firstOutputMs: number | undefined; exit: ProcessExit; stderr: string }> {
  const before = options.shipmentsSlice === undefined ? 0 : await scenario.shipmentCount();
  if (options.shipmentsSlice !== undefined) scenario.feedShipments(options.shipmentsSlice);
  const process = VeloSqlProcess.runFile(scenario.app, scenario.dataDir, scenario.dir);
  let completeAfterMs: number | undefined;
  let firstOutputMs: number | undefined;
  while (Date.now() - process.startedAt < options.timeoutMs && process.running) {
    await sleep(250);
    if (options.shipmentsSlice !== undefined && firstOutputMs === undefined && (await scenario.shipmentCount()) > before) firstOutputMs = Date.now() - process.startedAt;
    if (await scenario.complete(options.isolation)) {
      completeAfterMs = Date.now() - process.startedAt;
      break;
    }
  }
  const exit = await process.terminate();
  return { completeAfterMs, firstOutputMs, exit, stderr: process.stderr };
}

/** min / median / max of some figures, for the report. */
export function spread(values: readonly number[]): { min: number; median: number; max: number; count: number } | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return { min: sorted[0]!, median: sorted[Math.floor(sorted.length / 2)]!, max: sorted[sorted.length - 1]!, count: sorted.length };
}
