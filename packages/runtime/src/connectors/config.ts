import { ErrorCodes, VeloError } from '@velots/core';

/** Keys the engine reads itself (event time, watermarks, failure handling): no connector warns about them. */
const ENGINE_KEYS = [
  'type',
  'event.time.field',
  'event.time.format',
  'watermark.strategy',
  'watermark.max_out_of_orderness',
  'watermark.idle.timeout',
  'late.sink',
  'late.data.strategy',
  'failure_strategy',
  'max_retries',
  'retry_backoff',
  'dead.letter.queue.sink',
  'dead.letter.queue.enabled',
  'dead.letter.queue.topic',
  'config_file',
];
const ENGINE_KEY_PREFIXES = ['sink.batch.', 'observability.', 'circuit.breaker.', 'cache.'];

/**
 * A connector's `WITH` properties (prefix already stripped), read with typed getters that name the
 * connector and key in their CONFIG errors, and remember which keys were read so the rest can be
 * reported as unknown.
 */
export class ConnectorProperties {
  private readonly used = new Set<string>();

  constructor(
    /** `source 'trades'` or `sink 'out'`: how errors name the connector. */
    readonly owner: string,
    /** The connector's name, the prefix users wrote (`trades.path`). */
    readonly connectorName: string,
    private readonly values: Readonly<Record<string, string>>,
  ) {}

  private fail(key: string, problem: string): never {
    throw new VeloError(ErrorCodes.CONFIG, `${this.owner}: '${this.connectorName}.${key}' ${problem}`, { details: { key: `${this.connectorName}.${key}` } });
  }

  /** The raw text of the first present key among `keys` (aliases), or undefined. */
  text(...keys: string[]): string | undefined {
    for (const key of keys) this.used.add(key);
    for (const key of keys) {
      const value = this.values[key];
      if (value !== undefined) return value;
    }
    return undefined;
  }

  /** A required string. */
  required(key: string): string {
    const value = this.text(key);
    if (value === undefined || value.trim() === '') this.fail(key, 'is required');
    return value;
  }

  /** One of `allowed` (case-insensitive), or the default. */
  choice<T extends string>(keys: string | string[], allowed: readonly T[], fallback: T): T {
    const list = Array.isArray(keys) ? keys : [keys];
    const value = this.text(...list);
    if (value === undefined) return fallback;
    const found = allowed.find((a) => a === value.trim().toLowerCase());
    if (found === undefined) this.fail(list[0] as string, `must be one of ${allowed.join(', ')} (got '${value}')`);
    return found;
  }

  /** `true`/`false` (any case), or the default. */
  boolean(keys: string | string[], fallback: boolean): boolean {
    const list = Array.isArray(keys) ? keys : [keys];
    const value = this.text(...list);
    if (value === undefined) return fallback;
    const lower = value.trim().toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    return this.fail(list[0] as string, `must be 'true' or 'false' (got '${value}')`);
  }

  /** A non-negative integer, or the default. */
  integer(key: string, fallback: number): number;
  integer(key: string, fallback?: undefined): number | undefined;
  integer(key: string, fallback?: number): number | undefined {
    const value = this.text(key);
    if (value === undefined) return fallback;
    if (!/^\s*\d+\s*$/.test(value)) this.fail(key, `must be a non-negative integer (got '${value}')`);
    return Number(value);
  }

  /** A positive number (rates), or undefined. */
  positiveNumber(key: string): number | undefined {
    const value = this.text(key);
    if (value === undefined) return undefined;
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n <= 0) this.fail(key, `must be a positive number (got '${value}')`);
    return n;
  }

  /** A duration: `500ms`, `5s`, `1m`, `2h`, `1d`, or plain milliseconds. */
  duration(key: string, fallbackMs: number): number {
    const value = this.text(key);
    if (value === undefined) return fallbackMs;
    const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/.exec(value);
    if (!m) this.fail(key, `must be a duration like 500ms, 5s, 1m (got '${value}')`);
    const factor = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[(m[2] ?? 'ms') as 'ms'];
    return Number(m[1]) * factor;
  }

  /** One character that is not a letter or digit (delimiters, quotes), or the default. */
  character(key: string, fallback: string): string {
    const value = this.text(key);
    if (value === undefined) return fallback;
    const ch = value === '\\t' ? '\t' : value;
    if (ch.length !== 1 || /[A-Za-z0-9\r\n]/.test(ch)) this.fail(key, `must be one character that is not a letter, digit or line break (got '${value}')`);
    return ch;
  }

  /** A warning for each key that was never read and that the engine does not read either. */
  unknownKeyWarnings(): string[] {
    return Object.keys(this.values)
      .filter((key) => !this.used.has(key) && !ENGINE_KEYS.includes(key) && !ENGINE_KEY_PREFIXES.some((p) => key.startsWith(p)))
      .map((key) => `${this.owner}: unknown property '${this.connectorName}.${key}' (ignored)`);
  }
}
