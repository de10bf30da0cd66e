import { ErrorCodes, VeloError } from '@velots/core';
import type { FailureStrategy } from './job-plan.js';
import { parseCountProperty, parseDurationProperty, type PropertyMap } from './properties.js';
import type { WatermarkPlan } from './window-plan.js';

const STRATEGIES: Readonly<Record<string, FailureStrategy>> = {
  logandcontinue: 'skip',
  skip: 'skip',
  sendtodlq: 'dead_letter',
  dead_letter: 'dead_letter',
  deadletter: 'dead_letter',
  dlq: 'dead_letter',
  failbatch: 'fail',
  fail: 'fail',
  retrywithbackoff: 'retry',
  retry: 'retry',
};

/** Reads `failure_strategy` (both the Velostream and the short spellings), default skip. */
export function failureStrategyOf(properties: PropertyMap): FailureStrategy {
  const raw = properties['failure_strategy'] ?? properties['source.failure_strategy'];
  if (raw === undefined) return 'skip';
  const strategy = STRATEGIES[raw.trim().toLowerCase()];
  if (!strategy) {
    throw new VeloError(
      ErrorCodes.CONFIG,
      `failure_strategy '${raw}' is not one of LogAndContinue, SendToDLQ, FailBatch, RetryWithBackoff (or skip, dead_letter, fail, retry)`,
    );
  }
  return strategy;
}

/** Records per batch: `max_batch_size`, `batch.size`, or the `@batch_size` annotation; default 4096. */
export function batchSizeOf(properties: PropertyMap, annotated: number | undefined): number {
  const raw = properties['max_batch_size'] ?? properties['batch.size'] ?? properties['sink.batch.size'];
  if (raw !== undefined) return Math.max(1, parseCountProperty(raw, 'max_batch_size'));
  return annotated !== undefined && annotated > 0 ? annotated : 4096;
}

/**
 * Worker threads a job splits its keyed work across: `parallelism` (a positive count), or undefined for the
 * engine's default (`EngineOptions.workers`, `--workers`).
 */
export function parallelismOf(properties: PropertyMap): number | undefined {
  const raw = properties['parallelism'];
  if (raw === undefined) return undefined;
  const workers = parseCountProperty(raw, 'parallelism');
  if (workers < 1) throw new VeloError(ErrorCodes.CONFIG, `parallelism must be at least 1, not ${raw}`);
  return workers;
}

/** How often a job checkpoints when checkpoints are on and nothing configures it: 10 s. */
export const DEFAULT_CHECKPOINT_INTERVAL_MS = 10_000;
const INTERVAL = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/i;
const INTERVAL_UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * The checkpoint interval in ms: `'checkpoint.interval'` in WITH, else `-- @checkpoint_interval` (statement, then
 * file header), else 10 s. Values are durations (`500ms`, `10s`, `1m`); a bare number is milliseconds (`10000`).
 */
export function checkpointIntervalOf(properties: PropertyMap, annotated: string | undefined): number {
  const fromWith = properties['checkpoint.interval'];
  const raw = fromWith ?? annotated;
  if (raw === undefined) return DEFAULT_CHECKPOINT_INTERVAL_MS;
  const what = fromWith !== undefined ? "property 'checkpoint.interval'" : '@checkpoint_interval';
  const match = INTERVAL.exec(raw.trim());
  if (!match) throw new VeloError(ErrorCodes.CONFIG, `${what}: '${raw}' is not a duration (like 500ms, 10s, 1m, or 10000 for milliseconds)`);
  const ms = Number(match[1]) * (INTERVAL_UNIT_MS[(match[2] ?? 'ms').toLowerCase()] ?? 1);
  if (!Number.isFinite(ms) || ms < 1) throw new VeloError(ErrorCodes.CONFIG, `${what}: '${raw}' must be at least 1ms`);
  return Math.round(ms);
}

/** Unprefixed keys the engine knows (others warn); prefixes cover families such as `sink.batch.*`. */
const KNOWN_KEYS = new Set([
  'failure_strategy', 'source.failure_strategy', 'sink.failure_strategy', 'max_retries', 'retry_backoff', 'mode',
  'use_transactions', 'max_batch_size', 'batch_timeout', 'batch.size', 'event.time.field', 'event.time.format',
  'watermark.strategy', 'watermark.max_out_of_orderness', 'watermark.idle.timeout', 'late.data.strategy', 'config_file',
  'max.memory.mb', 'join.timeout', 'parallelism', 'checkpoint.interval',
]);
const KNOWN_PREFIXES = ['sink.batch.', 'dead.letter.queue.', 'circuit.breaker.', 'cache.', 'observability.'];

/** Warnings for unprefixed statement keys the engine does not know. */
export function unknownStatementKeys(properties: PropertyMap): string[] {
  return Object.keys(properties)
    .filter((key) => !KNOWN_KEYS.has(key) && !KNOWN_PREFIXES.some((p) => key.startsWith(p)))
    .map((key) => `unknown property '${key}' is ignored (prefix it with a source or sink name to configure a connector)`);
}

/** Allowed out-of-orderness from `watermark.strategy` / `watermark.max_out_of_orderness` (default 5 s). */
/** How long a caught-up input stays silent before processing time advances its watermark, by default. */
export const DEFAULT_IDLE_TIMEOUT_MS = 5000;

export function watermarkOf(properties: PropertyMap): WatermarkPlan {
  const idle = properties['watermark.idle.timeout'];
  const idleTimeoutMs = idle === undefined ? DEFAULT_IDLE_TIMEOUT_MS : parseDurationProperty(idle, 'watermark.idle.timeout');
  const strategy = properties['watermark.strategy']?.trim().toLowerCase();
  if (strategy === 'ascending' || strategy === 'ascending_timestamps') return { maxOutOfOrdernessMs: 0, idleTimeoutMs };
  const configured = properties['watermark.max_out_of_orderness'];
  return { maxOutOfOrdernessMs: configured === undefined ? 5000 : parseDurationProperty(configured, 'watermark.max_out_of_orderness'), idleTimeoutMs };
}
