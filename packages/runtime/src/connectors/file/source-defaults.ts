import type { ConnectorProperties } from '../config.js';

/** Records one batch holds at most unless `'<source>.batch.size'` says otherwise. */
export const DEFAULT_SOURCE_BATCH_SIZE = 4096;
/** How long a live input (stdin, a tailed file, an async iterable) may hold a batch's first record waiting for more, ms. */
export const DEFAULT_LINGER_MS = 5;
/** How long a live input is sampled for type inference after its first record, ms. */
export const DEFAULT_INFER_TIMEOUT_MS = 100;
/**
 * How long a live input must stay quiet, with nothing left to hand over, before it reports itself caught up (which
 * makes EMIT CHANGES emit and lets idle time count): long enough that a fast writer's scheduling gap (a piped file)
 * is not taken for the end of what it had, ms. At least the linger.
 */
export const CAUGHT_UP_QUIET_MS = 50;

/** A source's batching and sampling keys (`batch.size`, `batch.linger`, `infer.timeout`), with the defaults above. */
export function sourceBatching(props: ConnectorProperties): { batchSize: number; lingerMs: number; inferTimeoutMs: number } {
  return {
    batchSize: Math.max(1, props.integer('batch.size', DEFAULT_SOURCE_BATCH_SIZE)),
    lingerMs: props.duration('batch.linger', DEFAULT_LINGER_MS),
    inferTimeoutMs: props.duration('infer.timeout', DEFAULT_INFER_TIMEOUT_MS),
  };
}
