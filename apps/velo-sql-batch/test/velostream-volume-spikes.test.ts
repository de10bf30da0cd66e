import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

/**
 * Velostream's demo job volume_spike_analysis (demo/trading/apps/app_trading_signals.sql), its statement unchanged,
 * reading a JSON-lines file instead of the Kafka topic market_data_ts and writing one instead of volume_spikes.
 */
const fixture = join(dirname(fileURLToPath(import.meta.url)), 'fixtures/velostream-volume-spikes');

const SD_A = Math.sqrt(151_875); // STDDEV_POP of 100, 100, 100, 1000 (mean 325)
const quiet = { spike_classification: 'NORMAL', circuit_state: 'ALLOW' };
const spike = { spike_classification: 'HIGH_SPIKE', circuit_state: 'SLOW_MODE' };
const aWindowsOfAll = [-180_000, -120_000, -60_000, 0].map((start) => ({
  symbol: 'A', window_start: start, window_end: start + 300_000, trade_count: 4, avg_volume: 325, stddev_volume: SD_A, max_volume: 1000, min_volume: 100,
  rolling_avg_20: 325, rolling_stddev_20: SD_A, volume_percentile: 1, ...spike,
}));
const bWindowsOfBoth = [-180_000, -120_000, -60_000, 0].map((start) => ({
  symbol: 'B', window_start: start, window_end: start + 300_000, trade_count: 2, avg_volume: 55, stddev_volume: 5, max_volume: 60, min_volume: 50,
  rolling_avg_20: 55, rolling_stddev_20: 5, volume_percentile: 1, ...quiet,
}));

// Per trade, over the symbol's trades so far (all within the 20- and 1000-row buffers): A 100, 100, 100 → avg 100,
// sd 0, percentile 0 (ties rank first); A 1000 → 325, √151875, 1; B 50 → 50, 0, 0; B 60 → 55, 5, 1. Each 5-minute
// window (advancing by 1 minute) carries the values of its last trade.
const EXPECTED = [
  { symbol: 'A', window_start: -240_000, window_end: 60_000, trade_count: 3, avg_volume: 100, stddev_volume: 0, max_volume: 100, min_volume: 100, rolling_avg_20: 100, rolling_stddev_20: 0, volume_percentile: 0, ...quiet },
  { symbol: 'B', window_start: -240_000, window_end: 60_000, trade_count: 1, avg_volume: 50, stddev_volume: 0, max_volume: 50, min_volume: 50, rolling_avg_20: 50, rolling_stddev_20: 0, volume_percentile: 0, ...quiet },
  ...aWindowsOfAll,
  ...bWindowsOfBoth,
  { symbol: 'B', window_start: 60_000, window_end: 360_000, trade_count: 1, avg_volume: 60, stddev_volume: 0, max_volume: 60, min_volume: 60, rolling_avg_20: 55, rolling_stddev_20: 5, volume_percentile: 1, ...quiet },
  { symbol: 'A', window_start: 60_000, window_end: 360_000, trade_count: 1, avg_volume: 1000, stddev_volume: 0, max_volume: 1000, min_volume: 1000, rolling_avg_20: 325, rolling_stddev_20: SD_A, volume_percentile: 1, ...quiet },
];

describe("Velostream's volume_spike_analysis over files", () => {
  for (const batchSize of ['1', '4096']) {
    it(`runs the statement unchanged and gives each sliding window its aggregates and its last trade's rolling values (batch size ${batchSize})`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'velo-volume-spikes-'));
      cpSync(fixture, dir, { recursive: true });
      const result = await runCli(['run', 'app.sql', '--quiet', '--batch-size', batchSize], { cwd: dir });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      const rows = readFileSync(join(dir, 'volume_spikes.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      for (const row of rows) expect(typeof row.detection_time).toBe('number');
      expect(rows.map(({ detection_time: _now, ...row }) => row)).toEqual(EXPECTED);
    });
  }
});
